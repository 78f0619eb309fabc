// `Idempotency-Key` on the REST API's creates: a client that retries after a timeout gets the first
// response instead of a second service account. The same key with the same body replays the stored
// response; with another body (or on another endpoint) it is refused with 422; while the first request
// still runs, a retry gets 409. Keys are per caller and expire after 24 hours. A failed request stores
// nothing, so it may be retried with the same key. Replayed bodies never hold a created key's secret:
// the endpoint redacts the body before it is stored (see the key endpoints).
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { idempotencyKeys } from "@/lib/db/schema";
import { RestProblem } from "./problem";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A request that has held its key this long without finishing crashed: its key may be taken over. */
const ABANDONED_AFTER_MS = 5 * 60 * 1000;

export interface IdempotentRequest {
  principal: string;
  key: string;
  endpoint: string;
  requestHash: string;
}

export type Claim = { kind: "claimed" } | { kind: "replay"; status: number; body: unknown };

/** Checks the header: 1-255 visible ASCII characters (a UUID is the usual choice). */
export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw new RestProblem(
      "validation-failed",
      "The Idempotency-Key header must be 1-255 visible ASCII characters.",
      {
        "Idempotency-Key": ["Use a fresh UUID per logical request."],
      },
    );
  }
  return header;
}

/** The same JSON in any key order hashes the same. */
export function hashRequest(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Claims the key for this request, or answers how an earlier request with it ended. */
export async function claimIdempotencyKey(db: Db | Tx, req: IdempotentRequest): Promise<Claim> {
  await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, sql`now()`));
  for (let attempt = 0; attempt < 2; attempt++) {
    const [claimed] = await db
      .insert(idempotencyKeys)
      .values({ ...req, expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS) })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed) return { kind: "claimed" };
    const [earlier] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.principal, req.principal), eq(idempotencyKeys.key, req.key)))
      .limit(1);
    if (!earlier) continue; // released in between: claim again
    if (earlier.endpoint !== req.endpoint || earlier.requestHash !== req.requestHash) {
      throw new RestProblem(
        "idempotency-key-reused",
        "This Idempotency-Key was already used for a different request: use a new key for a new request.",
      );
    }
    if (earlier.state === "completed") {
      return { kind: "replay", status: earlier.responseStatus ?? 200, body: earlier.responseBody };
    }
    if (Date.now() - earlier.createdAt.getTime() > ABANDONED_AFTER_MS) {
      await releaseIdempotencyKey(db, req);
      continue;
    }
    throw new RestProblem(
      "idempotency-key-in-use",
      "A request with this Idempotency-Key is still running: wait for it, then retry to get its response.",
      undefined,
      { "retry-after": "1" },
    );
  }
  throw new RestProblem("idempotency-key-in-use", "The Idempotency-Key is busy: retry in a moment.");
}

/** Stores the response a retry replays (already redacted by the caller). */
export async function completeIdempotencyKey(
  db: Db | Tx,
  req: IdempotentRequest,
  status: number,
  body: unknown,
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ state: "completed", responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.principal, req.principal), eq(idempotencyKeys.key, req.key)));
}

/** The request failed: nothing is stored, and the key may be used again. */
export async function releaseIdempotencyKey(db: Db | Tx, req: IdempotentRequest): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, req.principal), eq(idempotencyKeys.key, req.key)));
}
