// The org Settings tab's JWT issuers in the browser: ada (org admin of acme) registers a loopback
// issuer started by this spec, sees its jwks_uri and key IDs, sets the access-token lifetime and
// removes the issuer; a member gets a real 404. Then the browser flow of a federated service account:
// the org admin registers the issuer, a team admin creates the account in the New service account
// dialog, opens its page and copies the workload snippet, and a JWT of the issuer is exchanged for an
// access token that works on the W&B API. Needs the server to run with ALLOW_INSECURE_ISSUERS=true
// (loopback issuers over plain http).
import { expect, type Page, test } from "@playwright/test";
import { startTestIssuer, type TestIssuer } from "../lib/federation/test-issuer";
import { seriousViolations, signedInPage, signIn } from "./helpers";

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

// A long flow (discovery over loopback, two accessibility scans) on a 2-core machine.
test.describe.configure({ timeout: 120_000 });

let idp: TestIssuer;
test.beforeAll(async () => {
  idp = await startTestIssuer({
    path: "/e2e",
    defaultAudience: "acme",
    defaultSubject: "repo:acme/e2e:ref:refs/heads/main",
  });
});
test.afterAll(async () => {
  await idp?.close();
});

const issuersRegion = (page: Page) => page.getByRole("region", { name: /^JWT issuers/ });

