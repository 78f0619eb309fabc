// The Service Accounts tabs: /org/<org>/service-accounts (org admins) and /<team>/service-accounts
// (team admins and org admins, also reached from /<team>/settings). Creating a service account shows
// its first key once; that key authenticates at /api/v1/whoami in the right team. Everyone else is
// refused: a real 404 for the pages, a refusal for every action posted directly.
import { rmSync } from "node:fs";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth } from "./fixtures";
import {
  freePort,
  horizontalOverflow,
  postServerAction,
  type StartedServer,
  seriousViolations,
  serverActionId,
  signedInPage,
  signIn,
  startServer,
} from "./helpers";

// Long flows with several accessibility scans each, on a 2-core machine.
test.describe.configure({ timeout: 120_000 });

const ORG_ACTIONS = "app/org/[org]/service-accounts/actions";
const TEAM_ACTIONS = "app/[team]/service-accounts/actions";

function whoami(request: APIRequestContext, key: string, origin = "") {
  return request.get(`${origin}/api/v1/whoami`, { headers: { Authorization: basicAuth(key) } });
}

const region = (page: Page) => page.getByRole("region", { name: "Service accounts" });
const saRow = (page: Page, team: string, name: string) => page.getByTestId(`service-account-${team}/${name}`);
const newButton = (page: Page) => page.getByRole("button", { name: "New service account" });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
}

/** Creates an org service account the way a forged (or scripted) request would; returns the response. */
async function postCreateOrg(page: Page, input: { org: string; name: string; defaultTeam: string }) {
  const id = await serverActionId("createOrgServiceAccountAction", ORG_ACTIONS);
  return postServerAction(page.request, `/org/${input.org}/service-accounts`, id, [undefined, input]);
}

