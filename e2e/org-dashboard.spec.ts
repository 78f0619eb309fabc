import { expect, test } from "@playwright/test";
import { postServerAction, serverActionId, signIn } from "./helpers";

test("an org admin creates a team, adds a new member and removes them", async ({ page }) => {
  await signIn(page, "ada");
  await page.goto("/org/acme");
  await expect(page.getByRole("link", { name: "Teams" })).toHaveAttribute("aria-current", "page");

  // invalid and reserved names are refused inline
  await page.getByLabel("Team name").fill("api");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText("This name is reserved")).toBeVisible();

  await page.getByLabel("Team name").fill("vision");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("link", { name: "vision", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("New user").check();
  await page.getByLabel("Username", { exact: true }).fill("newbie");
  await page.getByLabel("Email").fill("newbie@example.com");
  await page.getByLabel("Role", { exact: true }).selectOption("member");
  await page.getByRole("button", { name: "Add member" }).click();
  const password = await page.getByTestId("temporary-password").textContent();
  expect(password?.length).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId("member-newbie")).toBeVisible();

  await page.getByRole("button", { name: "Remove newbie" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByTestId("member-newbie")).toHaveCount(0);

  // the last admin cannot be demoted
  await page.getByLabel("Role of ada").selectOption("member");
  await expect(page.getByText("needs at least one admin")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Role of ada")).toHaveValue("admin");
});

test("a member sees the dashboard without admin controls, and the server refuses a forged post", async ({
  page,
}) => {
  await signIn(page, "mia");
  await page.goto("/org/acme");
  await expect(page.getByRole("link", { name: "ml-platform" })).toBeVisible();
  await expect(page.getByLabel("Team name")).toHaveCount(0);
  await page.goto("/org/acme/members");
  await expect(page.getByTestId("member-ada")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(page.getByLabel("Role of ada")).toHaveCount(0);

  const createTeam = await serverActionId("createTeamAction", "app/org/[org]/actions");
  const forged = await postServerAction(page.request, "/org/acme", createTeam, [
    undefined,
    { org: "acme", name: "forged-team" },
  ]);
  expect(forged.body).toContain("Only org admins may create teams");
  const removeMember = await serverActionId("removeMemberAction", "app/org/[org]/actions");
  const forgedRemove = await postServerAction(page.request, "/org/acme/members", removeMember, [
    undefined,
    { org: "acme", username: "ada" },
  ]);
  expect(forgedRemove.body).not.toContain('"ok":true');

  await page.goto("/org/acme");
  await expect(page.getByRole("link", { name: "forged-team" })).toHaveCount(0);
  await page.goto("/org/acme/members");
  await expect(page.getByTestId("member-ada")).toBeVisible();
});

test("a non-member gets a real 404 for another org's dashboard and team", async ({ page }) => {
  await signIn(page, "hal");
  for (const path of ["/org/acme", "/org/acme/members", "/ml-platform", "/org/no-such-org"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("a team admin manages members and a member creates a project", async ({ page }) => {
  await signIn(page, "tom");
  await page.goto("/ml-platform");
  await page.getByLabel("Username or email").fill("vic");
  await page.getByLabel("Team role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Add to team" }).click();
  await expect(page.getByTestId("team-member-vic")).toBeVisible();
  await page.getByRole("button", { name: "Remove vic from team" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId("team-member-vic")).toHaveCount(0);

  await page.getByLabel("Project name").fill("tom-experiments");
  await page.getByLabel("Visibility").selectOption("public");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("region", { name: /Projects/ }).getByText("tom-experiments")).toBeVisible();
});
