// Readiness: the database answers a query and the last migration in ./drizzle is applied.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDbHandle } from "./client";

function expectedMigrations(): number {
  const journal = JSON.parse(
    readFileSync(path.join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8"),
  );
  return (journal.entries as unknown[]).length;
}

export async function checkReadiness(): Promise<{
  status: "ready" | "unavailable";
  database?: string;
  reason?: string;
}> {
  try {
    const { db, kind } = await getDbHandle();
    const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    const applied = rows[0]?.n ?? 0;
    if (applied < expectedMigrations()) {
      return { status: "unavailable", database: kind, reason: "migrations pending" };
    }
    return { status: "ready", database: kind };
  } catch {
    return { status: "unavailable", reason: "database unreachable" };
  }
}

/**
 * A new connection cannot be made: nothing listens, the host is unknown or silent, or PostgreSQL is
 * starting up (57P03). While this holds, every request would fail: lib/db/circuit.ts opens.
 */
const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "57P03",
]);

/**
 * An open connection broke (PostgreSQL stopping, 57P01-57P02, or the socket closing), or no
 * connection slot was free (53300): this request failed, but a fresh connection may work.
 */
const CONNECTION_LOST = new Set([
  "ECONNRESET",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "53300",
]);

/**
 * SQLSTATEs that say "try again" rather than "your request is wrong" while the database itself is
 * fine: a statement timeout (57014), a serialization failure or deadlock (40001, 40P01).
 */
const RETRY_SQLSTATES = new Set(["57014", "40001", "40P01"]);

/** The code of the error a page load throws while the circuit is open (lib/db/circuit.ts). */
export const CIRCUIT_OPEN = "CIRCUIT_OPEN";

/** Searches an error and its causes (Drizzle wraps driver errors) for a code `test` accepts. */
function hasCode(err: unknown, test: (code: string) => boolean): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && test(code)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => hasCode(inner, test))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Whether an error means no connection to PostgreSQL can be made right now (the circuit opens). */
export function isDatabaseUnreachable(err: unknown): boolean {
  return hasCode(err, (code) => CONNECT_FAILURES.has(code));
}

/**
 * Whether an error means the database is unavailable for a moment (so the caller should answer
 * 503 with Retry-After) instead of a bug (500): connection exceptions (class 08) included.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return hasCode(
    err,
    (code) =>
      CONNECT_FAILURES.has(code) ||
      CONNECTION_LOST.has(code) ||
      RETRY_SQLSTATES.has(code) ||
      code === CIRCUIT_OPEN ||
      code.startsWith("08"),
  );
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
