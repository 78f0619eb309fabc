import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { horizontalOverflow, signIn } from "./helpers";

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

function whoami(request: APIRequestContext, key: string) {
  return request.get("/api/v1/whoami", { headers: { Authorization: basic(key) } });
}

async function saveProfile(page: Page, values: { displayName?: string; defaultTeam?: string }) {
  if (values.displayName !== undefined) await page.getByLabel("Display name").fill(values.displayName);
  if (values.defaultTeam !== undefined)
    await page.getByLabel("Default team").selectOption(values.defaultTeam);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.").last()).toBeVisible();
}

const keysRegion = (page: Page) => page.getByRole("region", { name: /^API keys/ });

test("a user changes display name and default team, and both persist", async ({ page }) => {
  await signIn(page, "mia");
  await page.getByRole("button", { name: "Account menu for mia" }).click();
  await page.getByRole("menuitem", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  await expect(page.getByLabel("Display name")).toHaveValue("Mia Hamm");
  await expect(page.getByLabel("Default team")).toHaveValue("");
  await expect(page.getByText("Used when a request names no entity (WANDB_ENTITY unset).")).toBeVisible();

  // a refused save says why next to the field and keeps what was typed
  await page.getByLabel("Display name").fill("m".repeat(101));
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Display name must be at most 100 characters.")).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Display name")).toHaveValue("m".repeat(101));

  await saveProfile(page, { displayName: "  Mia H.  ", defaultTeam: "research" });
  await expect(page.getByLabel("Display name")).toHaveValue("Mia H.");
  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue("Mia H.");
  await expect(page.getByLabel("Default team")).toHaveValue("research");
  // the header follows the new display name
  await page.getByRole("button", { name: "Account menu for mia" }).click();
  await expect(page.getByRole("menu").getByText("Mia H.")).toBeVisible();
  await page.keyboard.press("Escape");

  // back to how the demo data was, for the other specs
  await saveProfile(page, { displayName: "Mia Hamm", defaultTeam: "" });
  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue("Mia Hamm");
  await expect(page.getByLabel("Default team")).toHaveValue("");
});

