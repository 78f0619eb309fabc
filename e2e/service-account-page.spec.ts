// A service account's page, /<team>/service-accounts/<name>, for the admins who manage it: keys
// (create, shown once; revoke; rotate with an overlap), deactivate / reactivate, rename, delete (its
// runs stay, shown as logged by a deleted service account), and a federated account's workload
// identity. Every action is checked against the W&B API (GraphQL viewer, whoami) and refused, page
// and forged post alike, to a plain member and to an admin of another team.
//
// Rotation overlaps last an hour or more. To see one end without waiting, the last group starts a
// second server (same production build, own embedded database) whose clock the test moves forward:
// a preload replaces Date with one shifted by the milliseconds written in a file. Nothing in the app
// knows about it; the app code under test is exactly what production runs.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { startTestIssuer, type TestIssuer } from "../lib/federation/test-issuer";
import { basicAuth } from "./fixtures";
import {
  createTeamAccount,
  freePort,
  horizontalOverflow,
  postServerAction,
  type StartedServer,
  seriousViolations,
  serverActionId,
  signedInPage,
  signIn,
  startServer,
  viewerStatus,
} from "./helpers";

// Long flows with several accessibility scans each, on a 2-core machine.
test.describe.configure({ timeout: 240_000 });

const PAGE_ACTIONS = "app/[team]/service-accounts/[name]/actions";
const KEY = /stw_sa-[A-Za-z0-9]{40}/;

const pagePath = (team: string, name: string) => `/${team}/service-accounts/${name}`;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
}

async function whoami(request: APIRequestContext, key: string) {
  const res = await request.get("/api/v1/whoami", { headers: { Authorization: basicAuth(key) } });
  return { status: res.status(), body: res.ok() ? await res.json() : null };
}

/** Posts one of the page's actions directly, as a forged request would. */
async function postPageAction(page: Page, at: string, name: string, input: object) {
  const id = await serverActionId(name, PAGE_ACTIONS);
  return postServerAction(page.request, at, id, [undefined, input]);
}

const keysRegion = (page: Page) => page.getByRole("region", { name: "API keys" });
const keyRow = (page: Page, name: string) => keysRegion(page).getByRole("row").filter({ hasText: name });

/** Creates a key through the page's dialog; returns it (read from the dialog, then closed). */
async function createKeyInPage(page: Page, name: string): Promise<string> {
  await keysRegion(page).getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "API key created" });
  const key = await reveal.getByLabel(/^New API key of /).inputValue();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  return key;
}