test("an org admin creates an org service account, copies its key, and the key acts in the default team", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signIn(page, "ada");
  await page.goto("/org/acme");
  await page.getByRole("link", { name: "Service Accounts" }).click();
  await expect(page).toHaveURL(/\/org\/acme\/service-accounts$/);
  await expect(page.getByRole("link", { name: "Service Accounts" })).toHaveAttribute("aria-current", "page");

  // every service account of the org, org- and team-scoped
  const list = region(page);
  for (const name of [
    "Name",
    "Scope",
    "Team",
    "Authentication",
    "Keys",
    "Created by",
    "Created",
    "Last used",
    "Status",
  ]) {
    await expect(list.getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  const trainer = saRow(page, "research", "trainer");
  await expect(trainer.getByRole("cell")).toHaveText([
    "Organization",
    "researchdefault",
    "API key",
    "1",
    /—/,
    /\w{3} \d{1,2}, \d{4}/,
    /Never|\w{3} \d{1,2}, \d{4}/, // an earlier spec may have used the trainer key
    "Active",
  ]);
  await expect(saRow(page, "ml-platform", "ci-bot").getByRole("cell").first()).toHaveText("Team");
  await expect(saRow(page, "research", "etl")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "org-service-accounts.png");

  // the dialog: keyboard-operable, focus on Name, inline errors
  await newButton(page).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New service account" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await expect(dialog.getByLabel("Default team")).toHaveValue("");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Name is required.")).toBeVisible();
  await expect(dialog.getByText("Choose the default team.")).toBeVisible();
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await expect(dialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "org-new-service-account-errors.png");

  await dialog.getByLabel("Default team").selectOption("ml-platform");
  await dialog.getByLabel("Name").fill("x".repeat(65));
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Name must be at most 64 characters.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Nightly Trainer");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(
    dialog.getByText("Use lowercase letters, digits, '-' and '_', starting with a letter or digit."),
  ).toBeVisible();
  await dialog.getByLabel("Name").fill("ci-bot");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("This name is already used in that team.")).toBeVisible();
  // a refused form keeps what was typed and chosen
  await expect(dialog.getByLabel("Name")).toHaveValue("ci-bot");
  await expect(dialog.getByLabel("Default team")).toHaveValue("ml-platform");

  // the Create button says it is working while the server creates
  let delayed = false;
  await page.route("**/org/acme/service-accounts", async (route) => {
    if (route.request().method() === "POST" && !delayed) {
      delayed = true;
      await new Promise((r) => setTimeout(r, 600));
    }
    await route.continue();
  });
  await dialog.getByLabel("Name").fill("e2e-trainer");
  const create = dialog.getByRole("button", { name: "Create" });
  await create.click();
  await expect(create).toBeDisabled();
  await expect(create).toHaveAttribute("aria-busy", "true");

  const reveal = page.getByRole("dialog", { name: "Service account created" });
  await expect(
    reveal.getByText("This key will not be shown again. Store it in your secret manager now."),
  ).toBeVisible();
  await expect(
    page.getByText("Service account e2e-trainer created, with default team ml-platform."),
  ).toBeVisible();
  const field = reveal.getByLabel("API key of e2e-trainer");
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(/^stw_sa-[A-Za-z0-9]{40}$/);
  await expect(field).toHaveAttribute("readonly", "");
  const shown = await field.inputValue();
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toBe(shown);

  // ready-to-paste snippets: this server, the default team, the service account's name
  const { origin, host } = new URL(baseURL!);
  const settings = [`WANDB_API_KEY=${key}`, `WANDB_BASE_URL=${origin}`, "WANDB_ENTITY=ml-platform"];
  await expect(reveal.locator("pre").first()).toHaveText(settings.map((s) => `export ${s}`).join("\n"));
  const tab = (name: string) => reveal.getByRole("tab", { name });
  const panel = (name: string) => reveal.getByRole("tabpanel", { name });
  await expect(tab("Kubernetes Secret")).toHaveAttribute("aria-selected", "true");
  await expect(panel("Kubernetes Secret").locator("pre").first()).toHaveText(
    ["kubectl create secret generic e2e-trainer-wandb", ...settings.map((s) => `  --from-literal=${s}`)].join(
      " \\\n",
    ),
  );
  await expect(panel("Kubernetes Secret").locator("pre").nth(1)).toHaveText(
    "envFrom:\n  - secretRef:\n      name: e2e-trainer-wandb",
  );
  // arrow keys move between the snippet tabs
  await tab("Kubernetes Secret").focus();
  await page.keyboard.press("ArrowRight");
  await expect(tab("GitHub Actions")).toBeFocused();
  await expect(tab("GitHub Actions")).toHaveAttribute("aria-selected", "true");
  await expect(panel("GitHub Actions").locator("pre").first()).toHaveText(
    `gh secret set WANDB_API_KEY --body "${key}"`,
  );
  await expect(panel("GitHub Actions").locator("pre").nth(1)).toHaveText(
    [
      "env:",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax.
      "  WANDB_API_KEY: ${{ secrets.WANDB_API_KEY }}",
      `  WANDB_BASE_URL: ${origin}`,
      "  WANDB_ENTITY: ml-platform",
    ].join("\n"),
  );
  await expect(panel("Kubernetes Secret")).toHaveCount(0); // hidden, not just covered
  await tab("Vault").click();
  const vault = ["vault kv put secret/e2e-trainer", ...settings.map((s) => `  ${s}`)].join(" \\\n");
  await expect(panel("Vault").locator("pre")).toHaveText(vault);
  await panel("Vault").getByRole("button", { name: "Copy Vault command" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(vault);
  await tab("~/.netrc").click();
  await expect(panel("~/.netrc").locator("pre")).toHaveText(
    `machine ${host}\n  login user\n  password ${key}`,
  );
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "org-service-account-created.png");

  // the list updated behind the (modal) dialog, without a reload
  await expect(saRow(page, "ml-platform", "e2e-trainer")).toBeAttached();

  // focus stays in the dialog, and closing it returns focus to the button that opened it
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    expect(await reveal.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(newButton(page)).toBeFocused();
  const created = saRow(page, "ml-platform", "e2e-trainer");
  await expect(created.getByRole("cell")).toHaveText([
    "Organization",
    "ml-platformdefault",
    "API key",
    "1",
    "ada",
    /\w{3} \d{1,2}, \d{4}/,
    "Never",
    "Active",
  ]);
  expect(await page.content()).not.toContain(key);

  // reopening shows an empty form, never the key
  await newButton(page).click();
  await expect(page.getByRole("dialog", { name: "New service account" }).getByLabel("Name")).toHaveValue("");
  await expect(page.getByText(key)).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(newButton(page)).toBeFocused();
  expect(await (await page.request.get("/org/acme/service-accounts")).text()).not.toContain(key);

  // the key authenticates as the service account, in its default team
  const res = await whoami(request, key);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    kind: "service_account",
    name: "e2e-trainer",
    entity: "ml-platform",
    org: "acme",
    scope: "org",
  });
  // and its use shows in the list
  await expect(async () => {
    await page.reload();
    await expect(saRow(page, "ml-platform", "e2e-trainer").getByRole("cell").nth(6)).not.toHaveText("Never", {
      timeout: 500,
    });
  }).toPass({ timeout: 10_000 });
});

