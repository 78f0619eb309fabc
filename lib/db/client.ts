// Opens the app's database: real PostgreSQL (postgres.js) when DATABASE_URL is set, else the
// embedded PGlite in .data/pglite. Migrations in ./drizzle are applied before a handle is returned.
import "server-only";
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** Either driver's database (PGlite or postgres.js), or an open transaction of it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction is a Db too; the alias says "this may run inside the caller's transaction". */
export type Tx = Db;

export type DbKind = "pglite" | "postgres";
export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Where the embedded database lives (null on PostgreSQL). */
  dataDir: string | null;
  /**
   * LISTEN on a channel. `onListen` runs when the subscription is (re)established: notifications
   * sent while it was down are lost, so callers resynchronise there. Resolves to an unsubscribe.
   */
  listen: (
    channel: string,
    onNotify: (payload: string) => void,
    onListen: () => void,
  ) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
}

type Env = Record<string, string | undefined>;

const migrationsFolder = path.join(process.cwd(), "drizzle");

export function embeddedDataDir(env: Env = process.env): string {
  return env.PGLITE_DATA_DIR || path.join(process.cwd(), ".data", "pglite");
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}), probably the ` +
        "running server. Stop it first, or run Steward on PostgreSQL (set DATABASE_URL) so several " +
        "processes can share the database.",
    );
    this.name = "DataDirLockedError";
  }
}

export interface OpenOptions {
  /** Start the embedded database from a dump (tests: a migrated template, instead of initdb). */
  loadDataDir?: Blob;
}

export async function openDb(env: Env = process.env, options: OpenOptions = {}): Promise<DbHandle> {
  const url = env.DATABASE_URL;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(url, {
      max: Number(env.DATABASE_POOL_SIZE ?? 10),
      onnotice: () => {},
      // While PostgreSQL is down, requests must fail fast (503) and the pool must come back soon
      // after it returns. postgres.js fails the queries queued for a connection one per connection
      // attempt, and waits `backoff` seconds (its retry count is shared by the pool) between
      // attempts: its default grows to 20 s, and with 1 s a burst of 100 queued queries on 10
      // connections still waited 10 s (scripts/resilience). With the circuit open (lib/db/circuit.ts)
      // only its probe queues, so frequent attempts cost nothing.
      connect_timeout: Number(env.DATABASE_CONNECT_TIMEOUT ?? 3),
      backoff: (retries: number) => Math.min(0.02 * 2 ** retries, 0.1),
    });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: "postgres",
      dataDir: null,
      // postgres.js keeps one dedicated LISTEN connection, reconnects it with backoff and calls
      // onlisten again after every reconnect.
      listen: async (channel, onNotify, onListen) => {
        const { unlisten } = await client.listen(channel, onNotify, onListen);
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = embeddedDataDir(env);
  const inMemory = dir.startsWith("memory://");
  const unlock = inMemory ? () => {} : lockDataDir(dir);
  try {
    const client = await PGlite.create(dir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: "pglite",
      dataDir: inMemory ? null : dir,
      // One process, one connection: NOTIFY from a transaction reaches LISTEN in this same process.
      listen: async (channel, onNotify, onListen) => {
        const unsubscribe = await client.listen(channel, onNotify);
        onListen();
        return unsubscribe;
      },
      close: async () => {
        await client.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * PGlite has no cross-process lock: a second process opening the same directory "works" and
 * silently loses writes. An exclusive pid file beside the directory turns that into a clear error.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockPath, "utf8") === String(process.pid)) unlinkSync(lockPath);
        } catch {}
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) throw new DataDirLockedError(dir, owner);
      unlinkSync(lockPath); // stale lock left by a killed process
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

// One handle per process. Next evaluates modules in several bundles (instrumentation, route
// handlers, server actions), and PGlite must never be opened twice, so it lives on globalThis.
const g = globalThis as unknown as { __stewardDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  g.__stewardDb ??= openDb().catch((err) => {
    g.__stewardDb = undefined;
    throw err;
  });
  return g.__stewardDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
