// The one wrapper every route handler goes through: typed service errors become JSON errors with
// the right status, anything unexpected becomes a 500 without internal detail.
import "server-only";
import { ServiceError } from "@/lib/errors";

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export function jsonError(
  status: number,
  message: string,
  extra?: Record<string, unknown>,
  headers?: HeadersInit,
) {
  return Response.json({ error: message, ...extra }, { status, headers });
}

export function route<P = Record<string, string>>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      if (err instanceof ServiceError) {
        return jsonError(
          err.status,
          err.message,
          err.fieldErrors ? { fieldErrors: err.fieldErrors } : undefined,
        );
      }
      console.error(`[route] ${req.method} ${new URL(req.url).pathname} failed`, err);
      return jsonError(500, "Internal server error.");
    }
  };
}
