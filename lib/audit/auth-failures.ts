// Failed authentications in the audit log, one `auth:failed` event per key ID, client IP and
// minute with a count, so a credential-stuffing burst is one row a minute, not one per request.
// The first failure of a minute is written at once (an operator sees it immediately); later
// ones only raise a counter in memory, written every minute and on shutdown. Never the key:
// only the key ID the verifier parsed from it (lib/api-keys/verify.ts).
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { accessTokens, apiKeys, auditEvents, users } from "@/lib/db/schema";
import { findServiceAccountById } from "@/lib/service-accounts/lookup";

export interface AuthFailure {
  /** The key or token ID of a well-formed credential; absent for malformed ones. */
  keyId?: string;
  ip: string | null;
  userAgent: string | null;
  /** malformed | unknown | revoked | expired | owner_inactive */
  reason: string;
}

interface Bucket {
  minute: number;
  /** The event's id once written (null when the write failed). */
  eventId: Promise<number | null>;
  count: number;
  written: number;
  reasons: Set<string>;
}

const MINUTE = 60_000;
const MAX_BUCKETS = 10_000;

export class AuthFailureAggregator {
  private readonly buckets = new Map<string, Bucket>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one failure; never throws, never delays the refused request. */
  note(failure: AuthFailure): void {
    const minute = Math.floor(this.now() / MINUTE);
    const keyId = failure.keyId?.slice(0, 40) ?? null;
    const id = `${minute}|${keyId ?? "-"}|${failure.ip ?? "-"}`;
    const bucket = this.buckets.get(id);
    if (bucket) {
      bucket.count++;
      bucket.reasons.add(failure.reason);
      return;
    }
    // Under a flood of distinct IPs, stop opening rows for the minute rather than grow without bound.
    if (this.buckets.size >= MAX_BUCKETS) return;
    const eventId = this.insert(minute, keyId, failure).catch((err) => {
      console.warn(
        "[audit] could not record a failed authentication:",
        err instanceof Error ? err.message : err,
      );
      return null;
    });
    this.buckets.set(id, { minute, eventId, count: 1, written: 1, reasons: new Set([failure.reason]) });
    this.startTimer();
  }

  /** Writes the counts gathered since the last flush; forgets the minutes that are over. */
  async flush(): Promise<void> {
    const current = Math.floor(this.now() / MINUTE);
    for (const [id, bucket] of this.buckets) {
      if (bucket.minute < current) this.buckets.delete(id);
      const eventId = await bucket.eventId;
      if (eventId === null || bucket.count === bucket.written) continue;
      const count = bucket.count;
      bucket.written = count;
      try {
        const db = await this.db();
        await db
          .update(auditEvents)
          .set({
            details: sql`coalesce(${auditEvents.details}, '{}'::jsonb) || ${JSON.stringify({
              count,
              reasons: [...bucket.reasons].sort(),
            })}::jsonb`,
          })
          .where(eq(auditEvents.id, eventId));
      } catch (err) {
        console.warn(
          "[audit] could not update a failed-authentication count:",
          err instanceof Error ? err.message : err,
        );
      }
    }
  }

  /** Stops the minute timer (tests; the server's timer never keeps the process alive). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private startTimer() {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), MINUTE);
    this.timer.unref?.();
  }

  private async insert(minute: number, keyId: string | null, failure: AuthFailure): Promise<number> {
    const db = await this.db();
    const owner = keyId ? await credentialOwner(db, keyId) : null;
    const [row] = await db
      .insert(auditEvents)
      .values({
        orgId: owner?.orgId ?? null,
        teamId: owner?.teamId ?? null,
        actorKind: "anonymous",
        credentialId: keyId,
        action: "auth:failed",
        targetKind: owner?.kind ?? null,
        targetId: owner?.id ?? null,
        targetName: owner?.name ?? null,
        ip: failure.ip,
        userAgent: failure.userAgent?.slice(0, 500) ?? null,
        outcome: "failure",
        details: {
          keyId,
          count: 1,
          reasons: [failure.reason],
          minute: new Date(minute * MINUTE).toISOString(),
        },
      })
      .returning({ id: auditEvents.id });
    return row!.id;
  }
}

/** Whose key was tried: the event goes to that service account's org, or names the user. */
async function credentialOwner(db: Db, keyId: string) {
  let serviceAccountId: string | null = null;
  if (keyId.startsWith("stw_at-")) {
    const [token] = await db
      .select({ sa: accessTokens.serviceAccountId })
      .from(accessTokens)
      .where(eq(accessTokens.tokenId, keyId))
      .limit(1);
    serviceAccountId = token?.sa ?? null;
  } else {
    const [key] = await db
      .select({ sa: apiKeys.serviceAccountId, userId: apiKeys.userId, username: users.username })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.keyId, keyId))
      .limit(1);
    if (key?.userId) {
      return { kind: "user", id: key.userId, name: key.username, orgId: null, teamId: null };
    }
    serviceAccountId = key?.sa ?? null;
  }
  const sa = serviceAccountId ? await findServiceAccountById(db, serviceAccountId) : null;
  return sa
    ? {
        kind: "service_account",
        id: sa.id,
        name: `${sa.teamName}/${sa.name}`,
        orgId: sa.orgId,
        teamId: sa.teamId,
      }
    : null;
}

// One aggregator per process (Next evaluates modules in several bundles), flushed on shutdown.
const g = globalThis as unknown as { __stewardAuthFailures?: AuthFailureAggregator };

export function authFailures(): AuthFailureAggregator {
  if (!g.__stewardAuthFailures) {
    g.__stewardAuthFailures = new AuthFailureAggregator(async () =>
      (await import("@/lib/db/client")).getDb(),
    );
    flushOnShutdown(g.__stewardAuthFailures);
  }
  return g.__stewardAuthFailures;
}

function flushOnShutdown(aggregator: AuthFailureAggregator) {
  process.once("beforeExit", () => void aggregator.flush());
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      void aggregator.flush().finally(() => {
        // Listening replaced Node's default exit: when no one else (Next) handles the signal, exit as it would.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    process.once(signal, onSignal);
  }
}

/** The hook for the places that refuse a credential (lib/server/route.ts). */
export function noteAuthFailure(failure: AuthFailure): void {
  authFailures().note(failure);
}
