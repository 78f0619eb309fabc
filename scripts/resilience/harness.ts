// What the suite runs against, started and stopped by the suite itself: a production build (reused
// when newer than every source file), a throwaway PostgreSQL (scripts/pg-throwaway.sh) that the
// outage scenario can stop and start, and `next start` instances on loopback with captured logs.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { request, sleep } from "./http";

export const root = path.resolve(import.meta.dirname, "../..");
const SOURCES = [
  "app",
  "lib",
  "components",
  "drizzle",
  "public",
  "next.config.js",
  "package-lock.json",
  "instrumentation.ts",
];

function newestSourceMtime(p: string): number {
  const full = path.join(root, p);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(full)) {
    if (/\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestSourceMtime(path.join(p, entry)));
  }
  return newest;
}

/** Builds into `distDir` unless its build is newer than every source file (or `mode` says otherwise). */
export function ensureBuild(distDir: string, mode: "auto" | "always" | "never", skipTypecheck: boolean) {
  const buildId = path.join(root, distDir, "BUILD_ID");
  const current =
    existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCES.map(newestSourceMtime));
  if (mode === "never" || (mode === "auto" && current)) {
    if (!existsSync(buildId)) throw new Error(`No build in ${distDir}: run without --build=never.`);
    console.log(`[harness] reusing the build in ${distDir}${current ? "" : " (older than the sources)"}`);
    return;
  }
  console.log(`[harness] building into ${distDir}${skipTypecheck ? " (no type check)" : ""} ...`);
  // The build never touches a database.
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  const next = path.join(root, "node_modules/next/dist/bin/next");
  // Type errors are npm test's business; --skip-typecheck builds a tree others are still editing.
  const modes = skipTypecheck
    ? [["--experimental-build-mode=compile"], ["--experimental-build-mode=generate"]]
    : [[]];
  for (const extra of modes) {
    const r = spawnSync(process.execPath, [next, "build", ...extra], {
      cwd: root,
      env: env as NodeJS.ProcessEnv,
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The throwaway cluster; `stop`/`start` keep its data (the outage), `destroy` removes it. */
export class Postgres {
  readonly dataDir: string;
  url = "";
  private pgbin = "";

  constructor(readonly port: number) {
    this.dataDir = `/tmp/steward-resilience-pg-${port}`;
  }

  private env() {
    return { ...process.env, PGPORT: String(this.port), PGDATA: this.dataDir };
  }

  create() {
    const out = execFileSync("bash", [path.join(root, "scripts/pg-throwaway.sh"), "start"], {
      env: this.env(),
      encoding: "utf8",
    });
    this.url = /DATABASE_URL=(\S+)/.exec(out)![1]!;
    const bins = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b));
    this.pgbin = `/usr/lib/postgresql/${bins[bins.length - 1]}/bin`;
  }

  private pgCtl(args: string[]) {
    const cmd = [`${this.pgbin}/pg_ctl`, "-D", this.dataDir, ...args];
    const asRoot = process.getuid?.() === 0;
    execFileSync(asRoot ? "runuser" : cmd[0]!, asRoot ? ["-u", "postgres", "--", ...cmd] : cmd.slice(1), {
      stdio: "ignore",
    });
  }

  /** A clean, fast shutdown: sessions are terminated, committed work is kept. */
  stop() {
    this.pgCtl(["-m", "fast", "-w", "stop"]);
  }

  /** Same options as scripts/pg-throwaway.sh. */
  start() {
    this.pgCtl([
      "-l",
      `${this.dataDir}/server.log`,
      "-w",
      "-t",
      "60",
      "-o",
      `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "start",
    ]);
  }

  destroy() {
    try {
      execFileSync("bash", [path.join(root, "scripts/pg-throwaway.sh"), "stop"], {
        env: this.env(),
        stdio: "ignore",
      });
    } catch (err) {
      console.error("[harness] could not stop PostgreSQL:", err instanceof Error ? err.message : err);
    }
  }
}

/** One `next start` instance with its output kept in memory and in a log file. */
export class Server {
  readonly origin: string;
  log = "";
  private child: ChildProcess | null = null;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly logDir: string,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
  }

  async start(env: Record<string, string>) {
    const file = createWriteStream(path.join(this.logDir, `server-${this.name}.log`));
    const child = spawn(
      process.execPath,
      [
        path.join(root, "node_modules/next/dist/bin/next"),
        "start",
        "-p",
        String(this.port),
        "-H",
        "127.0.0.1",
      ],
      { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        if (this.log.length < 50 * 1024 * 1024) this.log += text;
        file.write(text);
      });
    }
    child.on("exit", (code) => {
      if (this.child === child) console.error(`[harness] server ${this.name} exited (${code})`);
      this.child = null;
    });
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (!this.child) throw new Error(`server ${this.name} exited during start:\n${this.log.slice(-2000)}`);
      const a = await request(`${this.origin}/api/ready`, { timeoutMs: 5000 });
      if (a.status === 200) return;
      await sleep(300);
    }
    throw new Error(`server ${this.name} not ready after 180 s`);
  }

  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill("SIGTERM");
    const exited = new Promise((r) => child.once("exit", r));
    if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])))
      child.kill("SIGKILL");
  }
}

export function newLogDir(): string {
  const dir = path.join("/tmp", `steward-resilience-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const randomSecret = () => randomBytes(32).toString("base64url");