test("a team admin opens the page from the team tab, reads the header and creates a key shown once", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signIn(page, "tom");
  const firstKey = await createTeamAccount(page, "ml-platform", "pg-main");
  await page.goto("/ml-platform/service-accounts");
  await page
    .getByTestId("service-account-ml-platform/pg-main")
    .getByRole("link", { name: "pg-main" })
    .click();
  await expect(page).toHaveURL(/\/ml-platform\/service-accounts\/pg-main$/);

  // the header: name, scope, team, authentication, status, created by and at, last used
  await expect(page.getByRole("heading", { level: 1, name: "pg-main" })).toBeVisible();
  const facts = page.locator("dl").first();
  await expect(facts).toContainText("ScopeTeam");
  await expect(facts).toContainText("Teamml-platform");
  await expect(facts).toContainText("AuthenticationAPI key (built-in)");
  await expect(facts).toContainText(/Created\w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC by tom/);
  await expect(facts).toContainText("Last usedNever");
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Service account sections" });
  await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Effective access" })).toHaveAttribute(
    "href",
    "/ml-platform/service-accounts/pg-main/access",
  );
  await expect(tabs.getByRole("link", { name: "Activity" })).toHaveAttribute(
    "href",
    "/ml-platform/service-accounts/pg-main/activity",
  );

  // the first key, and its use (time and address) once the W&B API has seen it (written off the
  // request path)
  expect(await viewerStatus(request, firstKey)).toBe(200);
  await expect(async () => {
    await page.reload();
    await expect(keyRow(page, "default").getByRole("cell").nth(3)).not.toHaveText("Never", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  for (const name of ["Name", "Key ID", "Created", "Created by", "Last used", "Expires", "Status"]) {
    await expect(keysRegion(page).getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  const first = keyRow(page, "default");
  await expect(first.getByRole("cell").nth(0)).toHaveText(firstKey.slice(0, 19));
  await expect(first.getByRole("cell").nth(2)).toHaveText("tom");
  await expect(first.getByRole("cell").nth(3)).toContainText(/UTC\s*from \S+/);
  await expect(first.getByRole("cell").nth(4)).toHaveText("Never");
  await expect(first.getByRole("cell").nth(5)).toHaveText("Active");
  await expect(facts).not.toContainText("Last usedNever");
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "service-account-page.png");

  // Create API key, by keyboard: focus on Name, errors beside the fields
  const create = keysRegion(page).getByRole("button", { name: "Create API key" });
  await create.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("Name is required.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Expiration", { exact: true }).selectOption("custom");
  await dialog.getByLabel("Name").fill("github");
  await dialog.getByLabel("Expiration date").fill("2001-01-01");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Choose a date in the future.")).toBeVisible();
  await dialog.getByLabel("Expiration", { exact: true }).selectOption("7d");
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Create" }).click();

  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal.getByText("This key will not be shown again.", { exact: false })).toBeVisible();
  const field = reveal.getByLabel("New API key of pg-main");
  await expect(field).toBeFocused();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(KEY);
  await expect(field).toHaveValue(key);
  await expect(reveal.locator("pre").first()).toHaveText(
    [
      `export WANDB_API_KEY=${key}`,
      `export WANDB_BASE_URL=${new URL(baseURL!).origin}`,
      "export WANDB_ENTITY=ml-platform",
    ].join("\n"),
  );
  await reveal.getByRole("tab", { name: "Kubernetes Secret" }).click();
  await expect(reveal.getByRole("tabpanel", { name: "Kubernetes Secret" })).toContainText(
    "kubectl create secret generic pg-main-wandb",
  );
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "service-account-key-created.png");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(create).toBeFocused();
  await expect(keyRow(page, "github").getByRole("cell").nth(4)).toContainText(/\w{3} \d{1,2}, \d{4}/);
  expect(await page.content()).not.toContain(key);
  expect(await whoami(request, key)).toMatchObject({
    status: 200,
    body: { kind: "service_account", name: "pg-main", entity: "ml-platform" },
  });

  // the page is usable at 375 px
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, "service-account-page-375.png");
});

test("revoke (confirmed) refuses the key at once; deactivate refuses every key until reactivated", async ({
  page,
  request,
}) => {
  await signIn(page, "tom");
  const key = await createTeamAccount(page, "ml-platform", "pg-status");
  await page.goto(pagePath("ml-platform", "pg-status"));
  const second = await createKeyInPage(page, "second");
  expect(await viewerStatus(request, key)).toBe(200);
  expect(await viewerStatus(request, second)).toBe(200);

  // revoke, by keyboard, with a confirmation that Escape cancels
  const revoke = keyRow(page, "second").getByRole("button", { name: /^Revoke second/ });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Revoke API key “second”?" });
  await expect(confirm).toContainText("stops working on the next request");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(revoke).toBeFocused();
  expect(await viewerStatus(request, second)).toBe(200);
  await revoke.click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(keyRow(page, "second").getByRole("cell").nth(5)).toContainText("Revoked");
  await expect(keyRow(page, "second").getByRole("button")).toHaveCount(0);
  expect(await viewerStatus(request, second)).toBe(401);
  expect(await viewerStatus(request, key)).toBe(200);

  // deactivate: the key is refused by the very next request
  await page.getByRole("button", { name: "Deactivate" }).click();
  const deactivate = page.getByRole("dialog", { name: "Deactivate pg-status?" });
  expect(await seriousViolations(page)).toEqual([]);
  await deactivate.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText("pg-status deactivated: its keys are refused from now on.")).toBeVisible();
  expect(await viewerStatus(request, key)).toBe(401);
  expect((await whoami(request, key)).status).toBe(401);
  await expect(page.getByText("Deactivated", { exact: true })).toBeVisible();
  await expect(keysRegion(page)).toContainText("pg-status is deactivated");
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "service-account-deactivated.png");

  // reactivate: it works again at once (the revoked key stays revoked)
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText("pg-status reactivated: its keys work again.")).toBeVisible();
  expect(await viewerStatus(request, key)).toBe(200);
  expect(await viewerStatus(request, second)).toBe(401);
  await expect(page.getByRole("button", { name: "Deactivate" })).toBeVisible();
});

