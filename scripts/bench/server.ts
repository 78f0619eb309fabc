// The production server under test: a `next build` in its own dist dir (rebuilt only when the
// sources are newer), started with `next start` on the benchmark's database, and its memory.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "drizzle",
  "package-lock.json",
  "next.config.js",
  "instrumentation.ts",
];

function newestMtime(entry: string): number {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (!/\.test\.tsx?$/.test(name)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Whether `distDir` holds a build newer than every source file (tests excluded). */
export function buildIsCurrent(distDir: string): boolean {
  const id = path.join(root, distDir, "BUILD_ID");
  if (!existsSync(id)) return false;
  const builtAt = statSync(id).mtimeMs;
  return !SOURCES.some((s) => newestMtime(path.join(root, s)) > builtAt);
}

/**
 * `next build` in two steps, compile then generate: the same production output without the type
 * check, which measures nothing and fails on any work in progress in a shared tree
 * (`npm run typecheck` is the type check).
 */
export function build(distDir: string, log: (line: string) => void): void {
  log(`building into ${distDir} (next build, compile + generate)…`);
  const started = Date.now();
  for (const mode of ["compile", "generate"]) {
    const result = spawnSync(process.execPath, [nextBin, "build", "--experimental-build-mode", mode], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      encoding: "utf8",
    });
    if (result.status !== 0) {
      const tail = (result.stdout + result.stderr).split("\n").slice(-30).join("\n");
      throw new Error(`next build (${mode}) failed:\n${tail}`);
    }
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export interface Server {
  url: string;
  pid: number;
  /** Resident memory of the server's process tree, in MiB. */
  rssMiB: () => number;
  /** The server's output so far (for errors). */
  output: () => string;
  stop: () => Promise<void>;
}

/** The process and its descendants (next start may hand the server to a child). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (const task of readdirSync(`/proc/${pid}/task`, { withFileTypes: false }) as string[]) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const child of children ? children.split(/\s+/) : []) out.push(...processTree(Number(child)));
  }
  return out;
}

function rssOf(pid: number): number {
  let kib = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kib += Number(m?.[1] ?? 0);
    } catch {}
  }
  return kib / 1024;
}

export async function startServer(opts: {
  distDir: string;
  port: number;
  env: Record<string, string>;
}): Promise<Server> {
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(opts.port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: opts.distDir,
      SEED_DEMO: "false",
      AUTH_FAILURE_LIMIT: "100000",
      ...opts.env,
    },
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/api/ready`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not become ready in 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMiB: () => rssOf(pid),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
