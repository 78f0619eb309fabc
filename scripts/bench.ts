// `npm run bench`: the request path and the dashboard measured against their floors, on a
// production build with a generated dataset, on PostgreSQL (a throwaway cluster) and on PGlite.
// Measured, not asserted; not part of `npm test`. See README "Performance".
//
//   npm run bench                         full run, markdown table
//   npm run bench -- --json               the same as one JSON object
//   npm run bench -- --db postgres        one database only (postgres | pglite)
//   npm run bench -- --only dataset [--scale 0.1]   the dataset generator alone (DATABASE_URL or
//                                         the embedded database in .data/bench-pglite)
//   npm run bench -- --only keys          key verification in process only
//   --duration <s>  seconds per load run (default 5); --samples <n> renders per page (default 100)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDb } from "@/lib/db/client";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { dashboardPages, type PageTiming, signIn, timePageOnBoth } from "./bench/dashboard";
import { BENCH_ORG, countsAt, generateDataset, teamName } from "./bench/dataset";
import { basic, createRuns, fileStreamSpec, upsertBatchSpec } from "./bench/ingest";
import { benchKeys } from "./bench/keys";
import { againstFloor, drain, floorSpec, interleavedWithFloor, load } from "./bench/load";
import { type Figure, printJson, printMarkdown } from "./bench/report";
import { build, buildIsCurrent, type Server, startServer } from "./bench/server";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) =>
  args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? fallback) : fallback;

const json = flag("json");
const only = option("only", "");
const durationSec = Number(option("duration", "5"));
const samples = Number(option("samples", "100"));
const distDir = process.env.NEXT_DIST_DIR || ".next-bench";
const port = Number(process.env.BENCH_PORT ?? 3207);
const tenthPort = port + 10; // the server of the tenth of the dataset
const pgPort = Number(process.env.BENCH_PG_PORT ?? 3208);
const pgliteDir = process.env.BENCH_PGLITE_DIR || ".data/bench-pglite";
const counterFile = path.resolve(`.data/bench-counters-${port}.json`);
const startedAt = Date.now();
const log = (line: string) =>
  process.stderr.write(`[bench +${Math.round((Date.now() - startedAt) / 1000)} s] ${line}\n`);

type DbKind = "postgres" | "pglite";
const kinds: DbKind[] =
  option("db", "both") === "both" ? ["postgres", "pglite"] : [option("db", "") as DbKind];

/** Starts a throwaway PostgreSQL cluster; returns its URL and how to stop it. */
function startPostgres(): { url: string; stop: () => void } {
  const env = { ...process.env, PGPORT: String(pgPort) };
  const out = execFileSync("bash", ["scripts/pg-throwaway.sh", "start"], { env, encoding: "utf8" });
  const url = /DATABASE_URL=(\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`pg-throwaway.sh printed no DATABASE_URL: ${out}`);
  return {
    url,
    stop: () => execFileSync("bash", ["scripts/pg-throwaway.sh", "stop"], { env, stdio: "ignore" }),
  };
}

function dbEnv(kind: DbKind, url: string | null, dir: string): Record<string, string> {
  return kind === "postgres"
    ? { DATABASE_URL: url!, PGLITE_DATA_DIR: "" }
    : { DATABASE_URL: "", PGLITE_DATA_DIR: dir };
}

/** A second database in the cluster of `url` (for the tenth of the dataset); its URL. */
async function siblingDatabase(url: string, name: string): Promise<string> {
  await withDb({ DATABASE_URL: url, PGLITE_DATA_DIR: "" }, (db) =>
    db.execute(sql.raw(`create database ${name}`)),
  );
  const sibling = new URL(url);
  sibling.pathname = `/${name}`;
  return sibling.toString();
}

