import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a signed-out visitor is sent to sign-in and comes back after signing in", async ({ page }) => {
  await page.goto("/org/acme/members");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Forg%2Facme%2Fmembers/);
  await page.getByLabel("Email or username").fill("ada@example.com");
  await page.getByLabel("Password").fill("steward-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/org\/acme\/members$/);
  await expect(page.getByRole("heading", { name: "Acme Corp" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email or username").fill("ada");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("p[role=alert]")).toHaveText(/do not match/);
  await expect(page).toHaveURL(/\/sign-in/);
  // the typed login is kept, the password is not
  await expect(page.getByLabel("Email or username")).toHaveValue("ada");
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("sign in by username, see orgs and teams, sign out from the user menu", async ({ page }) => {
  await signIn(page, "mia");
  await expect(page.getByRole("link", { name: "Acme Corp" })).toBeVisible();
  await expect(page.getByRole("link", { name: "ml-platform" })).toBeVisible();
  await expect(page.getByRole("link", { name: "research" })).toBeVisible();
  await page.getByRole("button", { name: "Account menu for mia" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-in works on 127.0.0.1 as well as localhost", async ({ page, baseURL }) => {
  const other = baseURL!.replace("localhost", "127.0.0.1");
  await page.goto(`${other}/sign-in`);
  await page.getByLabel("Email or username").fill("tom");
  await page.getByLabel("Password").fill("steward-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Account menu for tom" })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(other).host);
});
