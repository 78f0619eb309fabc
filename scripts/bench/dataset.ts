// The benchmark's dataset: one enterprise org ("bench") with an org admin who signs in, and bulk
// teams, projects, service accounts, keys, project listings and audit events. Bulk rows are
// inserted with `insert … select … from generate_series`, so a million audit events take seconds,
// and they are deterministic: row n always has the same id, name and owner. The scales nest (the
// tenth is a prefix of the full set), so a database holding the tenth is topped up, not regenerated
// (`--only dataset --scale 1`); `npm run bench` keeps the two in databases of their own.
import { count, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { auditEvents, organizations, serviceAccounts, teams } from "@/lib/db/schema";
import { addOrganizationMember, createOrganization } from "@/lib/orgs/service";
import { createUser, findUserByLogin } from "@/lib/users/service";

export const BENCH_ORG = "bench";
export const BENCH_ADMIN = { login: "bench-admin", password: "bench-password-0001" };

/** Row counts at scale 1 (the issue's figures); scale 0.1 is "a tenth of the data". */
export const FULL = {
  teams: 1_000,
  projects: 20_000,
  serviceAccounts: 10_000,
  keys: 50_000,
  auditEvents: 1_000_000,
} as const;
export type Counts = { [K in keyof typeof FULL]: number };

export function countsAt(scale: number): Counts {
  const at = (n: number) => Math.round(n * scale);
  return {
    teams: at(FULL.teams),
    projects: at(FULL.projects),
    serviceAccounts: at(FULL.serviceAccounts),
    keys: at(FULL.keys),
    auditEvents: at(FULL.auditEvents),
  };
}

// Fixed shapes: project n is in team n / 20, service account n in team n / 10, key n belongs to
// service account n / 5. Every fifth service account is org-scoped (its team is its default team).
const PROJECTS_PER_TEAM = FULL.projects / FULL.teams;
const SAS_PER_TEAM = FULL.serviceAccounts / FULL.teams;
const KEYS_PER_SA = FULL.keys / FULL.serviceAccounts;

export const teamName = (n: number) => `bt-${String(n).padStart(5, "0")}`;
export const serviceAccountName = (n: number) => `sa-${String(n).padStart(5, "0")}`;
/** The team a bulk service account belongs to (its parent or default team). */
export const teamOfServiceAccount = (n: number) => Math.floor(n / SAS_PER_TEAM);

async function rows(db: Db, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

/** How many bulk rows of each kind are already there (0 on an empty database). */
export async function currentCounts(db: Db): Promise<Counts> {
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, BENCH_ORG));
  if (!org) return { teams: 0, projects: 0, serviceAccounts: 0, keys: 0, auditEvents: 0 };
  const n = async (q: ReturnType<typeof sql>) => Number((await rows(db, q))[0]?.n ?? 0);
  return {
    teams: Number((await db.select({ n: count() }).from(teams).where(sql`${teams.id} like 'team_b%'`))[0]?.n),
    projects: await n(sql`select count(*)::int as n from projects where id like 'proj_b%'`),
    serviceAccounts: Number(
      (
        await db.select({ n: count() }).from(serviceAccounts).where(sql`${serviceAccounts.id} like 'sa_b%'`)
      )[0]?.n,
    ),
    keys: await n(sql`select count(*)::int as n from api_keys where id like 'key_b%'`),
    auditEvents: Number(
      (await db.select({ n: count() }).from(auditEvents).where(sql`${auditEvents.details} ? 'bench_seq'`))[0]
        ?.n,
    ),
  };
}

/** The org and its admin, created through the services (the admin's password is hashed for real). */
async function ensureOrgAndAdmin(db: Db): Promise<{ orgId: string; adminId: string }> {
  const ctx = { db, actor: { kind: "system", via: "cli" } as const };
  let [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, BENCH_ORG));
  if (!org) org = await createOrganization(ctx, { slug: BENCH_ORG, plan: "enterprise" });
  let admin = await findUserByLogin(db, BENCH_ADMIN.login);
  if (!admin) {
    admin = await createUser(ctx, {
      username: BENCH_ADMIN.login,
      email: "bench-admin@example.com",
      password: BENCH_ADMIN.password,
    });
    await addOrganizationMember(ctx, BENCH_ORG, {
      kind: "existing",
      login: BENCH_ADMIN.login,
      role: "admin",
    });
  }
  return { orgId: org.id, adminId: admin.id };
}

