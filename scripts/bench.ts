// `npm run bench`: measured, not asserted. Prints a markdown table (or one JSON object with
// --json). Sections: `--only keys` (credential verification in process). Database: the embedded
// one in memory, or PostgreSQL when DATABASE_URL is set.
import { performance } from "node:perf_hooks";
import { createApiKey } from "@/lib/api-keys/service";
import { keyCache, verifyAuthorization } from "@/lib/api-keys/verify";
import { type Db, openDb } from "@/lib/db/client";
import { addOrganizationMember, createOrganization } from "@/lib/orgs/service";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { addTeamMember, createTeam } from "@/lib/teams/service";
import { createUser, findUserByLogin } from "@/lib/users/service";

interface Row {
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

/** Counts the queries a piece of code issues through drizzle (select/insert/update/delete/execute). */
function countingDb(db: Db) {
  let queries = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (["select", "insert", "update", "delete", "execute"].includes(String(prop))) queries++;
      return Reflect.get(target, prop, receiver);
    },
  });
  const take = () => {
    const n = queries;
    queries = 0;
    return n;
  };
  return { db: proxy, take };
}

async function benchKeys(db: Db): Promise<Row[]> {
  const ctx = { db, actor: { kind: "system", via: "cli" } as const };
  await createOrganization(ctx, { slug: "bench", plan: "enterprise" });
  await createTeam(ctx, "bench", "bench-team");
  await createUser(ctx, { username: "bench-user", email: "bench@example.com", password: "bench-password" });
  await addOrganizationMember(ctx, "bench", { kind: "existing", login: "bench-user", role: "member" });
  await addTeamMember(ctx, "bench-team", "bench-user", "member");
  const saKeys: string[] = [];
  for (let i = 0; i < 200; i++) {
    const { key } = await createServiceAccount(ctx, {
      scope: "team",
      team: "bench-team",
      name: `sa-${i}`,
      withKey: true,
    });
    saKeys.push(key!.key);
  }
  const userId = (await findUserByLogin(db, "bench-user"))!.id;
  const userKey = (
    await createApiKey(ctx, { owner: { kind: "user", userId, username: "bench-user" }, name: "bench" })
  ).key;
  const header = (k: string) => `Basic ${Buffer.from(`api:${k}`).toString("base64")}`;

  const counter = countingDb(db);
  keyCache.clear();
  await verifyAuthorization(header(saKeys[0]!), counter.db);
  const saUncachedQueries = counter.take();
  await verifyAuthorization(header(userKey), counter.db);
  const userUncachedQueries = counter.take();
  await verifyAuthorization(header(saKeys[0]!), counter.db);
  await verifyAuthorization(header(userKey), counter.db);
  const cachedQueries = counter.take();

  keyCache.clear();
  let t0 = performance.now();
  for (const k of saKeys) await verifyAuthorization(header(k), db);
  const uncachedUs = ((performance.now() - t0) * 1000) / saKeys.length;

  const iterations = 200_000;
  const warm = header(saKeys[0]!);
  await verifyAuthorization(warm, db);
  t0 = performance.now();
  for (let i = 0; i < iterations; i++) await verifyAuthorization(warm, db);
  const cachedUs = ((performance.now() - t0) * 1000) / iterations;

  const malformed = header("stw_sa-not-a-valid-key-at-all-00000000000000000");
  t0 = performance.now();
  for (let i = 0; i < iterations; i++) await verifyAuthorization(malformed, db);
  const malformedUs = ((performance.now() - t0) * 1000) / iterations;

  return [
    { figure: "verify a cached key", value: cachedUs, unit: "µs/op", note: `${iterations} verifications` },
    {
      figure: "verify an uncached service-account key",
      value: uncachedUs,
      unit: "µs/op",
      note: "200 distinct keys, cold cache",
    },
    {
      figure: "refuse a malformed key (checksum)",
      value: malformedUs,
      unit: "µs/op",
      note: "no database work",
    },
    { figure: "queries: uncached service-account key", value: saUncachedQueries, unit: "queries" },
    { figure: "queries: uncached personal key", value: userUncachedQueries, unit: "queries" },
    { figure: "queries: cached keys (2 requests)", value: cachedQueries, unit: "queries" },
  ];
}

const handle = await openDb(process.env.DATABASE_URL ? process.env : { PGLITE_DATA_DIR: "memory://" });
try {
  const rows: Row[] = [];
  if (!only || only === "keys") rows.push(...(await benchKeys(handle.db)));
  if (json) {
    console.log(JSON.stringify({ database: handle.kind, results: rows }));
  } else {
    console.log(`\nDatabase: ${handle.kind}\n`);
    console.log("| figure | value | unit | note |\n|---|---:|---|---|");
    for (const r of rows) {
      const v = Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(r.value < 10 ? 2 : 0);
      console.log(`| ${r.figure} | ${v} | ${r.unit} | ${r.note ?? ""} |`);
    }
  }
} finally {
  await handle.close();
}