async function withDb<T>(
  env: Record<string, string>,
  fn: (db: Awaited<ReturnType<typeof openDb>>["db"]) => Promise<T>,
) {
  const handle = await openDb(env);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

function authQueries(): number {
  try {
    return (JSON.parse(readFileSync(counterFile, "utf8")) as { authQueries: number }).authQueries;
  } catch {
    return 0;
  }
}

const VIEWER_PAIRS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every dashboard page, rendered on the two servers in turn (see timePageOnBoth). */
async function dashboard(small: Server, big: Server) {
  const a = { url: small.url, cookie: await signIn(small.url) };
  const b = { url: big.url, cookie: await signIn(big.url) };
  const out: { small: PageTiming; big: PageTiming }[] = [];
  for (const page of dashboardPages()) out.push(await timePageOnBoth(a, b, page, samples));
  return out;
}

async function benchDatabase(kind: DbKind): Promise<Figure[]> {
  const figures: Figure[] = [];
  const pg = kind === "postgres" ? startPostgres() : null;
  let server: Server | null = null;
  let tenthServer: Server | null = null;
  const tenthDir = `${pgliteDir}-tenth`;
  try {
    if (kind === "pglite") {
      rmSync(pgliteDir, { recursive: true, force: true });
      rmSync(tenthDir, { recursive: true, force: true });
    }
    const env = dbEnv(kind, pg?.url ?? null, pgliteDir);
    const tenthEnv = dbEnv(kind, pg ? await siblingDatabase(pg.url, "bench_tenth") : null, tenthDir);
    const secret = { AUTH_SECRET: "bench-secret-not-for-production-0123456789" };

    // The dashboard's baseline, a tenth of the data, in a database of its own: both are served at
    // once and rendered in turn.
    log(`${kind}: generating a tenth of the dataset`);
    const tenth = await withDb(tenthEnv, (db) => generateDataset(db, 0.1));
    figures.push({
      id: "dataset.tenth_ms",
      figure: "generate a tenth of the dataset",
      value: tenth.ms / 1000,
      unit: "s",
    });
    log(`${kind}: generating the full dataset`);
    const { key, full } = await withDb(env, async (db) => {
      const full = await generateDataset(db, 1);
      const ctx = { db, actor: { kind: "system", via: "cli" } as const };
      const created = await createServiceAccount(ctx, {
        scope: "team",
        team: teamName(0),
        name: "bench-ingest",
        withKey: true,
      });
      return { key: created.key!.key, full };
    });
    figures.push({
      id: "dataset.full_ms",
      figure: "generate the full dataset",
      value: full.ms / 1000,
      unit: "s",
      note: Object.entries(full.after)
        .map(([k, v]) => `${v} ${k}`)
        .join(", "),
    });

    rmSync(counterFile, { force: true });
    server = await startServer({
      distDir,
      port,
      env: { ...env, ...secret, BENCH_COUNTERS_FILE: counterFile },
    });
    tenthServer = await startServer({ distDir, port: tenthPort, env: { ...tenthEnv, ...secret } });
    await sleep(2000);
    const rssAtRest = server.rssMiB();
    log(`${kind}: dashboard, full data and a tenth in turn`);
    const pages = await dashboard(tenthServer, server);
    await tenthServer.stop();
    tenthServer = null;
    for (const [i, page] of dashboardPages().entries()) {
      const { small: a, big: b } = pages[i]!;
      const id = `dashboard.${page.page.replaceAll(" ", "_")}`;
      if (a.p50 === null || b.p50 === null) {
        const status = a.p50 === null ? a.status : b.status;
        figures.push({
          id,
          figure: `render ${page.path}`,
          value: null,
          unit: "ms",
          note: `not measured: the page answers ${status}${status === 404 ? " (not in this build)" : ""}`,
        });
        continue;
      }
      figures.push({
        id: `${id}.p50`,
        figure: `render ${page.page}, p50 (full / tenth)`,
        value: b.p50,
        unit: "ms",
        floor: a.p50,
        ratio: b.p50 / a.p50,
        target: "≤ 1.3",
        met: b.p50 / a.p50 <= 1.3,
      });
      figures.push({
        id: `${id}.p95`,
        figure: `render ${page.page}, p95 (full / tenth)`,
        value: b.p95!,
        unit: "ms",
        floor: a.p95!,
        ratio: b.p95! / a.p95!,
        target: "≤ 1.3",
        met: b.p95! / a.p95! <= 1.3,
      });
    }

    // Authenticated read: GraphQL viewer with the service account's key, warm cache.
    log(`${kind}: GraphQL viewer vs floor`);
    const entity = teamName(0);
    const viewer = {
      url: `${server.url}/graphql`,
      method: "POST" as const,
      connections: 16,
      durationSec,
      headers: { authorization: basic(key), "content-type": "application/json" },
      body: JSON.stringify({ query: "query Viewer { viewer { id username entity } }" }),
    };
    const check = await fetch(viewer.url, { method: "POST", headers: viewer.headers, body: viewer.body });
    if (!check.ok) throw new Error(`viewer failed: ${check.status} ${await check.text()}`);
    // A warm-up of both paths (JIT, key cache: a cold floor would flatter the viewer), then the
    // viewer and the floor in alternating one-second windows (see interleavedWithFloor).
    await load(floorSpec(server.url, viewer.connections, durationSec));
    await load(viewer);
    await sleep(500);
    const queriesBefore = authQueries();
    const v = await interleavedWithFloor(viewer, server.url, VIEWER_PAIRS);
    await sleep(500);
    const viewerRequests = v.load.requests;
    const authReads = (authQueries() - queriesBefore) / Math.max(1, viewerRequests);
    const pairs = v.pairRatios;
    figures.push({
      id: "viewer.rps",
      figure: "GraphQL viewer with a key, 16 connections",
      value: v.load.rps,
      unit: "req/s",
      floor: v.floor.rps,
      ratio: v.ratio,
      target: "≥ 0.8",
      met: v.ratio >= 0.8,
      note: `ratio: median of ${VIEWER_PAIRS} pairs of alternating 1 s windows (${pairs[0]!.toFixed(2)}-${pairs.at(-1)!.toFixed(2)}; totals ${(v.load.rps / v.floor.rps).toFixed(2)}); p50 ${v.load.p50} ms, p99 ${v.load.p99} ms; ${v.load.failed} failed`,
    });
    figures.push({
      id: "viewer.auth_reads_per_request",
      figure: "database reads for authentication per request (warm cache)",
      value: authReads,
      unit: "queries",
      target: "0",
      met: authReads === 0,
      note: `${viewerRequests} requests`,
    });

    // Ingest, alternating with the floor, at 16 and 64 connections; RSS sampled meanwhile.
    await createRuns(server.url, key, entity);
    let rssPeak = 0;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, server?.rssMiB() ?? 0);
    }, 250);
    try {
      for (const connections of [16, 64]) {
        await drain(server.url);
        let floorBefore = await load(floorSpec(server.url, connections, durationSec));
        for (const [name, spec] of [
          ["upsert_batch", upsertBatchSpec(server.url, key, entity, connections, durationSec)],
          ["file_stream", fileStreamSpec(server.url, key, entity, connections, durationSec)],
        ] as const) {
          log(`${kind}: ingest ${name} at ${connections} connections`);
          const r = await againstFloor(spec, server.url, floorBefore);
          floorBefore = r.floorAfter;
          const id = `ingest.${name}.c${connections}`;
          figures.push({
            id: `${id}.rps`,
            figure: `ingest ${name}, ${connections} connections`,
            value: r.load.rps,
            unit: "req/s",
            floor: r.floor.rps,
            ratio: r.load.rps / r.floor.rps,
            note: `${r.load.failed} failed of ${r.load.requests}`,
          });
          figures.push({
            id: `${id}.p50`,
            figure: `ingest ${name}, ${connections} connections, p50`,
            value: r.load.p50,
            unit: "ms",
            floor: r.floor.p50,
            ratio: r.load.p50 / Math.max(1, r.floor.p50),
          });
          figures.push({
            id: `${id}.p99`,
            figure: `ingest ${name}, ${connections} connections, p99`,
            value: r.load.p99,
            unit: "ms",
            floor: r.floor.p99,
            ratio: r.load.p99 / Math.max(1, r.floor.p99),
          });
        }
      }
    } finally {
      clearInterval(sampler);
    }
    figures.push({ id: "memory.rss_at_rest", figure: "server RSS at rest", value: rssAtRest, unit: "MiB" });
    figures.push({
      id: "memory.rss_under_ingest",
      figure: "server RSS under ingest load (peak)",
      value: rssPeak,
      unit: "MiB",
      floor: rssAtRest,
      ratio: rssPeak / rssAtRest,
    });
    await server.stop();
    server = null;

    log(`${kind}: key verification in process`);
    for (const k of await withDb(env, benchKeys)) {
      figures.push({
        id: `keys.${k.figure.replaceAll(/[^a-z0-9]+/gi, "_").toLowerCase()}`,
        figure: k.figure,
        value: k.value,
        unit: k.unit,
        note: k.note,
      });
    }
    return figures;
  } catch (err) {
    if (server) log(`server output:\n${server.output().slice(-3000)}`);
    throw err;
  } finally {
    await server?.stop();
    await tenthServer?.stop();
    pg?.stop();
    if (kind === "pglite") {
      rmSync(pgliteDir, { recursive: true, force: true });
      rmSync(tenthDir, { recursive: true, force: true });
    }
    rmSync(counterFile, { force: true });
  }
}

