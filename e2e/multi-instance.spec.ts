// Several stateless instances on one PostgreSQL: a key revoked or a service account deactivated
// through one instance, or through the CLI, is refused by every instance within a second.
// Needs PostgreSQL (TEST_DATABASE_URL; CI provides one).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { basicAuth } from "./fixtures";
import { signIn, waitReady } from "./helpers";

const base = process.env.TEST_DATABASE_URL;
test.skip(!base, "needs PostgreSQL: set TEST_DATABASE_URL");
test.describe.configure({ mode: "serial", timeout: 120_000 });

const dbName = `steward_e2e_multi_${process.pid}`;
const databaseUrl = base ? Object.assign(new URL(base), { pathname: `/${dbName}` }).toString() : "";
const ports = [3411, 3412];
const origins = ports.map((p) => `http://localhost:${p}`);
const servers: ChildProcess[] = [];
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: "multi-instance-test-secret-0123456789abcdef",
  NEXT_TELEMETRY_DISABLED: "1",
  SEED_DEMO: "false",
};

function steward(...args: string[]): string {
  return execFileSync(process.execPath, ["scripts/steward.mjs", ...args], { env, encoding: "utf8" }).trim();
}

const whoami = async (origin: string, key: string) =>
  (await fetch(`${origin}/api/v1/whoami`, { headers: { Authorization: basicAuth(key) } })).status;

/** Milliseconds until `origin` refuses `key` (fails the test after 1 s). */
async function refusedWithin(origin: string, key: string, since: number): Promise<number> {
  while (Date.now() - since < 1000) {
    if ((await whoami(origin, key)) === 401) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${origin} still accepts the key 1 s later`);
}

let keys: { mia1: string; mia2: string; sa: string };

test.beforeAll(async () => {
  test.setTimeout(300_000); // four CLI runs and two server starts
  const admin = postgres(base!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  steward("seed");
  steward("sa", "create", "--team", "ml-platform", "ci-bot");
  keys = {
    mia1: steward("key", "create", "--user", "mia", "--name", "one"),
    mia2: steward("key", "create", "--user", "mia", "--name", "two"),
    sa: steward("key", "create", "--service-account", "ml-platform/ci-bot"),
  };
  for (const port of ports) {
    const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      env,
      stdio: "ignore",
    });
    servers.push(server);
  }
  await Promise.all(origins.map((origin) => waitReady(origin)));
});

test.afterAll(async () => {
  for (const s of servers) s.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  const admin = postgres(base!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
});

test("a key revoked through the CLI is refused by both instances within a second", async () => {
  for (const origin of origins) expect(await whoami(origin, keys.mia1)).toBe(200); // warm both caches
  const keyId = keys.mia1.slice(0, "stw_u-".length + 12);
  steward("key", "revoke", keyId);
  const since = Date.now(); // the CLI has committed and exited
  const elapsed = await Promise.all(origins.map((o) => refusedWithin(o, keys.mia1, since)));
  console.log(`CLI revocation refused by A / B after ${elapsed.join(" / ")} ms`);
});

test("a key revoked in instance A's settings page is refused by instance B within a second", async ({
  page,
}) => {
  for (const origin of origins) expect(await whoami(origin, keys.mia2)).toBe(200);
  await page.goto(`${origins[0]}/sign-in`);
  await signIn(page, "mia", undefined, origins[0]);
  await page.goto(`${origins[0]}/settings`);
  await page.getByRole("button", { name: /Revoke.*two/ }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(page.getByRole("dialog")).toHaveCount(0); // the revocation has committed
  const since = Date.now();
  const elapsed = await refusedWithin(origins[1], keys.mia2, since);
  console.log(`revocation on A refused by B after ${elapsed} ms`);
});

test("a service account deactivated through the CLI is refused by both instances within a second", async () => {
  for (const origin of origins) expect(await whoami(origin, keys.sa)).toBe(200);
  steward("sa", "deactivate", "ml-platform/ci-bot");
  const since = Date.now();
  await Promise.all(origins.map((o) => refusedWithin(o, keys.sa, since)));
  steward("sa", "reactivate", "ml-platform/ci-bot");
  for (const origin of origins) {
    await expect.poll(() => whoami(origin, keys.sa), { timeout: 1000 }).toBe(200);
  }
});
