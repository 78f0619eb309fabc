// Cross-instance invalidation of cached credentials. Every write that changes what a credential
// may do publishes tags with pg_notify inside its own transaction (delivered on commit, never for
// a rollback); every instance LISTENs and drops the cached entries carrying those tags.
import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DbHandle, Tx } from "@/lib/db/client";

export const AUTH_CHANNEL = "steward_auth";

/**
 * What changed: `key:<keyId>`, `sa:<serviceAccountId>`, `user:<userId>` (roles, memberships),
 * `org:<orgId>` (plan), `issuer:<jwtIssuerId>` (removed), or `*` (everything).
 */
export type AuthTag =
  | `key:${string}`
  | `sa:${string}`
  | `user:${string}`
  | `org:${string}`
  | `issuer:${string}`
  | "*";

export async function publishAuthChange(db: Db | Tx, tags: AuthTag[]): Promise<void> {
  if (!tags.length) return;
  // NOTIFY payloads are limited to 8000 bytes: fall back to a full flush for huge changes.
  const payload = JSON.stringify(tags);
  await db.execute(sql`select pg_notify(${AUTH_CHANNEL}, ${payload.length < 7000 ? payload : '["*"]'})`);
}

export interface InvalidationTarget {
  invalidate: (tags: readonly string[]) => void;
  clear: () => void;
}

/** Subscribes `target` to the channel; a (re)connect clears it, since notifications may be lost. */
export function subscribeAuthChanges(handle: DbHandle, target: InvalidationTarget) {
  return handle.listen(
    AUTH_CHANNEL,
    (payload) => {
      try {
        const tags = JSON.parse(payload) as string[];
        if (tags.includes("*")) target.clear();
        else target.invalidate(tags);
      } catch {
        target.clear(); // an unreadable message: be safe
      }
    },
    () => {
      // Also after a reconnect (PostgreSQL restarted, connection dropped): what changed meanwhile
      // was never announced to this instance, so nothing cached before can be trusted.
      target.clear();
      console.info(`[auth] listening on ${AUTH_CHANNEL}: credential cache cleared`);
    },
  );
}
