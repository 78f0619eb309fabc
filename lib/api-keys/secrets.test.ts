// A key's plaintext exists only in its creation response: after creating keys every way there
// is and using them, no table holds one (only hashes and key IDs).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, makeWorld, uniqueName } from "@/lib/testing/fixtures";
import { createPersonalApiKey } from "@/lib/users/profile";
import { KEY_PATTERN } from "./format";
import { revokeApiKey, rotateApiKey } from "./service";
import { recordKeyUse, verifyAuthorization } from "./verify";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

it("no table holds a key, whichever way it was created and used", async () => {
  const w = await makeWorld(t.db);
  const admin = await as(t.db, w.users.orgAdmin);
  const keys: string[] = [];
  const sa = await createServiceAccount(admin, {
    scope: "team",
    team: w.team.name,
    name: uniqueName("s"),
    withKey: true,
  });
  keys.push(sa.key!.key);
  const rotated = await rotateApiKey(admin, sa.key!.keyId, "1h");
  keys.push(rotated.created.key);
  const personal = await createPersonalApiKey(await as(t.db, w.users.member), {
    name: "laptop",
    expiry: "30d",
  });
  keys.push(personal.key);
  const cli = await createServiceAccount(t.system, {
    scope: "org",
    org: w.org.slug,
    defaultTeam: w.team.name,
    name: uniqueName("o"),
    withKey: true,
  });
  keys.push(cli.key!.key);
  for (const key of keys) {
    const check = await verifyAuthorization(`Bearer ${key}`, t.db);
    if (check.ok && check.identity) recordKeyUse(t.db, check.identity, "192.0.2.1");
  }
  await revokeApiKey(admin, rotated.created.keyId);
  await new Promise((r) => setTimeout(r, 200)); // last-used writes land off the request path

  const tables = (await t.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as { rows?: { table_name: string }[] } | { table_name: string }[];
  const names = (Array.isArray(tables) ? tables : (tables.rows ?? [])).map((r) => r.table_name);
  expect(names).toEqual(expect.arrayContaining(["api_keys", "audit_events", "service_accounts"]));
  for (const table of names) {
    const result = (await t.db.execute(sql.raw(`select * from "${table}"`))) as unknown as
      | { rows?: unknown[] }
      | unknown[];
    const dump = JSON.stringify(Array.isArray(result) ? result : result.rows);
    for (const key of keys) expect(dump, `${table} holds a key`).not.toContain(key);
    expect(KEY_PATTERN.test(dump), `${table} holds something shaped like a key`).toBe(false);
  }
});
