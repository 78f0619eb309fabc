#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build, then serve the production
// build with `next start` (the server migrates its database and, on an empty embedded database,
// loads the demo data). Honours PORT (default 3000) and HOSTNAME.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildId = path.join(root, ".next", "BUILD_ID");
const port = process.env.PORT || "3000";

function newestMtime(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

const sources = [
  "app",
  "components",
  "lib",
  "public",
  "drizzle",
  "package-lock.json",
  "next.config.js",
  "instrumentation.ts",
];
const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (!builtAt || sources.some((s) => newestMtime(path.join(root, s)) > builtAt)) {
  console.log(
    builtAt ? "Sources changed since the last build: rebuilding…" : "No production build yet: building…",
  );
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { NEXT_TELEMETRY_DISABLED: "1", ...process.env };
const server = spawn(process.execPath, [nextBin, "start", "-p", port], { cwd: root, stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Say how to get in once the server answers.
const url = `http://localhost:${port}`;
const deadline = Date.now() + 120_000;
async function announce() {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/ready`);
      if (res.ok) {
        console.log(`\n  Steward is running at ${url}`);
        if (!process.env.DATABASE_URL) {
          console.log("  Sign in with the demo users (password steward-demo): ada (org admin of acme),");
          console.log(
            "  tom (team admin of ml-platform), mia (member), vic (viewer), hal (org admin of hobby).\n",
          );
        }
        return;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
}
announce();