test("the org tab searches by name and pages through thousands, with the state in the URL", async ({
  page,
}) => {
  await signIn(page, "ada");
  // Named to sort after the fixtures, so the other tests still find those on the first page.
  for (let i = 0; i < 30; i++) {
    const name = `zz-page-${String(i).padStart(2, "0")}`;
    const res = await postCreateOrg(page, { org: "acme", name, defaultTeam: "research" });
    expect(res.body, name).toContain('"ok":true');
  }
  await page.goto("/org/acme/service-accounts");
  const list = region(page);
  const rows = list.locator("tbody tr");
  await expect(rows).toHaveCount(25);
  const search = list.getByRole("searchbox", { name: "Search service accounts by name" });
  await search.fill("zz-page");
  await expect(page).toHaveURL(/\?q=zz-page$/);
  await expect(list.getByText("Showing 1–25 matching “zz-page”")).toBeVisible();
  await expect(rows.first()).toHaveAttribute("data-testid", "service-account-research/zz-page-00");

  const pages = list.getByRole("navigation", { name: "Pages of service accounts" });
  await expect(pages.getByText("Previous")).toHaveAttribute("aria-disabled", "true");
  await pages.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\?q=zz-page&page=2$/);
  await expect(list.getByText("Showing 26–30 matching “zz-page”")).toBeVisible();
  await expect(rows).toHaveCount(5);
  await expect(pages.getByText("Next")).toHaveAttribute("aria-disabled", "true");

  // the URL is the state: a reload renders the same page on the server, back returns to page 1
  await page.reload();
  await expect(rows).toHaveCount(5);
  await expect(search).toHaveValue("zz-page");
  await expect(rows.first()).toHaveAttribute("data-testid", "service-account-research/zz-page-25");
  await page.goBack();
  await expect(page).toHaveURL(/\?q=zz-page$/);
  await expect(rows).toHaveCount(25);
  await page.goForward();
  await expect(rows).toHaveCount(5);
  await pages.getByRole("link", { name: "Previous" }).click();
  await expect(rows).toHaveCount(25);

  await search.fill("zz-page-2");
  await expect(rows).toHaveCount(10);
  await expect(pages).toHaveCount(0);
  // '_' and '%' are plain characters, not wildcards
  await search.fill("zz_page");
  await expect(list.getByText("No service account name contains “zz_page”.")).toBeVisible();
  await list.getByRole("button", { name: "Clear the search" }).click();
  await expect(page).toHaveURL(/\/org\/acme\/service-accounts$/);
  await expect(search).toHaveValue("");
  await expect(rows).toHaveCount(25);
  await shot(page, "org-service-accounts-paged.png");

  // past the end
  await page.goto("/org/acme/service-accounts?page=99");
  await expect(list.getByText("This page is past the end of the list.")).toBeVisible();
});