test("rotation with an overlap keeps both keys until the old one is revoked; renaming moves the page", async ({
  page,
  request,
}) => {
  await signIn(page, "ada");
  const key = await createTeamAccount(page, "research", "pg-rotate");
  await page.goto(pagePath("research", "pg-rotate"));
  await keyRow(page, "default")
    .getByRole("button", { name: /^Rotate default/ })
    .click();
  const dialog = page.getByRole("dialog", { name: "Rotate API key “default”" });
  const overlap = dialog.getByRole("group", { name: "Revoke the old key" });
  await expect(overlap.getByRole("radio")).toHaveCount(4);
  await expect(overlap.getByRole("radio", { name: /In 24 hours/ })).toBeChecked();
  await overlap.getByRole("radio", { name: /In 7 days/ }).check();
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const reveal = page.getByRole("dialog", { name: "API key rotated" });
  await expect(reveal).toContainText(`The old key ${key.slice(0, 19)} keeps working until`);
  const rotated = await reveal.getByLabel("New API key of pg-rotate").inputValue();
  expect(rotated).toMatch(KEY);
  await reveal.getByRole("button", { name: "Done" }).click();

  // both work; the old one says when it goes
  expect(await viewerStatus(request, key)).toBe(200);
  expect(await viewerStatus(request, rotated)).toBe(200);
  const old = page.getByTestId(`api-key-${key.slice(0, 19)}`);
  await expect(old).toContainText(/Revokes at \w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC/);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "service-account-rotated.png");

  // the scheduled revocation can be brought forward
  await old.getByRole("button", { name: /^Revoke now/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke now" }).click();
  await expect(old.getByRole("cell").nth(5)).toContainText("Revoked");
  expect(await viewerStatus(request, key)).toBe(401);
  expect(await viewerStatus(request, rotated)).toBe(200);

  // rename and describe: the address follows the name, the keys keep working
  const details = page.getByRole("region", { name: "Details" });
  await details.getByLabel("Name").fill("Bad Name");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("Use lowercase letters, digits", { exact: false })).toBeVisible();
  await expect(details.getByLabel("Name")).toBeFocused();
  await details.getByLabel("Name").fill("pg-rotated");
  await details.getByLabel("Description").fill("Nightly evaluation");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page).toHaveURL(/\/research\/service-accounts\/pg-rotated$/);
  await expect(page.getByRole("heading", { level: 1, name: "pg-rotated" })).toBeVisible();
  await expect(page.getByText("Nightly evaluation").first()).toBeVisible();
  expect((await page.goto(pagePath("research", "pg-rotate")))?.status()).toBe(404);
  expect(await whoami(request, rotated)).toMatchObject({ status: 200, body: { name: "pg-rotated" } });
});

