// Vitest global setup: one migrated embedded database, dumped once, which every test file loads
// instead of running initdb and the migrations again (about three times faster per file).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDb } from "@/lib/db/client";

export function templatePath(): string {
  const migrations = path.join(process.cwd(), "drizzle");
  const hash = createHash("sha256");
  for (const file of readdirSync(migrations).sort()) {
    if (file.endsWith(".sql")) hash.update(readFileSync(path.join(migrations, file)));
  }
  return path.join(tmpdir(), `steward-test-template-${hash.digest("hex").slice(0, 16)}.tar`);
}

export default async function setup() {
  const file = templatePath();
  if (existsSync(file)) return;
  const handle = await openDb({ PGLITE_DATA_DIR: "memory://" });
  const client = (handle.db as unknown as { $client: { dumpDataDir: (c: "none") => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  await handle.close();
  writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.tmp`, file);
}
