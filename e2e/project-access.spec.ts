import AxeBuilder from "@axe-core/playwright";
import {
  type APIRequestContext,
  expect,
  type Page,
  request as playwrightRequest,
  test,
} from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { postServerAction, serverActionId, signIn } from "./helpers";

// A project's Users tab (who is listed on a restricted project) and Settings tab (visibility), in the
// demo data: ml-platform/secret-sauce is restricted, owned by tom (team admin) and lists tom and mia.

// Multi-step flows on a shared two-core machine: more time than the default 30 s.
test.describe.configure({ timeout: 120_000 });

const violations = async (page: Page) =>
  // The toasts belong to the app shell (sonner), not to these pages.
  (await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze()).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const tab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name, exact: true });

const usersRegion = (page: Page) => page.getByRole("region", { name: /^Users/ });
const accountsRegion = (page: Page) => page.getByRole("region", { name: /^Service accounts/ });

async function projectAsCiBot(request: APIRequestContext) {
  const res = await request.post("/graphql", {
    headers: { Authorization: basicAuth(fixtures().keys.ciBot) },
    data: { query: '{ project(name: "secret-sauce", entityName: "ml-platform") { name } }' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).data?.project ?? null;
}

/** A write attempt with ci-bot's key: the status of creating a run in secret-sauce. */
async function runInSecretSauceAsCiBot(request: APIRequestContext) {
  const res = await request.post("/graphql", {
    headers: { Authorization: basicAuth(fixtures().keys.ciBot) },
    data: {
      query: `mutation { upsertBucket(input: {name: "listed-${Date.now().toString(36)}", modelName: "secret-sauce", entityName: "ml-platform"}) { inserted } }`,
    },
  });
  return res.status();
}

async function addServiceAccount(page: Page, path: string) {
  await accountsRegion(page).getByRole("button", { name: "Add service account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add service account to secret-sauce" });
  await dialog.getByLabel("Service account").selectOption(path);
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${path} can now use secret-sauce, from its next request.`)).toBeVisible();
}

async function removeServiceAccount(page: Page, path: string) {
  await accountsRegion(page)
    .getByRole("button", { name: `Remove ${path}` })
    .click();
  const confirm = page.getByRole("dialog", { name: `Remove ${path}?` });
  await expect(confirm).toContainText("Its next request to secret-sauce will be refused");
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(confirm).toBeHidden();
  // The list itself, not only the toast (which may be gone by the time a loaded machine looks).
  await expect(page.getByTestId(`project-service-account-${path}`)).toHaveCount(0);
}

test("a team admin lists and unlists users and service accounts; the list updates in place", async ({
  page,
}) => {
  await signIn(page, "tom");
  await page.goto("/ml-platform/secret-sauce");
  await page
    .getByRole("navigation", { name: "Project sections" })
    .getByRole("link", { name: "Users" })
    .click();
  await expect(page).toHaveURL("/ml-platform/secret-sauce/users");
  await expect(tab(page, "Users")).toHaveAttribute("aria-current", "page");

  const users = usersRegion(page);
  await expect(users.getByRole("heading", { name: "Users (2)" })).toBeVisible();
  await expect(page.getByTestId("project-user-tom")).toContainText("Owner");
  await expect(page.getByTestId("project-user-tom")).toContainText("You");
  await expect(page.getByTestId("project-user-mia")).toBeVisible();
  await expect(accountsRegion(page)).toContainText("No service account is listed");
  expect(await violations(page)).toEqual([]);

  // a service account: team ones of ml-platform and org ones of acme are offered, not research's team ones
  await accountsRegion(page).getByRole("button", { name: "Add service account" }).click();
  const dialog = page.getByRole("dialog", { name: "Add service account to secret-sauce" });
  const select = dialog.getByLabel("Service account");
  // (other specs may have added ml-platform accounts: the rule is what is offered, not the count)
  await expect(select.locator("option").first()).toHaveText("Choose…");
  const offered = await select.locator("option").allTextContents();
  expect(offered).toContain("ml-platform/ci-bot (team service account)");
  expect(offered).toContain("research/trainer (org service account)");
  expect(offered.slice(1).every((o) => /^ml-platform\/.* \(team|\(org service account\)$/.test(o))).toBe(
    true,
  );
  expect(offered).not.toContain("research/etl (team service account)");
  // nothing chosen: the field says so, and keeps the focus
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog.getByText("Choose a service account.")).toBeVisible();
  await expect(select).toHaveAttribute("aria-invalid", "true");
  await expect(select).toBeFocused();
  expect(await violations(page)).toEqual([]);
  // Escape closes the dialog and gives the focus back to its button
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(accountsRegion(page).getByRole("button", { name: "Add service account" })).toBeFocused();

  await addServiceAccount(page, "ml-platform/ci-bot");
  const row = page.getByTestId("project-service-account-ml-platform/ci-bot");
  await expect(row).toContainText("ml-platform/ci-bot");
  await expect(row).toContainText("Team");
  await expect(accountsRegion(page).getByRole("heading", { name: "Service accounts (1)" })).toBeVisible();
  await removeServiceAccount(page, "ml-platform/ci-bot");
  await expect(row).toHaveCount(0);
  await expect(accountsRegion(page).getByRole("heading", { name: "Service accounts (0)" })).toBeVisible();

  // a user: ada is an org admin of acme, so she may be listed though she is not in ml-platform
  await users.getByRole("button", { name: "Add user" }).click();
  const addUser = page.getByRole("dialog", { name: "Add user to secret-sauce" });
  await expect(addUser.getByLabel("User").locator("option")).toHaveText(["Choose…", "ada"]);
  await addUser.getByLabel("User").selectOption("ada");
  await addUser.getByRole("button", { name: "Add", exact: true }).click();
  await expect(addUser).toBeHidden();
  await expect(page.getByText("ada can now use secret-sauce.")).toBeVisible();
  await expect(page.getByTestId("project-user-ada")).toBeVisible();
  await expect(users.getByRole("heading", { name: "Users (3)" })).toBeVisible();

  // removal asks first; the keyboard does it all
  await users.getByRole("button", { name: "Remove ada" }).focus();
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog", { name: "Remove ada?" });
  await expect(confirm).toContainText("ada will no longer read or write secret-sauce's runs and traces.");
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId("project-user-ada")).toBeVisible();
  await users.getByRole("button", { name: "Remove ada" }).click();
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText("ada was removed from secret-sauce.")).toBeVisible();
  await expect(page.getByTestId("project-user-ada")).toHaveCount(0);
  await expect(users.getByRole("heading", { name: "Users (2)" })).toBeVisible();

  // usable at 375 px
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByTestId("project-user-mia")).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("dialog", { name: "Add user to secret-sauce" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

test("removing yourself takes the runs out of reach; a team admin keeps the settings", async ({ page }) => {
  await signIn(page, "tom");
  await page.goto("/ml-platform/secret-sauce/users");
  await usersRegion(page).getByRole("button", { name: "Remove tom" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove yourself from secret-sauce?" });
  await expect(confirm).toContainText("You will no longer see secret-sauce's runs and traces");
  await confirm.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page).toHaveURL("/ml-platform");
  await expect(page.getByText("tom was removed from secret-sauce.")).toBeVisible();
  // the runs are out of reach; as a team admin he keeps the settings (SPEC: settings only)
  await page.goto("/ml-platform/secret-sauce");
  await expect(page).toHaveURL("/ml-platform/secret-sauce/settings");
  await expect(page.getByRole("link", { name: "Runs" })).toHaveCount(0);

  // as a team admin he still manages the list, so he can put himself back
  const add = await serverActionId("addProjectMemberAction", "app/[team]/[project]/actions");
  const back = await postServerAction(page.request, "/ml-platform/secret-sauce/users", add, [
    undefined,
    { team: "ml-platform", project: "secret-sauce", user: "tom" },
  ]);
  expect(back.body).toContain('"ok":true');
  expect((await page.goto("/ml-platform/secret-sauce/users"))?.status()).toBe(200);
  await expect(page.getByTestId("project-user-tom")).toContainText("Owner");
});

test("readers who may not change the list see it without controls; others get a 404", async ({ page }) => {
  await signIn(page, "mia"); // listed on secret-sauce, a member (not admin) of ml-platform, not its owner
  await page.goto("/ml-platform/secret-sauce/users");
  await expect(page.getByTestId("project-user-tom")).toBeVisible();
  await expect(page.getByTestId("project-user-mia")).toContainText("You");
  await expect(page.getByRole("button", { name: /^Add / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(tab(page, "Settings")).toHaveCount(0);
  expect((await page.goto("/ml-platform/secret-sauce/settings"))?.status()).toBe(404);
  expect(await violations(page)).toEqual([]);

  await page.context().clearCookies();
  await signIn(page, "vic"); // not in ml-platform
  for (const path of ["/ml-platform/secret-sauce/users", "/ml-platform/secret-sauce/settings"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});

test("a service account's next API request follows its listing on a restricted project", async ({
  page,
  request,
}) => {
  // refused: the project is not even visible to it (read: null, write: 404)
  expect(await projectAsCiBot(request)).toBeNull();
  expect(await runInSecretSauceAsCiBot(request)).toBe(404);

  await signIn(page, "tom");
  await page.goto("/ml-platform/secret-sauce/users");
  await addServiceAccount(page, "ml-platform/ci-bot");
  // allowed on its very next requests
  expect(await projectAsCiBot(request)).toEqual({ name: "secret-sauce" });
  expect(await runInSecretSauceAsCiBot(request)).toBe(200);

  await removeServiceAccount(page, "ml-platform/ci-bot");
  // refused again
  expect(await projectAsCiBot(request)).toBeNull();
  expect(await runInSecretSauceAsCiBot(request)).toBe(404);
});

test("the owner changes visibility after a confirmation that says who gains and loses access", async ({
  page,
  baseURL,
}) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const anonymousStatus = async () => (await anonymous.get("/ml-platform/training")).status();
  expect(await anonymousStatus()).toBe(404);

  await signIn(page, "mia"); // owns ml-platform/training, a member (not admin) of ml-platform
  await page.goto("/ml-platform/training");
  await expect(tab(page, "Users")).toHaveCount(0); // not restricted: nothing to list
  await tab(page, "Settings").click();
  await expect(page).toHaveURL("/ml-platform/training/settings");
  await expect(tab(page, "Settings")).toHaveAttribute("aria-current", "page");
  const visibility = page.getByRole("region", { name: "Visibility" });
  await expect(visibility.getByRole("radio", { name: /^Team/ })).toBeChecked();
  await expect(visibility.getByRole("button", { name: "Change visibility" })).toBeDisabled();
  expect(await violations(page)).toEqual([]);

  // team -> public
  await visibility.getByRole("radio", { name: /^Public/ }).check();
  await visibility.getByRole("button", { name: "Change visibility" }).click();
  const toPublic = page.getByRole("dialog", { name: "Make training public?" });
  await expect(toPublic).toContainText(
    "Anyone, even without signing in, will be able to read runs and traces; only ml-platform members and its service accounts can write.",
  );
  await expect(toPublic.getByRole("list", { name: "Gains access" })).toContainText(
    "Anyone, even without signing in, will be able to read runs and traces.",
  );
  await expect(toPublic.getByRole("list", { name: "Loses access" })).toHaveCount(0);
  expect(await violations(page)).toEqual([]);
  await toPublic.getByRole("button", { name: "Make public" }).click();
  await expect(toPublic).toBeHidden();
  await expect(page.getByText("training is now public.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "training" })).toBeVisible();
  await expect(page.locator("h1 + span")).toHaveText("Public");
  await expect(visibility.getByRole("radio", { name: /^Public/ })).toBeChecked();
  expect(await anonymousStatus()).toBe(200);

  // public -> restricted, keeping herself listed; then the Users tab appears
  await visibility.getByRole("radio", { name: /^Restricted/ }).check();
  await visibility.getByRole("button", { name: "Change visibility" }).click();
  const toRestricted = page.getByRole("dialog", { name: "Make training restricted?" });
  await expect(toRestricted.getByRole("list", { name: "Loses access" })).toContainText(
    "ml-platform members and admins will keep reading and writing runs and traces only if listed on the Users tab.",
  );
  await expect(toRestricted.getByRole("checkbox", { name: /List me \(mia\)/ })).toBeChecked();
  await toRestricted.getByRole("button", { name: "Make restricted" }).click();
  await expect(page.getByText("training is now restricted.")).toBeVisible();
  expect(await anonymousStatus()).toBe(404);
  await tab(page, "Users").click();
  await expect(page.getByTestId("project-user-mia")).toContainText("Owner");

  // restricted -> team is always allowed
  await tab(page, "Settings").click();
  await visibility.getByRole("radio", { name: /^Team/ }).check();
  await visibility.getByRole("button", { name: "Change visibility" }).click();
  const toTeam = page.getByRole("dialog", { name: "Make training team-visible?" });
  await expect(toTeam).toContainText(
    "Only ml-platform members and its service accounts will be able to read and write runs and traces",
  );
  await expect(toTeam.getByRole("list", { name: "Gains access" })).toContainText(
    "ml-platform members and admins will be able to read and write runs and traces, listed or not.",
  );
  await toTeam.getByRole("button", { name: "Make team-visible" }).click();
  await expect(page.getByText("training is now team.")).toBeVisible();
  await expect(page.locator("h1 + span")).toHaveText("Team");
  expect(await anonymousStatus()).toBe(404);

  // usable at 375 px, with the confirmation open
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await visibility.getByRole("radio", { name: /^Open/ }).check();
  await visibility.getByRole("button", { name: "Change visibility" }).click();
  await expect(page.getByRole("dialog", { name: "Make training open?" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.keyboard.press("Escape");
  await anonymous.dispose();
});

test("others may not change visibility: no Settings tab, a 404, and a forged action is refused", async ({
  page,
}) => {
  await signIn(page, "vic"); // not in ml-platform
  expect((await page.goto("/ml-platform/training/settings"))?.status()).toBe(404);

  await page.context().clearCookies();
  await signIn(page, "mia"); // a member of ml-platform; llm-eval is owned by tom
  await page.goto("/ml-platform/llm-eval");
  await expect(page.getByRole("heading", { level: 1, name: "llm-eval" })).toBeVisible();
  await expect(tab(page, "Settings")).toHaveCount(0);
  expect((await page.goto("/ml-platform/llm-eval/settings"))?.status()).toBe(404);

  const id = await serverActionId("setProjectVisibilityAction", "app/[team]/[project]/actions");
  const forged = await postServerAction(page.request, "/ml-platform/llm-eval", id, [
    undefined,
    { team: "ml-platform", project: "llm-eval", visibility: "team" },
  ]);
  expect(forged.body).not.toContain('"ok":true');
  expect(forged.body).toContain("change the project");
  await page.goto("/ml-platform/llm-eval");
  await expect(page.locator("h1 + span")).toHaveText("Open");
});
