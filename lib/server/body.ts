// Request bodies for the API routes: JSON up to 10 MiB, with a clear 400/413 instead of a 500.
import "server-only";
import { ServiceError } from "@/lib/errors";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

class PayloadTooLarge extends ServiceError {
  constructor() {
    super(`The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`, 413);
  }
}

/** Reads the body as text, refusing more than `limit` bytes (without buffering more than that). */
export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (!text.trim()) throw new ServiceError("The request body is empty: send JSON.", 400);
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceError("The request body is not valid JSON.", 400);
  }
}