test("a team admin creates a team service account at /<team>/service-accounts, reached from team settings", async ({
  page,
  context,
  browser,
  request,
  baseURL,
}) => {
  // an org service account whose default team is ml-platform, made by the org admin
  const ada = await signedInPage(browser, "ada");
  expect(
    (await postCreateOrg(ada.page, { org: "acme", name: "platform-nightly", defaultTeam: "ml-platform" }))
      .body,
  ).toContain('"ok":true');
  await ada.close();

  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signIn(page, "tom");
  const settings = await page.goto("/ml-platform/settings");
  expect(settings?.status()).toBe(200);
  await expect(page).toHaveURL(/\/ml-platform\/service-accounts$/);
  await expect(page.getByRole("heading", { name: "ml-platform", level: 1 })).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Team settings" });
  await expect(tabs.getByRole("link", { name: "Service Accounts" })).toHaveAttribute("aria-current", "page");

  // the team's own service accounts, and the org ones whose default team it is (marked Org)
  const list = region(page);
  await expect(saRow(page, "ml-platform", "ci-bot").getByRole("cell").first()).toHaveText("Team");
  const nightly = saRow(page, "ml-platform", "platform-nightly");
  await expect(nightly.getByRole("cell").first()).toHaveText("Org");
  await expect(nightly.getByRole("rowheader")).toContainText("Managed by org admins");
  await expect(nightly.getByRole("link")).toHaveCount(0);
  await expect(saRow(page, "research", "etl")).toHaveCount(0);
  await expect(saRow(page, "research", "trainer")).toHaveCount(0);
  await expect(list.getByRole("columnheader", { name: "Team", exact: true })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "team-service-accounts.png");

  await newButton(page).click();
  const dialog = page.getByRole("dialog", { name: "New service account" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  const method = dialog.getByRole("group", { name: "Authentication method" });
  await expect(method.getByRole("radio")).toHaveCount(2);
  await expect(method.getByRole("radio", { name: /Generate API key \(Built-in\)/ })).toBeChecked();
  await expect(method.getByRole("radio", { name: /Federated identity/ })).not.toBeChecked();
  await dialog.getByLabel("Name").fill("ci-bot");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("This name is already used in that team.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "team-new-service-account.png");
  await dialog.getByLabel("Name").fill("e2e-ci");
  await dialog.getByRole("button", { name: "Create" }).click();

  const reveal = page.getByRole("dialog", { name: "Service account created" });
  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^stw_sa-[A-Za-z0-9]{40}$/);
  await expect(reveal.getByLabel("API key of e2e-ci")).toHaveValue(key);
  await expect(reveal.locator("pre").first()).toContainText("export WANDB_ENTITY=ml-platform");
  await reveal.getByRole("tab", { name: "GitHub Actions" }).click();
  await expect(reveal.getByRole("tabpanel", { name: "GitHub Actions" })).toContainText(
    `gh secret set WANDB_API_KEY --body "${key}"`,
  );
  await expect(page.getByText("Service account e2e-ci created in ml-platform.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "team-service-account-created.png");
  await expect(saRow(page, "ml-platform", "e2e-ci")).toBeAttached();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(newButton(page)).toBeFocused();
  await expect(saRow(page, "ml-platform", "e2e-ci").getByRole("cell")).toHaveText([
    "Team",
    "API key",
    "1",
    "tom",
    /\w{3} \d{1,2}, \d{4}/,
    "Never",
    "Active",
  ]);
  expect(await page.content()).not.toContain(key);

  const res = await whoami(request, key);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    kind: "service_account",
    name: "e2e-ci",
    entity: "ml-platform",
    org: "acme",
    scope: "team",
  });

  // a team admin is no org admin: no org tab, and a 404 for its address
  await page.goto("/org/acme");
  await expect(page.getByRole("link", { name: "Service Accounts" })).toHaveCount(0);
  expect((await page.goto("/org/acme/service-accounts"))?.status()).toBe(404);
});

test("an org admin sees a team's org service accounts with a link to manage them in the org tab", async ({
  page,
}) => {
  await signIn(page, "ada");
  const res = await page.goto("/research/settings");
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/research\/service-accounts$/);
  await expect(saRow(page, "research", "etl").getByRole("cell").first()).toHaveText("Team");
  const trainer = saRow(page, "research", "trainer");
  await expect(trainer.getByRole("cell").first()).toHaveText("Org");
  // org admins may also create team service accounts
  await expect(newButton(page)).toBeVisible();
  await trainer.getByRole("link", { name: "Manage in the organization’s tab" }).click();
  await expect(page).toHaveURL(/\/org\/acme\/service-accounts\?q=trainer$/);
  await expect(region(page).getByRole("searchbox")).toHaveValue("trainer");
  await expect(saRow(page, "research", "trainer")).toBeVisible();
  await expect(saRow(page, "research", "etl")).toHaveCount(0);
});

test("members, viewers and admins of another team or org get a 404 and every action refuses", async ({
  browser,
}) => {
  const actions = {
    createOrg: await serverActionId("createOrgServiceAccountAction", ORG_ACTIONS),
    listOrg: await serverActionId("listOrgServiceAccountsAction", ORG_ACTIONS),
    createTeam: await serverActionId("createTeamServiceAccountAction", TEAM_ACTIONS),
    listTeam: await serverActionId("listTeamServiceAccountsAction", TEAM_ACTIONS),
  };
  const cases: Array<{ login: string; notFound: string[]; posts: Array<[keyof typeof actions, object]> }> = [
    {
      login: "mia", // member of ml-platform and research
      notFound: [
        "/org/acme/service-accounts",
        "/ml-platform/service-accounts",
        "/ml-platform/settings",
        "/research/service-accounts",
        "/research/settings",
      ],
      posts: [
        ["createOrg", { org: "acme", name: "forged-mia", defaultTeam: "ml-platform" }],
        ["createTeam", { team: "ml-platform", name: "forged-mia" }],
        ["listOrg", { org: "acme" }],
        ["listTeam", { team: "ml-platform" }],
      ],
    },
    {
      login: "vic", // viewer of research
      notFound: ["/org/acme/service-accounts", "/research/service-accounts", "/research/settings"],
      posts: [
        ["createTeam", { team: "research", name: "forged-vic" }],
        ["listTeam", { team: "research" }],
      ],
    },
    {
      login: "tom", // admin of ml-platform, not of research
      notFound: ["/org/acme/service-accounts", "/research/service-accounts", "/research/settings"],
      posts: [
        ["createTeam", { team: "research", name: "forged-tom" }],
        ["listTeam", { team: "research" }],
        ["createOrg", { org: "acme", name: "forged-tom", defaultTeam: "ml-platform" }],
        ["listOrg", { org: "acme" }],
      ],
    },
    {
      login: "hal", // org admin of hobby, not in acme
      notFound: ["/org/acme/service-accounts", "/ml-platform/service-accounts", "/ml-platform/settings"],
      posts: [
        ["createOrg", { org: "acme", name: "forged-hal", defaultTeam: "ml-platform" }],
        ["createOrg", { org: "hobby", name: "forged-hal", defaultTeam: "ml-platform" }],
        ["createTeam", { team: "ml-platform", name: "forged-hal" }],
        ["listOrg", { org: "acme" }],
        ["listTeam", { team: "ml-platform" }],
      ],
    },
  ];
  for (const { login, notFound, posts } of cases) {
    const { page, close } = await signedInPage(browser, login);
    for (const path of notFound) {
      const res = await page.goto(path);
      expect(res?.status(), `${login} ${path}`).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    for (const [name, input] of posts) {
      const at = name.endsWith("Org") ? "/org/acme/service-accounts" : "/ml-platform/service-accounts";
      const res = await postServerAction(page.request, at, actions[name], [undefined, input]);
      expect(res.body, `${login} ${name} ${JSON.stringify(input)}`).toContain('"ok":false');
      expect(res.body).not.toContain("stw_sa-");
      expect(res.body).not.toContain("ci-bot"); // nothing listed
    }
    if (login === "mia") {
      await page.goto("/org/acme");
      await expect(page.getByRole("link", { name: "Members" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Service Accounts" })).toHaveCount(0);
    }
    await close();
  }

  // nothing was created
  const { page, close } = await signedInPage(browser, "ada");
  await page.goto("/org/acme/service-accounts?q=forged");
  await expect(region(page).getByText("No service account name contains “forged”.")).toBeVisible();
  await close();
});

test("a free-plan org's tabs explain the enterprise feature, offer nothing to create, and the server refuses", async ({
  page,
}) => {
  await signIn(page, "hal");
  await page.goto("/org/hobby");
  await page.getByRole("link", { name: "Service Accounts" }).click();
  await expect(page).toHaveURL(/\/org\/hobby\/service-accounts$/);
  const note = page.getByRole("note");
  await expect(note).toContainText("Service accounts are an enterprise feature");
  await expect(note).toContainText("Hobby Lab is on the free plan");
  await expect(newButton(page)).toHaveCount(0);
  await expect(region(page).getByText("Hobby Lab has no service accounts.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "free-org-service-accounts.png");

  await page.goto("/hobby-lab/settings");
  await expect(page).toHaveURL(/\/hobby-lab\/service-accounts$/);
  await expect(page.getByRole("note")).toContainText("Service accounts are an enterprise feature");
  await expect(newButton(page)).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "free-team-service-accounts.png");

  const forgedOrg = await postCreateOrg(page, { org: "hobby", name: "forged", defaultTeam: "hobby-lab" });
  expect(forgedOrg.body).toContain("Service accounts are an enterprise feature");
  expect(forgedOrg.body).toContain('"ok":false');
  const createTeam = await serverActionId("createTeamServiceAccountAction", TEAM_ACTIONS);
  const forgedTeam = await postServerAction(page.request, "/hobby-lab/service-accounts", createTeam, [
    undefined,
    { team: "hobby-lab", name: "forged" },
  ]);
  expect(forgedTeam.body).toContain("Service accounts are an enterprise feature");
  await page.reload();
  await expect(region(page).getByText("No service accounts in hobby-lab yet.")).toBeVisible();
});

test("the tabs and the dialog are usable at 375 px", async ({ page, browser }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, "ada");
  await page.goto("/org/acme/service-accounts");
  await expect(saRow(page, "research", "trainer")).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await expect(newButton(page)).toBeInViewport({ ratio: 1 });
  await shot(page, "org-service-accounts-375.png");

  await newButton(page).click();
  const dialog = page.getByRole("dialog", { name: "New service account" });
  await dialog.getByLabel("Name").fill("e2e-phone");
  await dialog.getByLabel("Default team").selectOption("research");
  await shot(page, "org-new-service-account-375.png");
  await dialog.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "Service account created" });
  await expect(reveal.getByRole("button", { name: "Copy API key" })).toBeInViewport({ ratio: 1 });
  await shot(page, "org-service-account-created-375.png");
  for (const name of ["Copy environment variables", "Kubernetes Secret", "Copy kubectl command", "Done"]) {
    const control = reveal.getByRole(name.startsWith("Copy") || name === "Done" ? "button" : "tab", { name });
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport({ ratio: 1 });
    const [box, frame] = [await control.boundingBox(), await reveal.boundingBox()];
    expect(box!.x + box!.width, `${name} fits in the dialog`).toBeLessThanOrEqual(frame!.x + frame!.width);
  }
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(saRow(page, "research", "e2e-phone")).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  const tom = await signedInPage(browser, "tom");
  await tom.page.setViewportSize({ width: 375, height: 740 });
  await tom.page.goto("/ml-platform/service-accounts");
  await expect(saRow(tom.page, "ml-platform", "ci-bot")).toBeVisible();
  expect(await horizontalOverflow(tom.page)).toBeLessThanOrEqual(0);
  await shot(tom.page, "team-service-accounts-375.png");
  await tom.close();
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/org/acme/service-accounts");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forg%2Facme%2Fservice-accounts/);
  await page.goto("/ml-platform/settings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fml-platform%2Fsettings/);
});

// A second server, on its own fresh embedded database, with the instance setting on.
test.describe("an instance with DISABLE_TEAM_SERVICE_ACCOUNT_CREATION=true", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });
  let server: StartedServer | undefined;
  let origin = "";
  let dataDir = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000); // a second server boots, migrates and seeds while the first one runs
    const port = await freePort();
    dataDir = `.data/e2e-sa-disabled-${port}`;
    rmSync(dataDir, { recursive: true, force: true });
    server = await startServer(port, {
      ...process.env,
      DATABASE_URL: "",
      PGLITE_DATA_DIR: dataDir,
      SEED_DEMO: "true",
      DISABLE_TEAM_SERVICE_ACCOUNT_CREATION: "true",
      AUTH_FAILURE_LIMIT: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    origin = server.origin;
  });

  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("team admins see why they cannot create, are pointed to the org admin, and the server refuses", async ({
    page,
  }) => {
    await signIn(page, "tom", undefined, origin);
    await page.goto(`${origin}/ml-platform/service-accounts`);
    const note = page.getByRole("note");
    await expect(note).toContainText("Team service accounts are turned off on this instance");
    await expect(note).toContainText("ask an org admin (ada) for an org service account with ml-platform");
    await expect(newButton(page)).toHaveCount(0);
    await expect(region(page).getByText("No service accounts in ml-platform yet.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "team-service-accounts-disabled.png");

    const createTeam = await serverActionId("createTeamServiceAccountAction", TEAM_ACTIONS);
    const forged = await postServerAction(
      page.request,
      `${origin}/ml-platform/service-accounts`,
      createTeam,
      [undefined, { team: "ml-platform", name: "forged" }],
    );
    expect(forged.body).toContain("Creating team service accounts is disabled on this instance");
  });

  test("org admins are sent to the org tab, where org service accounts can still be created", async ({
    page,
    request,
  }) => {
    await signIn(page, "ada", undefined, origin);
    await page.goto(`${origin}/ml-platform/service-accounts`);
    await expect(newButton(page)).toHaveCount(0);
    await page.getByRole("note").getByRole("link", { name: "organization’s Service Accounts tab" }).click();
    await expect(page).toHaveURL(`${origin}/org/acme/service-accounts`);
    await newButton(page).click();
    const dialog = page.getByRole("dialog", { name: "New service account" });
    await dialog.getByLabel("Name").fill("platform-ci");
    await dialog.getByLabel("Default team").selectOption("ml-platform");
    await dialog.getByRole("button", { name: "Create" }).click();
    const reveal = page.getByRole("dialog", { name: "Service account created" });
    const key = await reveal.getByLabel("API key of platform-ci").inputValue();
    const res = await whoami(request, key, origin);
    expect(await res.json()).toMatchObject({ kind: "service_account", entity: "ml-platform", scope: "org" });
    await reveal.getByRole("button", { name: "Done" }).click();
    await page.goto(`${origin}/ml-platform/service-accounts`);
    await expect(saRow(page, "ml-platform", "platform-ci").getByRole("cell").first()).toHaveText("Org");
  });
});
