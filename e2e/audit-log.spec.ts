// The audit log (issue 12): actions taken in the UI and through the REST API show up in the org's
// Audit log tab with the right actor; the filters live in the URL; "Older" pages by cursor; the
// JSON Lines export holds the same events; team admins see their team's events only; a service
// account's Activity tab shows its own; everyone else gets a real 404.
import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { horizontalOverflow, seriousViolations, signedInPage, signIn } from "./helpers";

// Long flows with accessibility scans, on a busy 2-core machine.
test.describe.configure({ mode: "serial", timeout: 300_000 });

const suffix = Date.now().toString(36);
const uiAccount = `audit-ui-${suffix}`;
const apiAccount = `audit-api-${suffix}`;
let apiKeyId = "";
let tomKeyId = "";
let apiKey = "";
let secondKeyId = "";

const log = (page: Page) => page.getByRole("region", { name: /^(Audit log|Recent activity)/ });
const rows = (page: Page) => log(page).locator("tbody tr");
const eventIds = (page: Page) =>
  rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-event-id") ?? ""));
const rowOf = (page: Page, action: string) => rows(page).filter({ hasText: action });
const cells = (row: Locator) => row.getByRole("cell");

test("tom acts in the UI and through the REST API; a revoked key fails to authenticate", async ({
  page,
  request,
}) => {
  // In the UI: tom (team admin of ml-platform) creates a service account, then creates and revokes a key.
  await signIn(page, "tom");
  await page.goto("/ml-platform/service-accounts");
  await page.getByRole("button", { name: "New service account" }).click();
  const dialog = page.getByRole("dialog", { name: "New service account" });
  await dialog.getByLabel("Name").fill(uiAccount);
  await dialog.getByRole("button", { name: "Create" }).click();
  await page
    .getByRole("dialog", { name: "Service account created" })
    .getByRole("button", { name: "Done" })
    .click();
  await page.goto(`/ml-platform/service-accounts/${uiAccount}`);
  const keys = page.getByRole("region", { name: "API keys" });
  await keys.getByRole("button", { name: "Create API key" }).click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("short-lived");
  await create.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "API key created" });
  secondKeyId = (await reveal.getByLabel(/^New API key of /).inputValue()).slice(0, 19);
  await reveal.getByRole("button", { name: "Done" }).click();
  await keys
    .getByRole("row")
    .filter({ hasText: "short-lived" })
    .getByRole("button", { name: /^Revoke/ })
    .click();
  await page
    .getByRole("dialog", { name: /^Revoke API key/ })
    .getByRole("button", { name: "Revoke key" })
    .click();
  await expect(keys.getByRole("row").filter({ hasText: "short-lived" })).toContainText("Revoked");

  // Through the API, with tom's personal key: create a service account with a key, revoke that key.
  const { tom } = fixtures().keys;
  const created = await request.post("/api/v1/teams/ml-platform/service-accounts", {
    headers: { Authorization: basicAuth(tom), "Content-Type": "application/json" },
    data: { name: apiAccount, withKey: true },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  apiKeyId = body.key.keyId;
  apiKey = body.key.key;
  tomKeyId = /^stw_(sa|u)-[A-Za-z0-9]{12}/.exec(tom)![0]; // a key's public ID: prefix and 12 characters
  const revoked = await request.delete(`/api/v1/keys/${apiKeyId}`, {
    headers: { Authorization: basicAuth(tom) },
  });
  expect(revoked.ok()).toBe(true);
  // Failed authentication: the revoked key, three times (one event per minute, counted).
  for (let i = 0; i < 3; i++) {
    const refused = await request.get("/api/v1/whoami", {
      headers: { Authorization: basicAuth(apiKey), "User-Agent": "audit-e2e" },
    });
    expect(refused.status()).toBe(401);
  }
  expect(secondKeyId).toMatch(/^stw_sa-/);
});

