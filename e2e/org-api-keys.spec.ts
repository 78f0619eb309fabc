// The org's API keys tab (/org/<org>/api-keys, org admins) and the keys section of a team's Service
// Accounts tab (team admins): every service-account key with search and a status filter, and
// revocation of one key or of a selection, checked against the W&B API (GraphQL viewer). Everyone
// else is refused: a real 404 for the page, a refusal for every action posted directly.
import { expect, type Page, test } from "@playwright/test";
import {
  createTeamAccount,
  horizontalOverflow,
  postServerAction,
  seriousViolations,
  serverActionId,
  signedInPage,
  signIn,
  viewerStatus,
} from "./helpers";

// Long flows with several accessibility scans each, on a 2-core machine.
test.describe.configure({ timeout: 240_000 });

const ORG_ACTIONS = "app/org/[org]/api-keys/actions";
const TEAM_ACTIONS = "app/[team]/service-accounts/actions";

/** The public key ID of a key: its prefix and the first 12 characters after it. */
const keyIdOf = (key: string) => key.slice(0, "stw_sa-".length + 12);

const keysRegion = (page: Page) => page.getByRole("region", { name: "API keys" });
const keyRow = (page: Page, key: string) => page.getByTestId(`api-key-${keyIdOf(key)}`);
const search = (page: Page) => page.getByLabel("Search keys by name, key ID or owner");

