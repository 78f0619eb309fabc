// Credential verification in process (no HTTP): a cached key, uncached keys (the database lookup),
// a malformed key (refused by its checksum), and how many queries each path issues.
import { performance } from "node:perf_hooks";
import { createApiKey } from "@/lib/api-keys/service";
import { keyCache, principalOf, verifyAuthorization } from "@/lib/api-keys/verify";
import type { Db } from "@/lib/db/client";
import { addOrganizationMember, createOrganization } from "@/lib/orgs/service";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { addTeamMember, createTeam } from "@/lib/teams/service";
import { createUser, findUserByLogin } from "@/lib/users/service";
import { graphqlHttp } from "@/lib/wandb/graphql";

export interface KeyFigure {
  figure: string;
  value: number;
  unit: string;
  note?: string;
}

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

export async function benchKeys(db: Db, verify = verifyAuthorization): Promise<KeyFigure[]> {
  const ctx = { db, actor: { kind: "system", via: "cli" } as const };
  await createOrganization(ctx, { slug: "keys-bench", plan: "enterprise" });
  await createTeam(ctx, "keys-bench", "keys-bench-team");
  await createUser(ctx, {
    username: "keys-bench-user",
    email: "keys-bench@example.com",
    password: "bench-password",
  });
  await addOrganizationMember(ctx, "keys-bench", {
    kind: "existing",
    login: "keys-bench-user",
    role: "member",
  });
  await addTeamMember(ctx, "keys-bench-team", "keys-bench-user", "member");
  const saKeys: string[] = [];
  for (let i = 0; i < 200; i++) {
    const { key } = await createServiceAccount(ctx, {
      scope: "team",
      team: "keys-bench-team",
      name: `sa-${i}`,
      withKey: true,
    });
    saKeys.push(key!.key);
  }
  const userId = (await findUserByLogin(db, "keys-bench-user"))!.id;
  const owner = { kind: "user" as const, userId, username: "keys-bench-user" };
  const userKeys: string[] = [];
  for (let i = 0; i < 100; i++) userKeys.push((await createApiKey(ctx, { owner, name: `bench-${i}` })).key);
  const userKey = userKeys[0]!;
  const header = (k: string) => `Basic ${Buffer.from(`api:${k}`).toString("base64")}`;

  const counter = countingDb(db);
  keyCache.clear();
  await verify(header(saKeys[0]!), counter.db);
  const saUncachedQueries = counter.take();
  await verify(header(userKey), counter.db);
  const userUncachedQueries = counter.take();
  await verify(header(saKeys[0]!), counter.db);
  await verify(header(userKey), counter.db);
  const cachedQueries = counter.take();

  keyCache.clear();
  let t0 = performance.now();
  for (const k of saKeys) await verify(header(k), db);
  const uncachedUs = ((performance.now() - t0) * 1000) / saKeys.length;
  keyCache.clear();
  t0 = performance.now();
  for (const k of userKeys) await verify(header(k), db);
  const uncachedUserUs = ((performance.now() - t0) * 1000) / userKeys.length;

  const iterations = 200_000;
  const warm = header(saKeys[0]!);
  await verify(warm, db);
  t0 = performance.now();
  for (let i = 0; i < iterations; i++) await verify(warm, db);
  const cachedUs = ((performance.now() - t0) * 1000) / iterations;

  const malformed = header("stw_sa-not-a-valid-key-at-all-00000000000000000");
  t0 = performance.now();
  for (let i = 0; i < iterations; i++) await verify(malformed, db);
  const malformedUs = ((performance.now() - t0) * 1000) / iterations;

  // What the app itself adds to a GraphQL `viewer` request, without Next's request handling: the
  // share of the HTTP figure (about 1 ms a request on this machine) that is ours to make faster.
  const viewerBody = JSON.stringify({ query: "query Viewer { viewer { id username entity } }" });
  const viewerRequest = () =>
    new Request("http://bench/graphql", {
      method: "POST",
      headers: { authorization: warm, "content-type": "application/json" },
      body: viewerBody,
    });
  // Next builds the Request; the app's work starts with it: apiRoute's verification, then the
  // route's handler.
  const viewerOnce = async (req: Request) => {
    const check = await verify(req.headers.get("authorization"), db);
    const identity = check.ok ? check.identity : null;
    const ctx = { db, actor: principalOf(identity), request: { ip: null, userAgent: null } };
    await (await graphqlHttp(req, { ctx, identity })).text();
  };
  for (let i = 0; i < 2_000; i++) await viewerOnce(viewerRequest());
  const viewerIterations = 20_000;
  let viewerMs = 0;
  for (let batch = 0; batch < viewerIterations / 1_000; batch++) {
    const requests = Array.from({ length: 1_000 }, viewerRequest);
    t0 = performance.now();
    for (const req of requests) await viewerOnce(req);
    viewerMs += performance.now() - t0;
  }
  const viewerUs = (viewerMs * 1000) / viewerIterations;

  return [
    {
      figure: "GraphQL viewer's own work (verify, read body, resolve, serialize)",
      value: viewerUs,
      unit: "µs/op",
      note: `${viewerIterations} requests in process, no HTTP`,
    },
    { figure: "verify a cached key", value: cachedUs, unit: "µs/op", note: `${iterations} verifications` },
    {
      figure: "verify an uncached service-account key",
      value: uncachedUs,
      unit: "µs/op",
      note: "200 distinct keys, cold cache",
    },
    {
      figure: "verify an uncached personal key",
      value: uncachedUserUs,
      unit: "µs/op",
      note: "100 distinct keys, cold cache",
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