test("an org admin adds a JWT issuer, sees what discovery found, and removes it", async ({ page }) => {
  await signIn(page, "ada");
  const response = await page.goto("/org/acme/settings");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Authentication" })).toBeVisible();
  await expect(issuersRegion(page).getByText("No JWT issuers yet.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // a URL that is not an issuer is refused beside the field, keeping what was typed
  await page.getByLabel("Issuer URL").fill(`${idp.url}/nothing-here`);
  await page.getByRole("button", { name: "Add JWT issuer" }).click();
  await expect(page.getByText(/No OpenID discovery document found/)).toBeVisible();
  await expect(page.getByLabel("Issuer URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Issuer URL")).toHaveValue(`${idp.url}/nothing-here`);

  await page.getByLabel("Issuer URL").fill(idp.url);
  await page.getByRole("button", { name: "Add JWT issuer" }).click();
  const item = page.getByRole("listitem", { name: `JWT issuer ${idp.url}` });
  await expect(item).toBeVisible();
  await expect(item.getByTestId("jwks-uri")).toHaveText(idp.jwksUri);
  await expect(item.getByRole("list", { name: `Key IDs of ${idp.url}` })).toContainText(idp.kid);
  await expect(item.getByText("acme", { exact: true })).toBeVisible(); // the default audience
  await expect(item.getByText("0 service accounts bound")).toBeVisible();
  await expect(issuersRegion(page).getByRole("heading", { name: "JWT issuers (1)" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // the running server now verifies this issuer's JWTs (through its guarded fetch of the JWKS);
  // no service account is bound to the subject yet, so the exchange is refused after verification
  const exchanged = await page.request.post("/oidc/token", {
    form: { grant_type: JWT_BEARER, assertion: await idp.sign() },
  });
  expect(exchanged.status()).toBe(400);
  expect(await exchanged.json()).toMatchObject({
    error: "invalid_grant",
    error_description: expect.stringMatching(/No service account is bound to the subject/),
  });

  // registering it twice is refused
  await page.getByLabel("Issuer URL").fill(idp.url);
  await page.getByRole("button", { name: "Add JWT issuer" }).click();
  await expect(page.getByText("This issuer is already registered.")).toBeVisible();

  // the access-token lifetime: 5 minutes to 12 hours
  // (the browser refuses out-of-range values before sending; the server refuses them too: vitest)
  await page.getByLabel("Lifetime (minutes)").fill("1000");
  expect(
    await page
      .getByLabel("Lifetime (minutes)")
      .evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow),
  ).toBe(true);
  await page.getByLabel("Lifetime (minutes)").fill("30");
  await page.getByRole("button", { name: "Save lifetime" }).click();
  await expect(page.getByText("Access tokens now live 30 minutes.").first()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Lifetime (minutes)")).toHaveValue("30");

  await item.getByRole("button", { name: `Remove ${idp.url}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("No service account is bound to it.");
  await dialog.getByRole("button", { name: "Remove issuer" }).click();
  await expect(item).toHaveCount(0);
  await expect(issuersRegion(page).getByText("No JWT issuers yet.")).toBeVisible();
  const afterRemoval = await page.request.post("/oidc/token", {
    form: { grant_type: JWT_BEARER, assertion: await idp.sign() },
  });
  expect(await afterRemoval.json()).toMatchObject({
    error: "invalid_grant",
    error_description: expect.stringMatching(/is not a registered JWT issuer/),
  });

  // put the lifetime back for other specs
  await page.getByLabel("Lifetime (minutes)").fill("60");
  await page.getByRole("button", { name: "Save lifetime" }).click();
  await expect(page.getByText("Access tokens now live 60 minutes.").first()).toBeVisible();
});

test("a team admin creates a federated service account, opens its page and copies the workload snippet", async ({
  browser,
  request,
  baseURL,
}) => {
  const newAccountDialog = async (page: Page) => {
    await page.goto("/ml-platform/service-accounts");
    await page.getByRole("button", { name: "New service account" }).click();
    const dialog = page.getByRole("dialog", { name: "New service account" });
    await dialog.getByRole("radio", { name: /Federated identity/ }).check();
    return dialog;
  };

  // no issuer yet (the test above removed it): the dialog says so; a team admin is told whom to ask
  const tom = await signedInPage(browser, "tom", baseURL, ["clipboard-read", "clipboard-write"]);
  let dialog = await newAccountDialog(tom.page);
  await expect(dialog.getByRole("note")).toContainText("Acme Corp has no JWT issuers yet");
  await expect(dialog.getByRole("note")).toContainText("Ask an org admin");
  await expect(dialog.getByRole("button", { name: "Create" })).toBeDisabled();
  expect(await seriousViolations(tom.page)).toEqual([]);

  // an org admin gets a link to the org's Settings tab, and registers the issuer there
  const ada = await signedInPage(browser, "ada");
  const adaDialog = await newAccountDialog(ada.page);
  await adaDialog.getByRole("link", { name: /Register a JWT issuer/ }).click();
  await expect(ada.page).toHaveURL(/\/org\/acme\/settings$/);
  await ada.page.getByLabel("Issuer URL").fill(idp.url);
  await ada.page.getByRole("button", { name: "Add JWT issuer" }).click();
  await expect(ada.page.getByRole("listitem", { name: `JWT issuer ${idp.url}` })).toBeVisible();

  // the team admin picks it (the only one, preselected) and types the subject
  dialog = await newAccountDialog(tom.page);
  await expect(dialog.getByLabel("JWT issuer")).toHaveValue(idp.url);
  const subject = dialog.getByLabel("Subject");
  await subject.fill(" ci@acme.com ");
  await expect(dialog.getByText(/starts or ends with whitespace/)).toBeVisible();
  await expect(dialog.getByText(/looks like an email address/)).toBeVisible();
  expect(await seriousViolations(tom.page)).toEqual([]);
  await subject.fill("repo:acme/e2e:ref:refs/heads/main");
  await expect(dialog.getByText(/looks like an email address/)).toHaveCount(0);
  await dialog.getByLabel("Name").fill("e2e-federated");
  await dialog.getByRole("button", { name: "Create" }).click();

  const created = tom.page.getByRole("dialog", { name: "Service account created" });
  await expect(created).toContainText("repo:acme/e2e:ref:refs/heads/main");
  await expect(created).toContainText("owns no API keys");
  await expect(created.getByText(/API key of/)).toHaveCount(0);
  await created.getByRole("link", { name: "Open its page for the workload snippet" }).click();
  await expect(tom.page).toHaveURL(/\/ml-platform\/service-accounts\/e2e-federated$/);
  await expect(tom.page.getByTestId("issuer-url")).toHaveText(idp.url);
  await expect(tom.page.getByTestId("subject")).toHaveText("repo:acme/e2e:ref:refs/heads/main");
  await tom.page.getByRole("button", { name: "Copy workload snippet" }).click();
  const snippet = await tom.page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toContain("export WANDB_IDENTITY_TOKEN_FILE=");
  expect(snippet).toContain(`export WANDB_BASE_URL=${new URL(baseURL!).origin}`);
  expect(snippet).toContain("export WANDB_ENTITY=ml-platform");

  // a workload with a JWT of that issuer and subject gets an access token that works on the W&B API
  const exchanged = await request.post("/oidc/token", {
    form: { grant_type: JWT_BEARER, assertion: await idp.sign() },
  });
  expect(exchanged.status()).toBe(200);
  const { access_token: token } = (await exchanged.json()) as { access_token: string };
  const viewer = await request.post("/graphql", {
    headers: { Authorization: `Bearer ${token}` },
    data: { query: "query Viewer { viewer { id entity } }" },
  });
  expect(viewer.status()).toBe(200);

  // put things back for other specs: no issuer
  const item = ada.page.getByRole("listitem", { name: `JWT issuer ${idp.url}` });
  await item.getByRole("button", { name: `Remove ${idp.url}` }).click();
  await ada.page.getByRole("dialog").getByRole("button", { name: "Remove issuer" }).click();
  await expect(item).toHaveCount(0);
  await tom.close();
  await ada.close();
});

test("members and admins of other orgs get a 404 for the Settings tab", async ({ page }) => {
  await signIn(page, "mia");
  expect((await page.goto("/org/acme/settings"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByLabel("Issuer URL")).toHaveCount(0);
});

test("the free plan's org admin gets a 404 too (JWT issuers are an enterprise feature)", async ({ page }) => {
  await signIn(page, "hal");
  expect((await page.goto("/org/hobby/settings"))?.status()).toBe(404);
  expect((await page.goto("/org/acme/settings"))?.status()).toBe(404);
});

test("the token endpoint answers OAuth errors as JSON", async ({ request }) => {
  const wrongGrant = await request.post("/oidc/token", { form: { grant_type: "password", assertion: "x" } });
  expect(wrongGrant.status()).toBe(400);
  expect(await wrongGrant.json()).toMatchObject({ error: "unsupported_grant_type" });
  expect(wrongGrant.headers()["cache-control"]).toBe("no-store");
  const notForm = await request.post("/oidc/token", { data: { grant_type: JWT_BEARER } });
  expect(await notForm.json()).toMatchObject({ error: "invalid_request" });
});