/** Inserts rows [from, to) of one kind in chunks (bounded statement size on the embedded database). */
async function range(
  db: Db,
  from: number,
  to: number,
  chunk: number,
  insert: (a: number, b: number) => ReturnType<typeof sql>,
) {
  const t0 = performance.now();
  for (let a = from; a < to; a += chunk) await db.execute(insert(a, Math.min(to, a + chunk) - 1));
  if (process.env.BENCH_VERBOSE && to > from)
    process.stderr.write(`[dataset] ${to - from} rows in ${(performance.now() - t0).toFixed(0)} ms\n`);
}

/**
 * Runs a big bulk insert with the table's secondary indexes dropped and rebuilt afterwards (from
 * their own definitions, in one transaction), which is several times faster than maintaining them
 * row by row.
 */
async function withoutSecondaryIndexes(db: Db, table: string, when: boolean, fn: (db: Db) => Promise<void>) {
  if (!when) return fn(db);
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    const defs = await rows(
      tx as unknown as Db,
      sql`select indexname, indexdef from pg_indexes
          where schemaname = 'public' and tablename = ${table} and indexname <> ${`${table}_pkey`}`,
    );
    for (const d of defs) await tx.execute(sql.raw(`drop index "${d.indexname}"`));
    await fn(tx as unknown as Db);
    for (const d of defs) await tx.execute(sql.raw(String(d.indexdef)));
  });
}

export interface GenerateResult {
  before: Counts;
  after: Counts;
  ms: number;
}

/**
 * Tops the dataset up to `scale` (0 < scale ≤ 1) or to explicit row counts (at most the full
 * ones). Idempotent: rows already there are kept.
 */
