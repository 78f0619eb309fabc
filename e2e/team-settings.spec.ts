// The team settings' General tab: "Make all future projects private". Org admins turn it on and
// off; team admins see it and whom to ask; everyone else gets a 404. While on, the New project form
// and a project's visibility settings offer only team and restricted.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { postServerAction, serverActionId, signIn } from "./helpers";

test.describe.configure({ timeout: 120_000 });

const violations = async (page: Page) =>
  (await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze()).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );

const toggle = (page: Page) => page.getByRole("switch", { name: "Make all future projects private" });

async function setPrivate(page: Page, team: string, on: boolean) {
  await page.goto(`/${team}/settings/general`);
  const control = toggle(page);
  if ((await control.getAttribute("aria-checked")) === String(on)) return;
  await control.click();
  await expect(
    page.getByText(
      on
        ? `New projects of ${team} can now only be team or restricted.`
        : `New projects of ${team} may take any visibility again.`,
    ),
  ).toBeVisible();
  await expect(control).toHaveAttribute("aria-checked", String(on));
}

test("an org admin turns it on; a member's new project can then only be team or restricted", async ({
  page,
}) => {
  await signIn(page, "ada"); // org admin of acme, not in research
  await page.goto("/research/settings/general");
  await expect(
    page.getByRole("navigation", { name: "Team settings" }).getByRole("link", { name: "General" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(toggle(page)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("future-projects-private-state")).toContainText(
    "Off: new projects may take any visibility.",
  );
  expect(await violations(page)).toEqual([]);
  // the keyboard works the switch
  await toggle(page).focus();
  await page.keyboard.press("Space");
  await expect(page.getByText("New projects of research can now only be team or restricted.")).toBeVisible();
  await expect(toggle(page)).toHaveAttribute("aria-checked", "true");
  await page.reload();
  await expect(toggle(page)).toHaveAttribute("aria-checked", "true");
  await expect(page.getByTestId("future-projects-private-state")).toContainText("On:");
  expect(await violations(page)).toEqual([]);

  try {
    await page.context().clearCookies();
    await signIn(page, "mia"); // member of research
    await page.goto("/research");
    const visibility = page.getByLabel("Visibility");
    await expect(visibility.locator("option")).toHaveText([
      "Team: members of this team",
      "Restricted: listed members only",
    ]);
    // a restricted project with its first members, chosen in the form
    const name = `private-${Date.now().toString(36)}`;
    await page.getByLabel("Project name").fill(name);
    await visibility.selectOption("restricted");
    const members = page.getByRole("group", { name: "First members" });
    await members.getByLabel("vic", { exact: true }).check();
    await members.getByLabel("research/etl (team service account)").check();
    await expect(members.getByLabel("ml-platform/ci-bot (team service account)")).toHaveCount(0);
    expect(await violations(page)).toEqual([]);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByText(`Project ${name} created.`)).toBeVisible();
    await page.goto(`/research/${name}/users`);
    await expect(page.getByTestId("project-user-mia")).toContainText("Owner");
    await expect(page.getByTestId("project-user-vic")).toBeVisible();
    await expect(page.getByTestId("project-service-account-research/etl")).toBeVisible();

    // the project's own settings: team and restricted only (restricted -> team stays allowed)
    await page.goto(`/research/${name}/settings`);
    const radios = page.getByRole("region", { name: "Visibility" }).getByRole("radio");
    await expect(radios).toHaveCount(2);
    await expect(page.getByRole("radio", { name: /^Team/ })).toBeVisible();
    await expect(page.getByRole("radio", { name: /^Restricted/ })).toBeChecked();
    // a forged change to public is refused by the server, whatever the page offers
    const id = await serverActionId("setProjectVisibilityAction", "app/[team]/[project]/actions");
    const forged = await postServerAction(page.request, `/research/${name}/settings`, id, [
      undefined,
      { team: "research", project: name, visibility: "public" },
    ]);
    expect(forged.body).not.toContain('"ok":true');
    expect(forged.body).toContain("choose team or restricted visibility");
    await page.getByRole("radio", { name: /^Team/ }).check();
    await page.getByRole("button", { name: "Change visibility" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Make team-visible" }).click();
    await expect(page.getByText(`${name} is now team.`)).toBeVisible();

    // an existing public project still shows what it is, and may only become team or restricted
    await page.goto("/research/benchmarks/settings");
    await expect(page.getByRole("region", { name: "Visibility" }).getByRole("radio")).toHaveCount(3);
    await expect(page.getByRole("radio", { name: /^Public/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: /^Open/ })).toHaveCount(0);
  } finally {
    await page.context().clearCookies();
    await signIn(page, "ada");
    await setPrivate(page, "research", false);
  }
  await page.context().clearCookies();
  await signIn(page, "mia");
  await page.goto("/research");
  await expect(page.getByLabel("Visibility").locator("option")).toHaveCount(4);
});

test("a team admin sees the setting and whom to ask, but cannot change it, even with a forged post", async ({
  page,
}) => {
  await signIn(page, "tom"); // team admin of ml-platform
  await page.goto("/ml-platform/settings/general");
  await expect(toggle(page)).toBeDisabled();
  await expect(toggle(page)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByTestId("future-projects-private-state")).toContainText(
    "Only Acme Corp org admins (ada) can change this.",
  );
  expect(await violations(page)).toEqual([]);

  const id = await serverActionId("setFutureProjectsPrivateAction", "app/[team]/actions");
  const forged = await postServerAction(page.request, "/ml-platform/settings/general", id, [
    undefined,
    { team: "ml-platform", enabled: true },
  ]);
  expect(forged.body).not.toContain('"ok":true');
  expect(forged.body).toContain("Only org admins may change the team's settings");
  await page.reload();
  await expect(toggle(page)).toHaveAttribute("aria-checked", "false");

  // usable at 375 px
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(toggle(page)).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
});

test("a plain member, a viewer and another org's admin get a 404; their forged posts change nothing", async ({
  page,
}) => {
  const id = await serverActionId("setFutureProjectsPrivateAction", "app/[team]/actions");
  for (const [login, team] of [
    ["mia", "ml-platform"],
    ["mia", "research"],
    ["vic", "research"],
    ["hal", "ml-platform"],
  ] as const) {
    await page.context().clearCookies();
    await signIn(page, login);
    expect((await page.goto(`/${team}/settings/general`))?.status(), `${login} on ${team}`).toBe(404);
    const forged = await postServerAction(page.request, `/${team}`, id, [undefined, { team, enabled: true }]);
    expect(forged.body, `${login} on ${team}`).not.toContain('"ok":true');
  }
  await page.context().clearCookies();
  await signIn(page, "ada");
  for (const team of ["ml-platform", "research"]) {
    await page.goto(`/${team}/settings/general`);
    await expect(toggle(page)).toHaveAttribute("aria-checked", "false");
  }
});
