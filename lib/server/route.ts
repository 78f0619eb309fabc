// The wrappers every route handler goes through. `route` maps typed service errors to JSON with
// the right status, a database outage to a fast 503 with Retry-After, and hides anything
// unexpected behind a 500 without internal detail; `apiRoute` also authenticates the request's
// credential (lib/api-keys/verify.ts) and rate-limits failures.
import "server-only";
import { type Identity, principalOf, recordKeyUse, verifyAuthorization } from "@/lib/api-keys/verify";
import { noteAuthFailure } from "@/lib/audit/auth-failures";
import type { Ctx } from "@/lib/context";
import { databaseCircuit } from "@/lib/db/circuit";
import { getDb } from "@/lib/db/client";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "@/lib/db/health";
import { ServiceError } from "@/lib/errors";
import { clientIp } from "./client-ip";
import { authFailureLimiter } from "./rate-limit";

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
    const began = Date.now();
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
      if (isDatabaseUnavailable(err)) {
        databaseCircuit.noteError(err, began);
        return databaseUnavailable(req, err);
      }
      console.error(`[route] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return jsonError(500, "Internal server error.");
    }
  };
}

/** PostgreSQL is unreachable or restarting: the client should retry soon, and nothing was written. */
export function databaseUnavailable(req: Request, err: unknown): Response {
  // With the circuit open (err null) there is nothing new to log, once per request would flood.
  if (err) {
    const code = (err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code;
    console.warn(
      `[route] ${req.method} ${new URL(req.url).pathname}: database unavailable (${String(code ?? "-")})`,
    );
  }
  return jsonError(503, "The database is unavailable for a moment: try again in a few seconds.", undefined, {
    "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS),
  });
}

export interface ApiRequest<P> {
  params: P;
  /** The verified credential's identity; null for anonymous requests. */
  identity: Identity | null;
  /** Service context acting as that identity. */
  ctx: Ctx;
  ip: string | null;
}

export const UNAUTHENTICATED =
  "Invalid or missing credentials: send a valid API key (Authorization: Basic or Bearer).";

export function apiRoute<P = Record<string, string>>(
  handler: (req: Request, api: ApiRequest<P>) => Promise<Response>,
): Handler<P> {
  return route<P>(async (req, { params }) => {
    if (databaseCircuit.isOpen()) return databaseUnavailable(req, null);
    const db = await getDb();
    const ip = clientIp(req.headers);
    const check = await verifyAuthorization(req.headers.get("authorization"), db);
    if (!check.ok) {
      // The reason and key ID go to the log for operators; the caller learns nothing more.
      console.warn(`[auth] refused reason=${check.reason} keyId=${check.keyId ?? "-"} ip=${ip ?? "-"}`);
      noteAuthFailure({
        keyId: check.keyId,
        ip,
        userAgent: req.headers.get("user-agent"),
        reason: check.reason,
      });
      const retryAfter = authFailureLimiter.fail(ip ?? "unknown");
      if (retryAfter !== null) {
        return jsonError(429, "Too many failed authentication attempts: wait and try again.", undefined, {
          "Retry-After": String(retryAfter),
        });
      }
      return jsonError(401, UNAUTHENTICATED, undefined, { "WWW-Authenticate": 'Basic realm="steward"' });
    }
    if (check.identity) recordKeyUse(db, check.identity, ip);
    return handler(req, {
      params: await params,
      identity: check.identity,
      ctx: {
        db,
        actor: principalOf(check.identity),
        request: { ip, userAgent: req.headers.get("user-agent") },
      },
      ip,
    });
  });
}