test("an org admin revokes several keys from the org tab, and they stop working at once", async ({
  page,
  request,
}) => {
  await signIn(page, "ada");
  const a = await createTeamAccount(page, "ml-platform", "keys-tab-a");
  const b = await createTeamAccount(page, "ml-platform", "keys-tab-b");
  const c = await createTeamAccount(page, "research", "keys-tab-c");
  for (const key of [a, b, c]) expect(await viewerStatus(request, key)).toBe(200);

  await page.goto("/org/acme");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/org\/acme\/api-keys$/);
  await expect(page.getByRole("link", { name: "API keys" })).toHaveAttribute("aria-current", "page");
  const list = keysRegion(page);
  for (const name of ["Name", "Key ID", "Owner", "Created", "Last used", "Expires", "Status"]) {
    await expect(list.getByRole("columnheader", { name, exact: true })).toBeVisible();
  }
  // every service account key of the org: the fixtures' and ours, of both teams and both scopes
  await expect(keyRow(page, c)).toBeVisible();
  await expect(list.getByRole("link", { name: "research/trainer" })).toBeVisible();
  const ownerA = keyRow(page, a).getByRole("link", { name: "ml-platform/keys-tab-a" });
  await expect(ownerA).toHaveAttribute("href", "/ml-platform/service-accounts/keys-tab-a");
  await expect(keyRow(page, a).getByRole("cell", { name: keyIdOf(a), exact: true })).toBeVisible();
  // the key was used a moment ago (GraphQL viewer): a time, not "Never"
  await expect(keyRow(page, a).getByText(/ UTC$/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // search by owner
  await search(page).fill("keys-tab");
  await expect(page).toHaveURL(/\?q=keys-tab$/);
  await expect(list.getByRole("row")).toHaveCount(4); // the header and our three keys
  await search(page).fill("research/keys-tab-c");
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(keyRow(page, c)).toBeVisible();
  // by key ID (whole or part)
  await search(page).fill(keyIdOf(b));
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(keyRow(page, b)).toBeVisible();
  await search(page).fill("no-key-is-called-this");
  await expect(list.getByText("No key matches this search and status.")).toBeVisible();
  await list.getByRole("button", { name: "Clear the filters" }).click();
  await expect(search(page)).toHaveValue("");

  // select two keys of two teams, see the count, confirm
  await search(page).fill("keys-tab");
  await expect(list.getByRole("row")).toHaveCount(4);
  await keyRow(page, a).getByRole("checkbox").check();
  await keyRow(page, c).getByRole("checkbox").check();
  await expect(list.getByText("2 API keys selected")).toBeVisible();
  await list.getByRole("button", { name: "Revoke selected" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke 2 API keys?" });
  await expect(confirm).toContainText(keyIdOf(a));
  await expect(confirm).toContainText(keyIdOf(c));
  await expect(confirm).not.toContainText(keyIdOf(b));
  expect(await seriousViolations(page)).toEqual([]);
  await confirm.getByRole("button", { name: "Revoke 2 API keys" }).click();
  await expect(page.getByText("2 API keys revoked: they stop working on the next request.")).toBeVisible();
  await expect(keyRow(page, a).getByText("Revoked", { exact: true })).toBeVisible();
  await expect(keyRow(page, c).getByText("Revoked", { exact: true })).toBeVisible();
  await expect(keyRow(page, b).getByText("Active", { exact: true })).toBeVisible();
  // revoked keys cannot be selected or revoked again
  await expect(keyRow(page, a).getByRole("checkbox")).toHaveCount(0);
  await expect(keyRow(page, a).getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  // refused at once by the W&B API; the key left alone still works
  expect(await viewerStatus(request, a)).toBe(401);
  expect(await viewerStatus(request, c)).toBe(401);
  expect(await viewerStatus(request, b)).toBe(200);

  // filter by status (kept in the URL, so a reload shows the same list)
  await list.getByLabel("Status").selectOption("revoked");
  await expect(list.getByRole("row")).toHaveCount(3);
  await expect(page).toHaveURL(/q=keys-tab&status=revoked/);
  await page.reload();
  await expect(list.getByLabel("Status")).toHaveValue("revoked");
  await expect(search(page)).toHaveValue("keys-tab");
  await expect(list.getByRole("row")).toHaveCount(3);
  await expect(keyRow(page, b)).toHaveCount(0);
  await list.getByLabel("Status").selectOption("active");
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(keyRow(page, b)).toBeVisible();

  // revoke one key, behind its own confirmation
  await keyRow(page, b)
    .getByRole("button", { name: `Revoke default (${keyIdOf(b)})` })
    .click();
  const one = page.getByRole("dialog", { name: "Revoke API key “default”?" });
  await expect(one).toContainText("ml-platform/keys-tab-b");
  await one.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("1 API key revoked: it stops working on the next request.")).toBeVisible();
  await expect(list.getByText("No key matches this search and status.")).toBeVisible();
  expect(await viewerStatus(request, b)).toBe(401);

  // a phone-sized screen: the table scrolls inside its card, the page does not
  await page.setViewportSize({ width: 375, height: 800 });
  await list.getByLabel("Status").selectOption("all");
  await expect(list.getByRole("row")).toHaveCount(4);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test("a team admin sees and revokes the keys of the team's service accounts on its tab", async ({
  page,
  request,
}) => {
  await signIn(page, "tom");
  const d = await createTeamAccount(page, "ml-platform", "keys-tab-d");
  expect(await viewerStatus(request, d)).toBe(200);
  await page.goto("/ml-platform/service-accounts");
  const list = keysRegion(page);
  await expect(keyRow(page, d)).toBeVisible();
  await expect(list.getByRole("link", { name: "ml-platform/ci-bot" })).toBeVisible();
  // neither another team's keys nor the org service accounts' (org admins manage those)
  await expect(list.getByRole("link", { name: "research/etl" })).toHaveCount(0);
  await expect(list.getByRole("link", { name: "research/trainer" })).toHaveCount(0);
  // the tab's own search (?q=) and the keys' search (?keys_q=) do not mix
  await search(page).fill("keys-tab-d");
  await expect(page).toHaveURL(/\?keys_q=keys-tab-d$/);
  await expect(list.getByRole("row")).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);

  await keyRow(page, d).getByRole("checkbox").check();
  await expect(list.getByText("1 API key selected")).toBeVisible();
  await list.getByRole("button", { name: "Revoke selected" }).click();
  await page
    .getByRole("dialog", { name: "Revoke 1 API key?" })
    .getByRole("button", { name: "Revoke 1 API key" })
    .click();
  await expect(keyRow(page, d).getByText("Revoked", { exact: true })).toBeVisible();
  expect(await viewerStatus(request, d)).toBe(401);

  // the org's tab is for org admins: no link, and a real 404
  await page.goto("/org/acme");
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  expect((await page.goto("/org/acme/api-keys"))?.status()).toBe(404);
});

test("members, other teams' admins and other orgs are refused, also when posting the actions directly", async ({
  browser,
  request,
}) => {
  const ada = await signedInPage(browser, "ada");
  const victim = await createTeamAccount(ada.page, "research", "keys-tab-victim");
  await ada.close();
  expect(await viewerStatus(request, victim)).toBe(200);

  const revokeOrg = await serverActionId("revokeOrgApiKeysAction", ORG_ACTIONS);
  const listOrg = await serverActionId("listOrgApiKeysAction", ORG_ACTIONS);
  const revokeTeam = await serverActionId("revokeTeamApiKeysAction", TEAM_ACTIONS);
  const listTeam = await serverActionId("listTeamApiKeysAction", TEAM_ACTIONS);

  // mia: a plain member of research; tom: admin of another team (ml-platform); hal: another org's admin
  for (const login of ["mia", "tom", "hal"]) {
    const { page, close } = await signedInPage(browser, login);
    expect((await page.goto("/org/acme/api-keys"))?.status(), login).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(keyIdOf(victim))).toHaveCount(0);
    expect((await page.goto("/research/service-accounts"))?.status(), login).toBe(404);

    const posts: Array<[string, string, object]> = [
      ["/org/acme/api-keys", revokeOrg, { org: "acme", keyIds: [keyIdOf(victim)] }],
      ["/research/service-accounts", revokeTeam, { team: "research", keyIds: [keyIdOf(victim)] }],
      ["/org/acme/api-keys", listOrg, { org: "acme" }],
      ["/research/service-accounts", listTeam, { team: "research" }],
    ];
    for (const [path, id, input] of posts) {
      const res = await postServerAction(page.request, path, id, [undefined, input]);
      expect(res.body, `${login} ${JSON.stringify(input)}`).toContain('"ok":false');
      expect(res.body, login).not.toContain(keyIdOf(victim));
    }
    await close();
  }
  // nothing was revoked
  expect(await viewerStatus(request, victim)).toBe(200);
});
