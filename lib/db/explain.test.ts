// The hot queries' plans on a database big enough that the planner prefers an index when one fits:
// no sequential scan of a big table (api_keys, service_accounts, audit_events). The queries are
// built the way the code builds them (same conditions and ordering); `npm run bench` measures them.
import { and, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { apiKeys, auditEvents, organizations, serviceAccounts, teams } from "@/lib/db/schema";
import { selectServiceAccounts } from "@/lib/service-accounts/lookup";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { BENCH_ORG, generateDataset } from "@/scripts/bench/dataset";

const BIG_TABLES = ["api_keys", "service_accounts", "audit_events"];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function plan(db: Db, query: SQL | { getSQL(): SQL }): Promise<PlanNode> {
  const result = await db.execute(sql`explain (format json) ${query}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
  const cell = rows[0]!["QUERY PLAN"];
  const parsed = (typeof cell === "string" ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
  return parsed[0]!.Plan;
}

/** The big tables a plan reads sequentially, e.g. ["audit_events"]. */
async function seqScans(db: Db, query: SQL | { getSQL(): SQL }): Promise<string[]> {
  return nodes(await plan(db, query))
    .filter((n) => n["Node Type"] === "Seq Scan" && BIG_TABLES.includes(n["Relation Name"] ?? ""))
    .map((n) => n["Relation Name"]!);
}

let t: TestDb;
let db: Db;
let orgId: string;
let teamId: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  // A fifth of the benchmark's service accounts and keys, 30,000 audit events: enough that an
  // index read of one page is far cheaper than a scan, small enough for a unit test.
  await generateDataset(db, {
    teams: 200,
    projects: 4_000,
    serviceAccounts: 2_000,
    keys: 10_000,
    auditEvents: 30_000,
  });
  [{ id: orgId }] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, BENCH_ORG));
  [{ id: teamId }] = await db.select({ id: teams.id }).from(teams).where(eq(teams.name, "bt-00000"));
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe("hot queries use indexes", () => {
  it("key lookup by hash (credential verification) and by key ID", async () => {
    const byHash = db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.hash, "0".repeat(64)))
      .limit(1);
    const byKeyId = db.select().from(apiKeys).where(eq(apiKeys.keyId, "stw_sa-bk0000001234")).limit(1);
    expect(await seqScans(db, byHash)).toEqual([]);
    expect(await seqScans(db, byKeyId)).toEqual([]);
  });

  it("the org's service accounts, first page, and their active key counts", async () => {
    const list = selectServiceAccounts(db)
      .where(and(eq(serviceAccounts.orgId, orgId), ne(serviceAccounts.status, "deleted")))
      .orderBy(serviceAccounts.name, serviceAccounts.id)
      .limit(51);
    expect(await seqScans(db, list)).toEqual([]);
    const ids = Array.from({ length: 50 }, (_, i) => `sa_b${String(i).padStart(6, "0")}`);
    const counts = db
      .select({ id: apiKeys.serviceAccountId, n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(inArray(apiKeys.serviceAccountId, ids), sql`${apiKeys.revokedAt} is null`))
      .groupBy(apiKeys.serviceAccountId);
    expect(await seqScans(db, counts)).toEqual([]);
  });

  it("a team's service accounts", async () => {
    const list = selectServiceAccounts(db)
      .where(and(eq(serviceAccounts.teamId, teamId), ne(serviceAccounts.status, "deleted")))
      .orderBy(serviceAccounts.name, serviceAccounts.id)
      .limit(51);
    expect(await seqScans(db, list)).toEqual([]);
  });

  // Needs an index on api_keys (created_at, id): see the benchmark's report.
  it("the org's API keys, newest first", async () => {
    const keys = db
      .select({ id: apiKeys.id, keyId: apiKeys.keyId, team: teams.name, plan: organizations.plan })
      .from(apiKeys)
      .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
      .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
      .innerJoin(organizations, eq(organizations.id, serviceAccounts.orgId))
      .where(and(eq(serviceAccounts.orgId, orgId), ne(serviceAccounts.status, "deleted")))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(51);
    expect(await seqScans(db, keys)).toEqual([]);
  });

  // Needs audit_events (org_id, at, id) in an order `order by at desc, id desc` can read: the
  // current index is (org_id, at desc nulls last, id desc nulls last), which it cannot.
  it("the org's audit log: first page and a keyset page", async () => {
    const page = (before?: SQL) =>
      db
        .select({ id: auditEvents.id, at: auditEvents.at, action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, orgId), before))
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(51);
    expect(await seqScans(db, page())).toEqual([]);
    const cursor = sql`(${auditEvents.at}, ${auditEvents.id}) < (${"2025-01-02T12:00:00.000Z"}::timestamptz, ${20_000})`;
    expect(await seqScans(db, page(cursor))).toEqual([]);
  });
});
