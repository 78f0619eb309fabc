import { spawn } from "node:child_process";
import { createServer } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";
import { basicAuth } from "./fixtures";

export const DEMO_PASSWORD = "steward-demo";

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD, origin = "") {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: `Account menu for ${login}` })).toBeVisible();
}

/**
 * Another person, signed in in a browser context of their own; close() ends it. `permissions`
 * (say clipboard-read) are granted for `origin`.
 */
export async function signedInPage(browser: Browser, login: string, origin = "", permissions: string[] = []) {
  const context = await browser.newContext();
  if (permissions.length) await context.grantPermissions(permissions, origin ? { origin } : undefined);
  const page = await context.newPage();
  await signIn(page, login, undefined, origin);
  return { page, close: () => context.close() };
}

/** Serious and critical axe violations (the toasts belong to the app shell, not to the page). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** How far the page scrolls sideways: above 0, something is wider than the screen. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Finds a server action's id in the build's manifest, so a test can post to it directly, the way
 * a forged request would, without the UI that hides it.
 */
export async function serverActionId(exportedName: string, modulePathPart: string): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(await readFile(`${distDir}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    const where = JSON.stringify(entry);
    if (entry.exportedName === exportedName && where.includes(modulePathPart)) return id;
  }
  throw new Error(`No server action ${exportedName} in ${modulePathPart} (is the build current?)`);
}

/** Posts a server action as the browser would, with the page's cookies: returns the raw response text. */
export async function postServerAction(
  request: APIRequestContext,
  path: string,
  actionId: string,
  args: unknown[],
): Promise<{ status: number; body: string }> {
  const baseURL = new URL(path, `http://localhost:${process.env.E2E_PORT ?? 3100}`);
  const res = await request.post(path, {
    headers: {
      "Next-Action": actionId,
      Origin: baseURL.origin,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify(args.map((a) => (a === undefined ? "$undefined" : a))),
  });
  return { status: res.status(), body: await res.text() };
}

/** GraphQL `viewer` with a key, as the W&B clients start every session: the status code. */
export async function viewerStatus(request: APIRequestContext, key: string, origin = ""): Promise<number> {
  const res = await request.post(`${origin}/graphql`, {
    headers: { Authorization: basicAuth(key) },
    data: { query: "query Viewer { viewer { id entity } }" },
  });
  return res.status();
}

/** A team service account with its first key, created the way the team tab's dialog does. */
export async function createTeamAccount(page: Page, team: string, name: string): Promise<string> {
  const id = await serverActionId("createTeamServiceAccountAction", "app/[team]/service-accounts/actions");
  const res = await postServerAction(page.request, `/${team}/service-accounts`, id, [
    undefined,
    { team, name, authMethod: "api_key" },
  ]);
  expect(res.body, `create ${team}/${name}`).toContain('"ok":true');
  return /stw_sa-[A-Za-z0-9]{40}/.exec(res.body)![0];
}

/** A TCP port nothing listens on now, for a second server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls /api/ready; `failed` says why to stop early (the server exited). */
export async function waitReady(origin: string, failed: () => string | null = () => null) {
  for (let i = 0; i < 600; i++) {
    const why = failed();
    if (why !== null) throw new Error(`${origin} exited before it was ready:\n${why}`);
    try {
      if ((await fetch(`${origin}/api/ready`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${origin} did not become ready`);
}

export interface StartedServer {
  origin: string;
  /** Ends the server (SIGTERM, then waits up to 5 s for it to exit). */
  stop: () => Promise<void>;
}

/**
 * Starts a second server of the same production build on `port`, with its own environment (its
 * own database, instance settings), and waits until it is ready. Should it exit first, the error
 * carries the last of what it printed.
 */
export async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<StartedServer> {
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  const origin = `http://localhost:${port}`;
  try {
    await waitReady(origin, () => (server.exitCode !== null ? output || "exited" : null));
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}