test("a personal key is shown once, works as its owner with the default team, and revocation stops it", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signIn(page, "mia");
  await page.goto("/settings");
  await saveProfile(page, { defaultTeam: "research" });

  // the form refuses a missing name, in the dialog, next to the field
  const newKey = page.getByRole("button", { name: "New API key" });
  await newKey.click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await expect(dialog.getByLabel("Name")).toBeFocused();
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Name is required.")).toBeVisible();

  await dialog.getByLabel("Name").fill("e2e laptop");
  await dialog.getByLabel("Expiration", { exact: true }).selectOption("never");
  await dialog.getByRole("button", { name: "Create" }).click();

  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(
    reveal.getByText("This key will not be shown again. Store it in your secret manager now."),
  ).toBeVisible();
  const field = reveal.getByLabel("Your new API key");
  await expect(field).toHaveValue(/^stw_u-[A-Za-z0-9]{40}$/);
  await expect(field).toHaveAttribute("readonly", "");
  const shown = await field.inputValue();

  await reveal.getByRole("button", { name: "Copy API key" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toBe(shown);

  // ready-to-paste snippets with this server and the default team
  const origin = new URL(baseURL!).origin;
  await expect(reveal.locator("pre").first()).toHaveText(
    `export WANDB_API_KEY=${key}\nexport WANDB_BASE_URL=${origin}\nexport WANDB_ENTITY=research`,
  );
  await expect(reveal.locator("pre").nth(1)).toHaveText(
    `machine ${new URL(baseURL!).host}\n  login user\n  password ${key}`,
  );

  // the list updated behind the (modal) dialog, without a reload
  const keyId = key.slice(0, "stw_u-".length + 12);
  await expect(page.getByTestId(`api-key-${keyId}`)).toBeAttached();
  const row = keysRegion(page).getByTestId(`api-key-${keyId}`);

  // closing forgets the key; focus goes back to the button that opened the dialog
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(newKey).toBeFocused();
  await expect(row.getByRole("rowheader")).toHaveText("e2e laptop");
  await expect(row).toContainText(keyId);
  await expect(row.getByText("Active")).toBeVisible();
  expect(await page.content()).not.toContain(key);

  // reopening shows an empty form, never the key
  await newKey.click();
  await expect(page.getByRole("dialog", { name: "New API key" }).getByLabel("Name")).toHaveValue("");
  await expect(page.getByLabel("Your new API key")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(key);
  expect(await (await page.request.get("/settings")).text()).not.toContain(key);

  // the key acts as mia, in her default team
  const res = await whoami(request, key);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ kind: "user", name: "mia", entity: "research", keyId });

  // its use is recorded
  await expect(async () => {
    await page.reload();
    await expect(keysRegion(page).getByTestId(`api-key-${keyId}`)).toContainText(/from \S+/, {
      timeout: 500,
    });
  }).toPass({ timeout: 10_000 });

  // a new default team applies to the existing key on its next request
  await saveProfile(page, { defaultTeam: "" });
  await expect
    .poll(async () => (await (await whoami(request, key)).json()).entity, { timeout: 3_000 })
    .toBe("ml-platform");

  // revoke, after a confirmation that names the key
  await keysRegion(page)
    .getByRole("button", { name: `Revoke e2e laptop (${keyId})` })
    .click();
  const confirm = page.getByRole("dialog", { name: "Revoke API key “e2e laptop”?" });
  await expect(confirm).toContainText(keyId);
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("API key “e2e laptop” revoked").first()).toBeVisible();
  const revokedRow = keysRegion(page).getByTestId(`api-key-${keyId}`);
  await expect(revokedRow.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(revokedRow.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  expect((await whoami(request, key)).status()).toBe(401);
});

test("a viewer creates a key with an expiry date and sees it in the list", async ({ page, request }) => {
  await signIn(page, "vic");
  await page.goto("/settings");
  await expect(
    keysRegion(page).getByText("No API keys yet. Create one to use the W&B clients with your own identity."),
  ).toBeVisible();
  await expect(keysRegion(page).getByText("where you are a viewer, it only reads")).toBeVisible();

  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill("reporting");
  await dialog.getByLabel("Expiration", { exact: true }).selectOption("custom");
  // a custom expiry needs its date
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Choose a date.")).toBeVisible();
  await dialog.getByLabel("Expiration date").fill("2031-01-31");
  await dialog.getByRole("button", { name: "Create" }).click();

  const reveal = page.getByRole("dialog", { name: "API key created" });
  const key = await reveal.getByLabel("Your new API key").inputValue();
  await expect(reveal).toContainText("expires Jan 31, 2031");
  await expect(reveal.locator("pre").first()).toContainText("export WANDB_ENTITY=research");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const keyId = key.slice(0, "stw_u-".length + 12);
  const row = keysRegion(page).getByTestId(`api-key-${keyId}`);
  await expect(row).toContainText("Jan 31, 2031");
  await expect(row).toContainText("Never"); // not used yet
  await expect(row.getByText("Active")).toBeVisible();

  const res = await whoami(request, key);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ kind: "user", name: "vic", entity: "research", keyId });
});

test("the settings page and the key dialog are usable at 375 px", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, "tom");
  await page.goto("/settings");

  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill("phone");
  await dialog.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal.getByRole("button", { name: "Copy API key" })).toBeInViewport();
  for (const name of ["Copy environment variables", "Copy .netrc entry", "Done"]) {
    const button = reveal.getByRole("button", { name });
    await button.scrollIntoViewIfNeeded();
    await expect(button).toBeInViewport({ ratio: 1 });
    const [box, frame] = [await button.boundingBox(), await reveal.boundingBox()];
    expect(box!.x + box!.width, `${name} fits in the dialog`).toBeLessThanOrEqual(frame!.x + frame!.width);
  }
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await reveal.getByRole("button", { name: "Done" }).click();

  // the table scrolls inside its card; the page itself does not scroll sideways
  await expect(keysRegion(page).getByRole("rowheader", { name: "phone" })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

test("the page and both dialog steps have no accessibility violations", async ({ page }) => {
  // The toasts belong to the app shell (sonner), not to this page.
  const violations = async () =>
    (await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze()).violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
  await signIn(page, "ada");
  await page.goto("/settings");
  expect(await violations()).toEqual([]);
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("Name is required.")).toBeVisible();
  expect(await violations()).toEqual([]);
  await dialog.getByLabel("Name").fill("axe");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("dialog", { name: "API key created" })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings/);
});