async function main() {
  mkdirSync(".data", { recursive: true });
  if (only === "dataset") {
    const scale = Number(option("scale", "1"));
    const env = process.env.DATABASE_URL ? process.env : { PGLITE_DATA_DIR: pgliteDir };
    const result = await withDb(env as Record<string, string>, (db) => generateDataset(db, scale));
    const where = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : pgliteDir;
    console.log(
      JSON.stringify({ where, scale, target: countsAt(scale), ...result, seconds: result.ms / 1000 }),
    );
    return;
  }
  if (only === "keys") {
    const env = process.env.DATABASE_URL ? process.env : { PGLITE_DATA_DIR: "memory://" };
    const figures = await withDb(env as Record<string, string>, benchKeys);
    const rows: Figure[] = figures.map((k) => ({
      id: `keys.${k.figure}`,
      figure: k.figure,
      value: k.value,
      unit: k.unit,
      note: k.note,
    }));
    const kind = process.env.DATABASE_URL ? "postgres" : "pglite";
    if (json) printJson({ [kind]: rows }, { org: BENCH_ORG });
    else printMarkdown({ [kind]: rows });
    return;
  }
  if (only) throw new Error(`--only ${only}: use dataset or keys (or nothing for the full run)`);

  const started = Date.now();
  if (flag("no-build") || buildIsCurrent(distDir)) log(`using the build in ${distDir}`);
  else build(distDir, log);
  const results: Record<string, Figure[]> = {};
  for (const kind of kinds) results[kind] = await benchDatabase(kind);
  const meta = {
    distDir,
    durationSec,
    samplesPerPage: samples,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  if (json) printJson(results, meta);
  else printMarkdown(results, meta);
}

await main();
