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
