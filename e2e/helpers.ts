import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "steward-demo";

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD, origin = "") {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: `Account menu for ${login}` })).toBeVisible();
}

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
