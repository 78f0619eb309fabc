// Measures a service account's Effective access (lib/service-accounts/effective-access.ts) on a
// generated org of 20,000 projects: one page of the tab (the count of each access class and the
// two pages shown) for a team and an org service account. Measured, not asserted; not part of
// `npm test`.
//
//   node --conditions=react-server --import tsx scripts/bench-effective-access.ts [--projects 20000] [--runs 15]
//
// Embedded database in memory by default; PostgreSQL when DATABASE_URL is set (a database of its own:
// the script creates an org named bench-ea-<random> and leaves it there).
import { performance } from "node:perf_hooks";
import type { Visibility } from "@/lib/access/types";
import { openDb } from "@/lib/db/client";
import { projectServiceAccounts, projects } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { createOrganization } from "@/lib/orgs/service";
import { effectiveAccess } from "@/lib/service-accounts/effective-access";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTeam, type Team } from "@/lib/teams/service";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback;
const projectCount = option("projects", 20_000);
const runs = option("runs", 15);
const teamCount = 20;
const VISIBILITIES: Visibility[] = ["team", "restricted", "public", "open"];

const ms = (n: number) => `${n.toFixed(1)} ms`;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p90: at(0.9), min: sorted[0]! };
}
async function time(fn: () => Promise<unknown> | unknown) {
  const samples: number[] = [];
  await fn(); // warm-up: query plan, JIT
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const env = process.env.DATABASE_URL ? process.env : { ...process.env, PGLITE_DATA_DIR: "memory://" };
const handle = await openDb(env);
const ctx = { db: handle.db, actor: { kind: "system", via: "cli" } as const };
try {
  const suffix = Math.random().toString(36).slice(2, 7);
  const org = await createOrganization(ctx, { slug: `bench-ea-${suffix}`, plan: "enterprise" });
  const teams: Team[] = [];
  for (let t = 0; t < teamCount; t++) teams.push(await createTeam(ctx, org.slug, `bench-ea-${suffix}-t${t}`));
  const sa = (await createServiceAccount(ctx, { scope: "team", team: teams[0]!.name, name: "bench-ci" }))
    .serviceAccount;
  const orgSa = (
    await createServiceAccount(ctx, {
      scope: "org",
      org: org.slug,
      defaultTeam: teams[1]!.name,
      name: "bench-org",
    })
  ).serviceAccount;

  const started = performance.now();
  const rows = Array.from({ length: projectCount }, (_, i) => ({
    id: newId("proj"),
    teamId: teams[i % teamCount]!.id,
    name: `project-${String(i).padStart(5, "0")}`,
    visibility: VISIBILITIES[Math.floor(i / teamCount) % VISIBILITIES.length]!,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await handle.db.insert(projects).values(rows.slice(i, i + 1000));
  // Listed on every tenth restricted project of its team.
  const listings = rows
    .filter((r) => r.visibility === "restricted" && r.teamId === teams[0]!.id)
    .filter((_, i) => i % 10 === 0)
    .map((r) => ({ projectId: r.id, serviceAccountId: sa.id }));
  if (listings.length) await handle.db.insert(projectServiceAccounts).values(listings);
  process.stderr.write(
    `[bench] ${projectCount} projects in ${teamCount} teams, ${listings.length} listings, generated in ${ms(performance.now() - started)}\n`,
  );

  const first = await effectiveAccess(ctx, sa.teamName, sa.name);
  const figures: Array<[string, string]> = [
    ["database", handle.kind],
    ["projects in the org", String(projectCount)],
    ["reachable / out of reach (team SA)", `${first.reachable.total} / ${first.unreachable.total}`],
  ];
  const whole = await time(() => effectiveAccess(ctx, sa.teamName, sa.name, { page: 7 }));
  figures.push([
    "whole tab, team SA (lookup + counts + page 7), median / p90",
    `${ms(whole.median)} / ${ms(whole.p90)}`,
  ]);
  const org20k = await time(() => effectiveAccess(ctx, orgSa.teamName, orgSa.name));
  figures.push(["whole tab, org SA, median / p90", `${ms(org20k.median)} / ${ms(org20k.p90)}`]);
  const filtered = await time(() => effectiveAccess(ctx, sa.teamName, sa.name, { search: "project-1999" }));
  figures.push([
    'filtered by name ("project-1999"), median / p90',
    `${ms(filtered.median)} / ${ms(filtered.p90)}`,
  ]);
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;
  figures.push(["heap used after the runs", `${heap.toFixed(0)} MiB`]);

  console.log("| figure | value |\n| --- | ---: |");
  for (const [name, value] of figures) console.log(`| ${name} | ${value} |`);
} finally {
  await handle.close();
}