export async function generateDataset(db: Db, scale: number | Counts): Promise<GenerateResult> {
  const started = performance.now();
  const { orgId, adminId } = await ensureOrgAndAdmin(db);
  const before = await currentCounts(db);
  const target = typeof scale === "number" ? countsAt(scale) : scale;
  const org = sql.raw(`'${orgId}'`);
  const admin = sql.raw(`'${adminId}'`);
  const pad = (expr: string, width: number) => sql.raw(`lpad((${expr})::text, ${width}, '0')`);

  await range(
    db,
    before.teams,
    target.teams,
    50_000,
    (a, b) => sql`
    insert into teams (id, org_id, name, created_at)
    select 'team_b' || ${pad("n", 6)}, ${org}, 'bt-' || ${pad("n", 5)},
           timestamptz '2026-01-01' + n * interval '1 minute'
    from generate_series(${a}::int, ${b}::int) n`,
  );

  await range(
    db,
    before.projects,
    target.projects,
    50_000,
    (a, b) => sql`
    insert into projects (id, team_id, name, visibility, owner_id, created_at)
    select 'proj_b' || ${pad("n", 7)}, 'team_b' || ${pad(`n / ${PROJECTS_PER_TEAM}`, 6)},
           'project-' || ${pad(`n % ${PROJECTS_PER_TEAM}`, 2)},
           (case when n % 4 = 0 then 'restricted' else 'team' end)::visibility, ${admin},
           timestamptz '2026-01-01' + n * interval '1 minute'
    from generate_series(${a}::int, ${b}::int) n`,
  );

  await range(
    db,
    before.serviceAccounts,
    target.serviceAccounts,
    50_000,
    (a, b) => sql`
    insert into service_accounts (id, org_id, team_id, scope, name, description, created_by_id, created_at, last_used_at)
    select 'sa_b' || ${pad("n", 6)}, ${org}, 'team_b' || ${pad(`n / ${SAS_PER_TEAM}`, 6)},
           (case when n % 5 = 0 then 'org' else 'team' end)::service_account_scope,
           'sa-' || ${pad("n", 5)}, 'bench service account ' || n, ${admin},
           timestamptz '2026-01-01' + n * interval '1 minute',
           case when n % 3 = 0 then null else timestamptz '2026-06-01' + n * interval '1 minute' end
    from generate_series(${a}::int, ${b}::int) n`,
  );

  // Each service account is listed on two restricted-or-team projects of its team.
  await range(
    db,
    before.serviceAccounts,
    target.serviceAccounts,
    50_000,
    (a, b) => sql`
    insert into project_service_accounts (project_id, service_account_id)
    select 'proj_b' || ${pad(`(n / ${SAS_PER_TEAM}) * ${PROJECTS_PER_TEAM} + (n % ${SAS_PER_TEAM}) * 2 + k`, 7)},
           'sa_b' || ${pad("n", 6)}
    from generate_series(${a}::int, ${b}::int) n, generate_series(0, 1) k`,
  );

  // Key n: one in five revoked. The hash is of a string no client holds: these keys never verify.
  await range(
    db,
    before.keys,
    target.keys,
    50_000,
    (a, b) => sql`
    insert into api_keys (id, key_id, hash, name, service_account_id, created_by_id, created_at, revoked_at)
    select 'key_b' || ${pad("n", 7)}, 'stw_sa-bk' || ${pad("n", 10)},
           encode(sha256(convert_to('bench-key-' || n, 'UTF8')), 'hex'), 'key ' || (n % ${KEYS_PER_SA}),
           'sa_b' || ${pad(`n / ${KEYS_PER_SA}`, 6)}, ${admin},
           timestamptz '2026-01-01' + n * interval '10 seconds',
           case when n % 5 = 4 then timestamptz '2026-03-01' + n * interval '10 seconds' end
    from generate_series(${a}::int, ${b}::int) n`,
  );

  // Audit events, oldest first, one every 10 seconds, by the admin about service accounts of the org
  // (details.bench_seq marks them).
  await withoutSecondaryIndexes(db, "audit_events", target.auditEvents - before.auditEvents > 200_000, (tx) =>
    range(
      tx,
      before.auditEvents,
      target.auditEvents,
      100_000,
      (a, b) => sql`
    insert into audit_events (at, org_id, team_id, actor_kind, actor_id, actor_name, action,
                              target_kind, target_id, target_name, ip, outcome, details)
    select timestamptz '2025-01-01' + n * interval '10 seconds', ${org},
           'team_b' || ${pad(`(n % ${FULL.serviceAccounts}) / ${SAS_PER_TEAM}`, 6)},
           'user', ${admin}, ${BENCH_ADMIN.login},
           (array['service_account:create_api_key','service_account:revoke_api_key','team:create_service_account',
                  'service_account:deactivate','service_account:reactivate'])[1 + n % 5],
           'service_account', 'sa_b' || ${pad(`n % ${FULL.serviceAccounts}`, 6)},
           'bt-' || ${pad(`(n % ${FULL.serviceAccounts}) / ${SAS_PER_TEAM}`, 5)} || '/sa-' || ${pad(`n % ${FULL.serviceAccounts}`, 5)},
           '10.0.' || (n % 250) || '.' || (n % 200), 'success', jsonb_build_object('bench_seq', n)
    from generate_series(${a}::int, ${b}::int) n`,
    ),
  );

  // A steady state, as on a maintained database: statistics for the planner, and the visibility map
  // set so index-only scans skip the heap. Otherwise autovacuum works through a million new rows on
  // PostgreSQL while the loads are measured (one viewer round fell to 0.34x of the floor).
  await db.execute(sql`vacuum (analyze)`);
  // Every row of [before, target) went in (or the statement failed): no need to count again.
  const after = Object.fromEntries(
    Object.entries(target).map(([k, n]) => [k, Math.max(n, before[k as keyof Counts])]),
  ) as Counts;
  return { before, after, ms: performance.now() - started };
}
