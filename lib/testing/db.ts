// A fresh, migrated database for one test file: in-memory PGlite by default, or (vitest project
// "postgres") a new database on the server of TEST_DATABASE_URL, dropped afterwards.
import { existsSync, readFileSync } from "node:fs";
import postgres from "postgres";
import type { Ctx, SystemActor } from "@/lib/context";
import { type DbHandle, openDb } from "@/lib/db/client";
import { templatePath } from "./global-setup";

export const SYSTEM: SystemActor = { kind: "system", via: "cli" };

export interface TestDb extends DbHandle {
  /** A context acting as the operator (CLI). */
  system: Ctx;
  /** The connection string of this database (PostgreSQL only). */
  url: string | null;
}

export async function createTestDb(): Promise<TestDb> {
  const base = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_DB !== "postgres" || !base) {
    const template = templatePath();
    const loadDataDir = existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
    const handle = await openDb({ PGLITE_DATA_DIR: "memory://" }, { loadDataDir });
    return { ...handle, system: { db: handle.db, actor: SYSTEM }, url: null };
  }
  const name = `steward_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDb({ DATABASE_URL: url.toString() });
  return {
    ...handle,
    system: { db: handle.db, actor: SYSTEM },
    url: url.toString(),
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
