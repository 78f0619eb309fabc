// The `steward` launcher as an operator runs it: a real process, on a data directory of its own.
// Each spawn takes a few seconds (tsx, database boot, migrations), so there are only a few.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { uniqueName } from "@/lib/testing/fixtures";

const LAUNCHER = path.join(process.cwd(), "scripts", "steward.mjs");
const onPostgres = process.env.TEST_DB === "postgres";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/steward.mjs ...argv` with the database chosen by `env` (and no other). */
function steward(argv: string[], env: { PGLITE_DATA_DIR?: string; DATABASE_URL?: string }): Promise<Run> {
  const { DATABASE_URL: _url, PGLITE_DATA_DIR: _dir, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LAUNCHER, ...argv],
      { cwd: process.cwd(), env: { ...inherited, ...env }, timeout: 150_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.skipIf(onPostgres)("steward on the embedded database", { timeout: 180_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "steward-cli-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a data directory another live process holds, saying how to proceed", async () => {
    const dataDir = path.join(dir, "locked");
    // This test runner is the live process "holding" the database.
    writeFileSync(`${dataDir}.lock`, String(process.pid));
    const run = await steward(["org", "list"], { PGLITE_DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(run.stderr).toContain(`is in use by another process (pid ${process.pid})`);
    expect(run.stderr).toMatch(/Stop it first, or run Steward on PostgreSQL \(set DATABASE_URL\)/);
    // The other process's lock is left alone.
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
  });

  it("keeps what one run creates for the next run, and releases the database between runs", async () => {
    const dataDir = path.join(dir, "fresh");
    const slug = uniqueName("spawned");
    const created = await steward(["org", "create", slug, "--plan", "enterprise"], {
      PGLITE_DATA_DIR: dataDir,
    });
    expect(created).toEqual({
      code: 0,
      stdout: `Created organization ${slug} (enterprise plan).\n`,
      stderr: "",
    });
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const listed = await steward(["org", "list", "--json"], { PGLITE_DATA_DIR: dataDir });
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(listed.stdout)).toEqual({
      organizations: [{ id: expect.stringMatching(/^org_/), slug, name: slug, plan: "enterprise" }],
    });
  });
});

describe.runIf(onPostgres)("steward on PostgreSQL", { timeout: 180_000 }, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps what one run creates for the next run", async () => {
    const slug = uniqueName("spawned");
    const env = { DATABASE_URL: t.url! };
    const created = await steward(["org", "create", slug], env);
    expect(created).toEqual({ code: 0, stdout: `Created organization ${slug} (free plan).\n`, stderr: "" });
    const listed = await steward(["--json", "org", "list"], env);
    expect(listed).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(listed.stdout)).toEqual({
      organizations: [{ id: expect.stringMatching(/^org_/), slug, name: slug, plan: "free" }],
    });
  });
});
