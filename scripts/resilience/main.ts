// `npm run test:resilience [-- --profile short|full] [options]`: the resilience and security suite
// (issue 14). Starts what it needs (a production build, a throwaway PostgreSQL, two `next start`
// instances on loopback, test data), runs bounded scenarios, prints a summary table and exits 1
// on any violation. Options:
//   --profile short|full      short (CI, < 3 min) or full (release checks); default short
//   --only 1,3,4              run only these scenarios (7, secrets, always runs)
//   --clients N --duration S  the load scenario's clients and seconds
//   --outage S                how long PostgreSQL is down in scenario 2
//   --fuzz-runs N             fast-check samples per route / action
//   --build auto|always|never reuse the build in $NEXT_DIST_DIR (default .next) when current
//   --skip-typecheck          build without the type check (a tree others are still editing)
//   --ports A,B --pg-port P   loopback ports (default: free ones)
// RESILIENCE_SEED=N replays the fuzzing of an earlier run.
import { randomBytes } from "node:crypto";
import os from "node:os";
import postgres from "postgres";
import { openDb } from "@/lib/db/client";
import { ensureBuild, freePort, newLogDir, Postgres, Server } from "./harness";
import { closeAgents } from "./http";
import { bruteForceScenario } from "./scenarios/brute-force";
import { concurrencyScenario } from "./scenarios/concurrency";
import { fuzzScenario } from "./scenarios/fuzz";
import { instancesScenario } from "./scenarios/instances";
import { loadScenario } from "./scenarios/load";
import { outageScenario } from "./scenarios/outage";
import { secretsScenario } from "./scenarios/secrets";
import { type Profile, type ScenarioResult, seed, type World } from "./world";

const PROFILES: Record<Profile["name"], Profile> = {
  short: {
    name: "short",
    loadClients: 50,
    loadSeconds: 15,
    outageClients: 20,
    outageSeconds: 10,
    fuzzRuns: 6,
    concurrency: 50,
    authFailureLimit: 20,
  },
  full: {
    name: "full",
    loadClients: 200,
    loadSeconds: 60,
    outageClients: 50,
    outageSeconds: 10,
    fuzzRuns: 80,
    concurrency: 50,
    authFailureLimit: 20,
  },
};

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function profileFromArgs(): Profile {
  const name = (option("profile") ?? "short") as Profile["name"];
  if (!PROFILES[name]) throw new Error(`--profile must be short or full, not ${name}`);
  const p = { ...PROFILES[name] };
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  p.loadClients = num(option("clients"), p.loadClients);
  p.loadSeconds = num(option("duration"), p.loadSeconds);
  p.outageSeconds = num(option("outage"), p.outageSeconds);
  p.fuzzRuns = num(option("fuzz-runs"), p.fuzzRuns);
  for (const [k, v] of Object.entries(p))
    if (typeof v === "number" && !(v > 0)) throw new Error(`bad value for ${k}`);
  return p;
}

const SCENARIOS: [number, (w: World) => Promise<ScenarioResult>][] = [
  [1, loadScenario],
  [2, outageScenario],
  [3, instancesScenario],
  [4, fuzzScenario],
  [5, concurrencyScenario],
  [6, bruteForceScenario],
];

function table(results: ScenarioResult[]): string {
  const head = ["scenario", "requests", "errors", "lost writes", "p99 ms", "result"];
  const rows = results.map((r) => [
    r.scenario,
    String(r.requests),
    String(r.errors),
    String(r.lostWrites),
    r.p99 ? r.p99.toFixed(0) : "-",
    r.violations.length ? `FAIL (${r.violations.length})` : "ok",
  ]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (i ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

async function main(): Promise<number> {
  const profile = profileFromArgs();
  const only = option("only")?.split(",").map(Number);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const started = Date.now();
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(`[resilience] profile ${profile.name}, ${os.cpus().length} cores, load ${load()}`);
  ensureBuild(distDir, (option("build") ?? "auto") as "auto", process.argv.includes("--skip-typecheck"));

  const ports = option("ports")?.split(",").map(Number) ?? [await freePort(), await freePort()];
  const pg = new Postgres(Number(option("pg-port") ?? (await freePort())));
  const logDir = newLogDir();
  const servers = ports.slice(0, 2).map((port, i) => new Server(i ? "B" : "A", port, logDir));
  let world: World | null = null;
  const results: ScenarioResult[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    closeAgents();
    await world?.sql.end({ timeout: 2 }).catch(() => {});
    await world?.handle.close().catch(() => {});
    pg.destroy();
  };
  const onSignal = () => {
    console.error("[resilience] interrupted: stopping servers and PostgreSQL");
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    pg.create();
    const authSecret = randomBytes(32).toString("base64url");
    const env = {
      DATABASE_URL: pg.url,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      SEED_DEMO: "false",
      AUTH_FAILURE_LIMIT: String(profile.authFailureLimit),
      DATABASE_POOL_SIZE: "10",
    };
    await servers[0]!.start(env); // applies the migrations
    const handle = await openDb({ DATABASE_URL: pg.url, DATABASE_POOL_SIZE: "12" });
    const partial = {
      profile,
      distDir,
      pg,
      servers,
      handle,
      sql: postgres(pg.url, { max: 4, onnotice: () => {}, connect_timeout: 3 }),
      secrets: new Set<string>([authSecret]),
      authSecret,
    };
    const loadKeys = await seed(partial, 10);
    world = { ...partial, loadKeys };
    await servers[1]!.start(env);
    console.log(`[resilience] ready in ${((Date.now() - started) / 1000).toFixed(0)} s; logs in ${logDir}`);

    for (const [n, scenario] of SCENARIOS) {
      if (only && !only.includes(n)) continue;
      const t0 = Date.now();
      console.log(`[resilience] scenario ${n} ...`);
      try {
        results.push(await scenario(world));
      } catch (err) {
        results.push({
          scenario: `${n} ${scenario.name}`,
          requests: 0,
          errors: 0,
          lostWrites: 0,
          p99: 0,
          violations: [`crashed: ${err instanceof Error ? err.stack : err}`],
        });
      }
      const r = results[results.length - 1]!;
      console.log(
        `[resilience]   ${r.scenario}: ${r.violations.length ? "FAIL" : "ok"} in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${r.note ?? ""}`,
      );
    }
    await Promise.all(servers.map((s) => s.stop())); // logs complete before they are searched
    results.push(await secretsScenario(world));
  } finally {
    await cleanup();
  }
  console.log(
    `\n## Resilience suite, ${profile.name} profile (${((Date.now() - started) / 1000).toFixed(0)} s, load ${load()})\n`,
  );
  console.log(table(results));
  const failed = results.filter((r) => r.violations.length);
  for (const r of results) if (r.note) console.log(`- ${r.scenario}: ${r.note}`);
  for (const r of failed) for (const v of r.violations) console.log(`VIOLATION ${r.scenario}: ${v}`);
  console.log(failed.length ? `\n${failed.length} scenario(s) failed` : "\nall scenarios passed");
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error("[resilience] failed:", err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
