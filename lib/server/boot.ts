// Server start-up: secrets, database + migrations, demo data on an empty embedded database.
// Any failure exits the process: a server that answers 500 forever helps nobody.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { keyCache } from "@/lib/api-keys/verify";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import { embeddedDataDir, getDbHandle } from "@/lib/db/client";
import { seedDemo } from "@/lib/seed/demo";
import { installPeerAddressHeader } from "./client-ip";

/**
 * The quick start needs no configuration: on the embedded database a secret is generated once
 * and kept beside the data, so sessions survive restarts. On PostgreSQL (several instances)
 * it must be configured, identically on every instance.
 */
function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  if (process.env.DATABASE_URL) {
    if (process.env.NODE_ENV !== "production") {
      process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
      return;
    }
    throw new Error(
      "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and give the same value to every instance.",
    );
  }
  const dir = embeddedDataDir();
  if (dir.startsWith("memory://")) {
    process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
    return;
  }
  const file = path.join(path.dirname(path.resolve(dir)), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    console.info(`[boot] generated AUTH_SECRET in ${file}`);
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

export async function boot() {
  if (process.env.NEXT_PHASE === "phase-production-build") return; // the build never touches the database
  try {
    ensureAuthSecret();
    installPeerAddressHeader();
    const started = Date.now();
    const handle = await getDbHandle();
    console.info(`[boot] ${handle.kind} ready, migrations applied in ${Date.now() - started} ms`);
    // Revocations and role changes made by any instance (or the CLI) reach this one's key cache.
    await subscribeAuthChanges(handle, keyCache);
    const wantDemo = process.env.SEED_DEMO ?? (handle.kind === "pglite" ? "auto" : "false");
    if (wantDemo === "auto" || wantDemo === "true") {
      const loaded = await handle.db.transaction((tx) =>
        seedDemo({ db: tx, actor: { kind: "system", via: "seed" } }),
      );
      if (loaded) {
        console.info("[boot] loaded demo data (org acme, users ada/tom/mia/vic/hal, password steward-demo)");
      }
    }
  } catch (err) {
    console.error("[boot] fatal:", err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
