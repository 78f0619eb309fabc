// A circuit breaker for PostgreSQL outages. Without it every request during an outage queues for a
// pool connection, and the pool fails them only as fast as it retries connecting: with 50 clients
// and 10 connections a request waited 5 s for its 503 (scripts/resilience, scenario 2). Once a
// query fails because PostgreSQL is unreachable the circuit opens: API requests and server actions
// answer 503 at once, and one background probe (`select 1`) closes it when PostgreSQL answers.
import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "./client";
import { CIRCUIT_OPEN, isDatabaseUnreachable } from "./health";

export interface Circuit {
  /** True while the database is known to be unreachable: answer 503 without trying. */
  isOpen(): boolean;
  /**
   * Reports an error from work that began at `began` (Date.now()); opens the circuit if it says
   * the database is unreachable. Work begun before the circuit last closed says nothing new: a
   * connection attempt made while PostgreSQL was starting can fail seconds after it answers again.
   */
  noteError(err: unknown, began?: number): void;
}

export interface CircuitOptions {
  /** Resolves once the database answers; rejects while it does not. */
  probe: () => Promise<unknown>;
  /** Pause between probes, in milliseconds. */
  intervalMs?: number;
  /** A probe that has not answered by then counts as failed (a hung connection must not keep the circuit open). */
  probeTimeoutMs?: number;
  log?: (message: string) => void;
}

export function createCircuit({
  probe,
  intervalMs = 200,
  probeTimeoutMs = 3000,
  log = console.warn,
}: CircuitOptions): Circuit {
  let open = false;
  let closedAt = 0;

  function probeWithDeadline(): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error("the probe did not answer"), { code: "CONNECT_TIMEOUT" })),
        probeTimeoutMs,
      );
    });
    return Promise.race([probe(), deadline]).finally(() => clearTimeout(timer));
  }

  async function probeUntilClosed() {
    while (open) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      try {
        await probeWithDeadline();
        open = false;
        closedAt = Date.now();
        log("[db] reachable again: circuit closed");
      } catch (err) {
        // Any other failure is not an outage: stop refusing and let requests report it.
        if (!isDatabaseUnreachable(err)) open = false;
      }
    }
  }

  return {
    isOpen: () => open,
    noteError(err, began = Date.now()) {
      if (open || began < closedAt || !isDatabaseUnreachable(err)) return;
      open = true;
      log("[db] unreachable: answering 503 until a probe succeeds");
      void probeUntilClosed();
    },
  };
}

/** The process's circuit for the app database. */
export const databaseCircuit = createCircuit({
  probe: async () => (await getDb()).execute(sql`select 1`),
});

/** What a page load throws while the circuit is open, instead of waiting for a connection. */
export class DatabaseUnavailableError extends Error {
  readonly code = CIRCUIT_OPEN;
  constructor() {
    super("The database is unavailable for a moment.");
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * For page loads (server components): while PostgreSQL is known to be unreachable, fail at once
 * (the error page offers to retry) rather than hold the visitor for the connect timeout.
 */
export function assertDatabaseReachable(): void {
  if (databaseCircuit.isOpen()) throw new DatabaseUnavailableError();
}