test("the org's Audit log shows them with the right actor, filters them by URL, never shows a key", async ({
  browser,
}) => {
  const ada = await signedInPage(browser, "ada");
  await ada.page.goto("/org/acme");
  await ada.page.getByRole("link", { name: "Audit log" }).click();
  await expect(ada.page).toHaveURL(/\/org\/acme\/audit-log$/);
  await expect(ada.page.getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
  for (const name of ["Time", "Actor", "Action", "Target", "Team / project", "IP", "Outcome", "Details"]) {
    await expect(log(ada.page).getByRole("columnheader", { name, exact: true })).toBeVisible();
  }

  // Filtered by target through the form: the UI account's three events, by tom in a browser.
  await ada.page.getByLabel("Target").fill(`ml-platform/${uiAccount}`);
  await ada.page.getByRole("button", { name: "Apply filters" }).click();
  await expect(ada.page).toHaveURL(new RegExp(`target=ml-platform%2F${uiAccount}`));
  await expect(rows(ada.page)).toHaveCount(4);
  for (const action of [
    "team:create_service_account",
    "service_account:revoke_api_key",
    "service_account:create_api_key",
  ]) {
    const row = rowOf(ada.page, action).first();
    await expect(cells(row).nth(1)).toContainText("tom");
    await expect(cells(row).nth(1)).toContainText("User");
    await expect(cells(row).nth(3)).toContainText(`ml-platform/${uiAccount}`);
    await expect(cells(row).nth(4)).toHaveText("ml-platform");
    await expect(cells(row).nth(6)).toHaveText("Success");
  }
  // Details expand: the revoked key's ID, the browser's user agent.
  const revokedRow = rowOf(ada.page, "service_account:revoke_api_key");
  await revokedRow.getByText("Details").click();
  await expect(revokedRow.getByText(secondKeyId)).toBeVisible();
  await expect(revokedRow.getByText("User agent")).toBeVisible();
  expect(await seriousViolations(ada.page)).toEqual([]);

  // Through the API: tom again, with his key's ID; and the failed authentication, counted.
  await ada.page.goto(`/org/acme/audit-log?target=ml-platform/${apiAccount}`);
  const apiCreated = rowOf(ada.page, "team:create_service_account");
  await expect(cells(apiCreated).nth(1)).toContainText("tom");
  await expect(cells(apiCreated).nth(1)).toContainText(`key ${tomKeyId}`);
  // Three failures, one event (two if the requests straddled a minute), never one per request.
  const failures = rowOf(ada.page, "auth:failed");
  await expect(failures.first()).toBeVisible();
  const failureRows = await failures.count();
  expect(failureRows).toBeLessThanOrEqual(2);
  const failed = failures.first();
  await expect(cells(failed).nth(1)).toContainText("Unknown caller");
  await expect(cells(failed).nth(1)).toContainText(apiKeyId);
  await expect(cells(failed).nth(6)).toHaveText("Failure");
  await failed.getByText("Details").click();
  await expect(failed.getByText("audit-e2e")).toBeVisible();
  await expect(failed.getByText("count", { exact: true })).toBeVisible();
  // Never the key itself, anywhere on the page.
  expect(await ada.page.content()).not.toContain(apiKey);

  // A shared link with an actor and an action filter gives the same view to whoever opens it.
  await ada.page.goto(`/org/acme/audit-log?actor=${apiKeyId}&action=auth:failed`);
  await expect(rows(ada.page)).toHaveCount(failureRows);
  await expect(ada.page.getByLabel("Actor")).toHaveValue(apiKeyId);
  await ada.page.goto("/org/acme/audit-log?actor=tom&action=service_account:revoke_api_key");
  await expect(rows(ada.page)).toHaveCount(2); // one revocation in the UI, one through the API

  // A time range after everything: nothing, with a clear empty state; a backwards range: a field error.
  await ada.page.goto("/org/acme/audit-log?since=2999-01-01T00:00");
  await expect(log(ada.page).getByText("No events match these filters.")).toBeVisible();
  await ada.page.goto("/org/acme/audit-log?since=2026-02-01T00:00&until=2026-01-01T00:00");
  await expect(
    ada.page.getByText("The end of the range must come after its start.", { exact: true }),
  ).toBeVisible();
  await expect(ada.page.getByLabel("Until (UTC)")).toHaveAttribute("aria-invalid", "true");
  await expect(log(ada.page).getByRole("alert")).toContainText("Fix the filter: The end of the range");
  await ada.close();
});

test("Older pages by cursor without repeats, and the export holds the same events as JSON Lines", async ({
  browser,
}) => {
  const ada = await signedInPage(browser, "ada");
  const { page } = ada;
  await page.goto("/org/acme/audit-log?limit=10");
  await expect(rows(page)).toHaveCount(10);
  const first = await eventIds(page);
  await page.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/limit=10&cursor=|cursor=.*limit=10/);
  await expect(rows(page)).toHaveCount(10);
  await expect(rows(page).first()).toBeVisible();
  const second = await eventIds(page);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  // newest first across the pages: ids of one org's log only ever go down
  expect(Math.max(...second.map(Number))).toBeLessThan(Math.min(...first.map(Number)));
  await expect(page.getByRole("link", { name: "Newest" })).toBeVisible();
  // A tampered cursor is a notice, not an error page.
  await page.goto("/org/acme/audit-log?limit=10&cursor=garbage");
  await expect(log(page).getByRole("alert")).toContainText("That page link is no longer valid");
  await expect(rows(page)).toHaveCount(10);

  // The export of a filtered view: the same events as the page, one JSON object a line.
  await page.goto("/org/acme/audit-log?actor=tom");
  const shown = await eventIds(page);
  expect(shown.length).toBeGreaterThan(3);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export JSON Lines" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-acme-\d{8}-\d{4}\.jsonl$/);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.trimEnd().split("\n");
  const events = lines.map((line) => JSON.parse(line));
  // every page of the view, in the same order: the first page is the page shown
  expect(events.map((e) => e.id).slice(0, shown.length)).toEqual(shown);
  if ((await page.getByRole("link", { name: "Older" }).count()) === 0)
    expect(events).toHaveLength(shown.length);
  expect(events.every((e) => e.actor.name === "tom" && e.actor.kind === "user")).toBe(true);
  expect(text).not.toMatch(/stw_(sa|u|at)-[A-Za-z0-9]{40}/);

  const res = await page.request.get("/org/acme/audit-log/export?action=auth:failed");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/x-ndjson");
  expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="audit-log-acme-.*\.jsonl"/);

  // Usable at 375 px: the table scrolls inside its card, the page does not.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/org/acme/audit-log");
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
  await ada.close();
});