test("delete, confirmed by typing the name, revokes everything and keeps its runs, shown as a deleted account's", async ({
  page,
  request,
}) => {
  await signIn(page, "tom");
  const key = await createTeamAccount(page, "ml-platform", "pg-delete");
  const logged = await request.post("/graphql", {
    headers: { Authorization: basicAuth(key) },
    data: {
      query:
        'mutation { upsertBucket(input: {name: "pg-delete-run", modelName: "pg-page-runs", entityName: "ml-platform"}) { bucket { name } inserted } }',
    },
  });
  expect(logged.status()).toBe(200);
  await page.goto(pagePath("ml-platform", "pg-delete"));

  const open = page.getByRole("button", { name: "Delete", exact: true });
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Delete pg-delete?" });
  const confirm = dialog.getByLabel("Type pg-delete to confirm");
  await expect(confirm).toBeFocused();
  const submit = dialog.getByRole("button", { name: "Delete service account" });
  await confirm.fill("pg-delet");
  await expect(submit).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  // the server checks the typed name too
  const wrong = await postPageAction(
    page,
    pagePath("ml-platform", "pg-delete"),
    "deleteServiceAccountAction",
    {
      team: "ml-platform",
      serviceAccount: "pg-delete",
      confirmation: "pg-delet",
    },
  );
  expect(wrong.body).toContain("Type pg-delete to confirm.");
  expect(await viewerStatus(request, key)).toBe(200);

  await confirm.fill("pg-delete");
  await submit.click();
  await expect(page).toHaveURL(/\/ml-platform\/service-accounts$/);
  await expect(page.getByTestId("service-account-ml-platform/pg-delete")).toHaveCount(0);
  expect(await viewerStatus(request, key)).toBe(401);
  expect((await page.goto(pagePath("ml-platform", "pg-delete")))?.status()).toBe(404);

  // its run stays, logged by a deleted service account
  await page.goto("/ml-platform/pg-page-runs");
  const run = page.getByTestId("run-pg-delete-run");
  await expect(run).toContainText("pg-delete");
  await expect(run).toContainText("deleted service account");
  await page.goto("/ml-platform/pg-page-runs/runs/pg-delete-run");
  await expect(page.getByText("deleted service account")).toBeVisible();
});

test("a plain member and an admin of another team get a 404, and every forged action is refused", async ({
  browser,
  request,
}) => {
  test.setTimeout(420_000); // three sign-ins, nine page loads and eighteen posts
  const ada = await signedInPage(browser, "ada");
  const mlKey = await createTeamAccount(ada.page, "ml-platform", "pg-guarded");
  const researchKey = await createTeamAccount(ada.page, "research", "pg-guarded-r");
  const createOrg = await serverActionId(
    "createOrgServiceAccountAction",
    "app/org/[org]/service-accounts/actions",
  );
  const orgAccount = { org: "acme", name: "pg-guarded-org", defaultTeam: "ml-platform" };
  const created = await postServerAction(ada.page.request, "/org/acme/service-accounts", createOrg, [
    undefined,
    orgAccount,
  ]);
  expect(created.body).toContain('"ok":true');
  const orgKey = KEY.exec(created.body)![0];
  const keyIdOf = (key: string) => key.slice(0, 19);

  const forged = (team: string, name: string, key: string): Array<[string, object]> => {
    const account = { team, serviceAccount: name };
    return [
      ["updateServiceAccountAction", { ...account, name: "forged-rename", description: "forged" }],
      ["createServiceAccountKeyAction", { ...account, name: "forged", expiry: "never" }],
      ["revokeServiceAccountKeyAction", { ...account, keyId: keyIdOf(key) }],
      ["rotateServiceAccountKeyAction", { ...account, keyId: keyIdOf(key), overlap: "now" }],
      ["setServiceAccountStatusAction", { ...account, status: "deactivated" }],
      ["deleteServiceAccountAction", { ...account, confirmation: name }],
    ];
  };
  const cases = [
    // mia: member of ml-platform (and research), no admin
    { login: "mia", team: "ml-platform", name: "pg-guarded", key: mlKey },
    // tom: admin of ml-platform, not of research
    { login: "tom", team: "research", name: "pg-guarded-r", key: researchKey },
    // tom again: an org service account whose default team he administers is the org admins' alone
    { login: "tom", team: "ml-platform", name: "pg-guarded-org", key: orgKey },
  ];
  for (const { login, team, name, key } of cases) {
    const { page, close } = await signedInPage(browser, login);
    for (const sub of ["", "/access", "/activity"]) {
      const res = await page.goto(`${pagePath(team, name)}${sub}`);
      expect(res?.status(), `${login} ${team}/${name}${sub}`).toBe(404);
    }
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    for (const [action, input] of forged(team, name, key)) {
      const res = await postPageAction(page, pagePath(team, name), action, input);
      expect(res.body, `${login} ${action} on ${team}/${name}`).toContain('"ok":false');
      expect(res.body).not.toMatch(KEY);
    }
    await close();
  }

  // nothing changed: both accounts and their keys work, under their names, with one key each
  expect(await viewerStatus(request, mlKey)).toBe(200);
  expect(await viewerStatus(request, researchKey)).toBe(200);
  expect(await viewerStatus(request, orgKey)).toBe(200);
  for (const [team, name] of [
    ["ml-platform", "pg-guarded"],
    ["research", "pg-guarded-r"],
    ["ml-platform", "pg-guarded-org"],
  ]) {
    expect((await ada.page.goto(pagePath(team, name)))?.status()).toBe(200);
    await expect(keysRegion(ada.page).locator("tbody tr")).toHaveCount(1);
    await expect(ada.page.getByText("Active", { exact: true }).first()).toBeVisible();
  }
  await ada.close();
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto(pagePath("ml-platform", "ci-bot"));
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fml-platform%2Fservice-accounts%2Fci-bot/);
});

