// The test data and the handles every scenario shares: the servers, the database (through the
// app's own services, like the CLI), keys created for the run, and signed-in sessions.
import { readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { inTransaction } from "@/lib/context";
import type { DbHandle } from "@/lib/db/client";
import { createProject } from "@/lib/projects/service";
import { seedDemo } from "@/lib/seed/demo";
import { createServiceAccount } from "@/lib/service-accounts/service";
import type { Postgres, Server } from "./harness";
import { type Answer, basicAuth, markCreation, request } from "./http";

export interface Profile {
  name: "short" | "full";
  loadClients: number;
  loadSeconds: number;
  outageClients: number;
  outageSeconds: number;
  fuzzRuns: number;
  concurrency: number;
  authFailureLimit: number;
}

export interface ScenarioResult {
  scenario: string;
  requests: number;
  errors: number;
  lostWrites: number;
  p99: number;
  violations: string[];
  note?: string;
}

export interface World {
  profile: Profile;
  distDir: string;
  pg: Postgres;
  servers: Server[];
  handle: DbHandle;
  /** A raw connection for checks (not the app's code paths). */
  sql: postgres.Sql;
  /** Every key, token and secret of the run: must never leak (scenario "secrets"). */
  secrets: Set<string>;
  loadKeys: string[];
  authSecret: string;
}

export const SYSTEM = { kind: "system", via: "cli" } as const;
export const TEAM = "ml-platform";
export const LOAD_PROJECT = "resilience-load";

/** Demo data plus one team service account (with a key) per load key. */
export async function seed(world: Omit<World, "loadKeys">, loadKeys: number): Promise<string[]> {
  const ctx = { db: world.handle.db, actor: SYSTEM };
  await inTransaction(ctx, (tx) => seedDemo(tx));
  await createProject(ctx, TEAM, { name: LOAD_PROJECT, visibility: "team", owner: "tom", description: "" });
  const keys: string[] = [];
  for (let i = 0; i < loadKeys; i++) keys.push(await newServiceAccountKey(world, `load-${i}`));
  return keys;
}

export async function newServiceAccountKey(world: Pick<World, "handle" | "secrets">, name: string) {
  const { key } = await createServiceAccount(
    { db: world.handle.db, actor: SYSTEM },
    { scope: "team", team: TEAM, name, withKey: true },
  );
  world.secrets.add(key!.key);
  return key!.key;
}

const cookieOf = (a: Answer, name: string) =>
  ([] as string[])
    .concat(a.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Signs in through Auth.js's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(origin: string, login: string, password = "steward-demo"): Promise<string> {
  const csrf = await request(`${origin}/api/auth/csrf`);
  const csrfCookie = cookieOf(csrf, "authjs.csrf-token");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await request(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie ?? "" },
    body: new URLSearchParams({ csrfToken, login, password, callbackUrl: "/" }).toString(),
  });
  const session = cookieOf(res, "authjs.session-token");
  if (!session) throw new Error(`could not sign in as ${login} (status ${res.status})`);
  return session;
}

export interface ActionRef {
  id: string;
  name: string;
  file: string;
  /** A page path that renders the action (its workers), with demo values for the params. */
  path: string;
}

const PARAM_VALUES: Record<string, string> = {
  team: TEAM,
  org: "acme",
  project: "llm-eval",
  name: "load-0",
  run: "missing-run",
  entity: TEAM,
};

/** Every server action of the build, from its manifest (as e2e/helpers.ts does). */
export function serverActions(distDir: string): ActionRef[] {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const pagePath = worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\[+\.*(\w+)\]+/g, (_, p: string) => PARAM_VALUES[p] ?? "x");
    return { id, name: entry.exportedName ?? "?", file: entry.filename ?? "?", path: pagePath || "/" };
  });
}

/** Posts a server action as the browser would (forged or not: the server decides). */
export function postAction(
  origin: string,
  action: ActionRef,
  args: unknown[] | string,
  cookie?: string,
  from?: string,
): Promise<Answer> {
  return request(`${origin}${action.path}`, {
    method: "POST",
    from,
    headers: {
      "next-action": action.id,
      origin,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(cookie ? { cookie } : {}),
    },
    body:
      typeof args === "string" ? args : JSON.stringify(args.map((a) => (a === undefined ? "$undefined" : a))),
  });
}

/** The ActionState an action answered (the RSC payload's row carrying `ok`), or null. */
export function actionState(
  body: string,
): { ok?: boolean; message?: string; data?: Record<string, unknown> } | null {
  for (const line of body.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.includes('"ok"')) continue;
    try {
      const value = JSON.parse(json) as { ok?: boolean };
      if (value && typeof value === "object" && "ok" in value) return value;
    } catch {}
  }
  return null;
}

/** Records the secrets an answer created (so the secrets scenario allows exactly that answer). */
export function noteCreated(world: World, answer: Answer, ...secrets: string[]) {
  for (const s of secrets) world.secrets.add(s);
  markCreation(answer, secrets);
}

/**
 * The status a key gets on an authenticated W&B call (GraphQL `viewer`): 200 when it works, 401
 * when refused, 429 when the address is over the failure limit.
 */
export async function keyStatus(origin: string, key: string, from?: string): Promise<Answer> {
  return request(`${origin}/graphql`, {
    headers: { authorization: basicAuth(key), "content-type": "application/json" },
    body: JSON.stringify({ query: "query Viewer { viewer { entity } }", variables: {} }),
    from,
  });
}