test("a team admin sees their team's events only; the service account's Activity tab shows its own", async ({
  page,
}) => {
  await signIn(page, "tom");
  await page.goto("/ml-platform/settings/audit-log");
  await expect(page.getByRole("heading", { level: 1, name: "ml-platform" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Team settings" }).getByRole("link", { name: "Audit log" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(rows(page).first()).toBeVisible();
  const teams = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.children[4]?.textContent ?? ""));
  expect(teams.every((t) => t === "ml-platform" || t.startsWith("ml-platform/"))).toBe(true);
  // research's service accounts (the e2e fixtures) are not in ml-platform's log
  await page.goto("/ml-platform/settings/audit-log?target=research/etl");
  await expect(log(page).getByText("No events match these filters.")).toBeVisible();
  await page.goto(`/ml-platform/settings/audit-log?target=ml-platform/${uiAccount}`);
  await expect(rows(page)).toHaveCount(4);
  expect(await seriousViolations(page)).toEqual([]);

  // The team's export is the team's events only.
  const res = await page.request.get(
    `/org/acme/audit-log/export?teamId=${await teamIdFromExportLink(page)}&target=ml-platform/${uiAccount}`,
  );
  expect(res.status()).toBe(200);
  expect((await res.text()).trimEnd().split("\n")).toHaveLength(4);

  // The service account's own Activity tab: what was done to it, newest first.
  await page.goto(`/ml-platform/service-accounts/${apiAccount}/activity`);
  await expect(
    page
      .getByRole("navigation", { name: "Service account sections" })
      .getByRole("link", { name: "Activity" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(rowOf(page, "auth:failed").first()).toBeVisible();
  await expect(rowOf(page, "service_account:revoke_api_key")).toHaveCount(1);
  await expect(rowOf(page, "team:create_service_account")).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // Not the org's log, nor another team's.
  for (const path of ["/org/acme/audit-log", "/research/settings/audit-log"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  const exported = await page.request.get("/org/acme/audit-log/export");
  expect(exported.status()).toBe(403);
});

async function teamIdFromExportLink(page: Page): Promise<string> {
  const href = await page.getByRole("link", { name: "Export JSON Lines" }).getAttribute("href");
  return new URL(href!, "http://x").searchParams.get("teamId")!;
}

test("a plain member and another org's admin get a 404, and no Audit log tab", async ({ browser }) => {
  const mia = await signedInPage(browser, "mia");
  await mia.page.goto("/org/acme");
  await expect(mia.page.getByRole("navigation", { name: "Organization sections" })).toBeVisible();
  await expect(mia.page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  for (const path of [
    "/org/acme/audit-log",
    "/ml-platform/settings/audit-log",
    `/ml-platform/service-accounts/${apiAccount}/activity`,
  ]) {
    const res = await mia.page.goto(path);
    expect(res?.status(), `mia ${path}`).toBe(404);
  }
  expect((await mia.page.request.get("/org/acme/audit-log/export")).status()).toBe(403);
  await mia.close();

  const hal = await signedInPage(browser, "hal");
  for (const path of ["/org/acme/audit-log", "/ml-platform/settings/audit-log"]) {
    const res = await hal.page.goto(path);
    expect(res?.status(), `hal ${path}`).toBe(404);
  }
  const exported = await hal.page.request.get("/org/acme/audit-log/export");
  expect(exported.status()).toBe(404);
  expect(await exported.text()).not.toContain("tom");
  await hal.close();
});