// A second server on its own embedded database, prepared with the steward CLI (an issuer and a
// federated account need a loopback OpenID issuer), whose clock the tests move forward.
test.describe("on a server whose clock the test controls", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  let server: StartedServer | undefined;
  let idp: TestIssuer;
  let origin = "";
  let dataDir = "";
  let clockFile = "";
  const subject = "repo:acme/train:ref:refs/heads/main";

  /** Moves the server's clock `ms` ahead of real time (0: back to real time). */
  function setClockOffset(ms: number) {
    writeFileSync(clockFile, String(ms));
  }

  test.beforeAll(async () => {
    test.setTimeout(600_000); // CLI runs, then a second server boots, migrates and seeds
    idp = await startTestIssuer({ path: "/pg", defaultAudience: "acme", defaultSubject: subject });
    const port = await freePort();
    origin = `http://localhost:${port}`;
    dataDir = path.resolve(`.data/e2e-sa-page-clock-${port}`);
    clockFile = `${dataDir}-clock-offset`;
    const preload = `${dataDir}-clock.mjs`;
    rmSync(dataDir, { recursive: true, force: true });
    setClockOffset(0);
    writeFileSync(preload, clockPreload(clockFile));
    const env = {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DATA_DIR: dataDir,
      ALLOW_INSECURE_ISSUERS: "true",
      AUTH_FAILURE_LIMIT: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // Asynchronously: the CLI's discovery fetch is answered by the issuer running in this process.
    const steward = (...args: string[]) =>
      promisify(execFile)(process.execPath, ["scripts/steward.mjs", ...args], { env, encoding: "utf8" });
    await steward("seed");
    await steward("issuer", "add", "acme", "--url", idp.url);
    await steward(
      "sa",
      "create",
      "--team",
      "ml-platform",
      "pg-fed",
      "--issuer",
      idp.url,
      "--subject",
      subject,
    );
    await steward("sa", "create", "--team", "ml-platform", "pg-clock");
    server = await startServer(port, { ...env, SEED_DEMO: "false", NODE_OPTIONS: `--import=${preload}` });
  });

  test.afterAll(async () => {
    await server?.stop();
    await idp?.close();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.lock`, { force: true });
      rmSync(`${dataDir}-clock.mjs`, { force: true });
      rmSync(clockFile, { force: true });
    }
  });

  test("a federated account shows its issuer and subject and a workload snippet, and owns no keys", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await signIn(page, "tom", undefined, origin);
    await page.goto(`${origin}/ml-platform/service-accounts`);
    await page.getByRole("link", { name: "pg-fed" }).click();
    await expect(page).toHaveURL(`${origin}${pagePath("ml-platform", "pg-fed")}`);
    await expect(page.locator("dl").first()).toContainText("AuthenticationFederated identity");
    await expect(keysRegion(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
    const card = page.getByRole("region", { name: "Workload identity" });
    await expect(card.getByTestId("issuer-url")).toHaveText(idp.url);
    await expect(card.getByTestId("subject")).toHaveText(subject);
    const snippet = [
      "# A file the platform keeps fresh with the workload's JWT (aud: acme)",
      "export WANDB_IDENTITY_TOKEN_FILE=/var/run/secrets/wandb/token",
      `export WANDB_BASE_URL=${origin}`,
      "export WANDB_ENTITY=ml-platform",
    ].join("\n");
    await expect(card.locator("pre")).toHaveText(snippet);
    await card.getByRole("button", { name: "Copy workload snippet" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "service-account-federated.png");

    // a key cannot be forged onto it either
    const forged = await postPageAction(
      page,
      `${origin}${pagePath("ml-platform", "pg-fed")}`,
      "createServiceAccountKeyAction",
      {
        team: "ml-platform",
        serviceAccount: "pg-fed",
        name: "forged",
        expiry: "never",
      },
    );
    expect(forged.body).toContain("A federated service account owns no API keys");
    expect(forged.body).not.toMatch(KEY);
  });

  test("after a rotation's overlap only the new key works", async ({ page, request }) => {
    await signIn(page, "tom", undefined, origin);
    await page.goto(`${origin}${pagePath("ml-platform", "pg-clock")}`);
    await expect(page.getByRole("heading", { level: 1, name: "pg-clock" })).toBeVisible();
    await expect(keysRegion(page).getByText("pg-clock has no API keys.", { exact: false })).toBeVisible();
    const key = await createKeyInPage(page, "pipeline");
    expect(await viewerStatus(request, key, origin)).toBe(200);

    await keyRow(page, "pipeline")
      .getByRole("button", { name: /^Rotate pipeline/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Rotate API key “pipeline”" });
    await dialog.getByRole("radio", { name: /In 1 hour/ }).check();
    await dialog.getByRole("button", { name: "Rotate key" }).click();
    const reveal = page.getByRole("dialog", { name: "API key rotated" });
    const rotated = await reveal.getByLabel("New API key of pg-clock").inputValue();
    await reveal.getByRole("button", { name: "Done" }).click();
    const old = page.getByTestId(`api-key-${key.slice(0, 19)}`);
    await expect(old).toContainText("Revokes at");

    // during the overlap both keys work
    expect(await viewerStatus(request, key, origin)).toBe(200);
    expect(await viewerStatus(request, rotated, origin)).toBe(200);

    // an hour and a minute later, only the new one
    setClockOffset(61 * 60_000);
    await expect.poll(() => viewerStatus(request, key, origin), { timeout: 10_000 }).toBe(401);
    expect(await viewerStatus(request, rotated, origin)).toBe(200);
    await page.reload();
    await expect(old.getByRole("cell").nth(5)).toContainText("Revoked");
    await expect(keyRow(page, "pipeline").filter({ hasText: "Active" })).toHaveCount(1);
  });
});

/**
 * A Node preload that shifts the process's clock (Date.now and `new Date()`) by the milliseconds
 * in `file`, re-read every 100 ms. Everything else about Date is the real one.
 */
function clockPreload(file: string): string {
  return `import { readFileSync } from "node:fs";
const RealDate = Date;
let offset = 0;
const read = () => { try { offset = Number(readFileSync(${JSON.stringify(file)}, "utf8")) || 0; } catch {} };
read();
setInterval(read, 100).unref();
globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length ? args : [RealDate.now() + offset], newTarget);
  },
  apply() {
    return new RealDate(RealDate.now() + offset).toString();
  },
  get(target, prop, receiver) {
    return prop === "now" ? () => RealDate.now() + offset : Reflect.get(target, prop, receiver);
  },
});
`;
}
