// The REST API against the built server: a team admin's personal key automates a service account
// (create with Idempotency-Key, key, revoke, listings on a restricted project); refusals are
// problem+json (403 inside the org, 404 outside, 401 without credentials, 400 for bad JSON); the
// audit log names the key that acted; and the readable reference is one click from the user menu.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { signIn } from "./helpers";

const json = (key: string, extra: Record<string, string> = {}) => ({
  Authorization: basicAuth(key),
  ...extra,
});

interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  errors?: Record<string, string[]>;
}

async function problem(
  res: Awaited<ReturnType<APIRequestContext["get"]>>,
  status: number,
  slug: string,
): Promise<ProblemBody> {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  const body = (await res.json()) as ProblemBody;
  expect(body).toMatchObject({ type: `/api-docs#problem-${slug}`, status });
  expect(typeof body.detail).toBe("string");
  return body;
}

test("a team admin automates a service account through the REST API", async ({ request }) => {
  const { tom } = fixtures().keys;
  const name = `deployer-${Date.now().toString(36)}`;
  const create = () =>
    request.post("/api/v1/teams/ml-platform/service-accounts", {
      headers: json(tom, { "Idempotency-Key": `e2e-${name}` }),
      data: { name, description: "Deploys models", withKey: true },
    });
  const created = await create();
  expect(created.status()).toBe(201);
  const first = await created.json();
  expect(first.serviceAccount).toMatchObject({ name, team: "ml-platform", scope: "team", createdBy: "tom" });
  const secret: string = first.key.key;
  expect(secret).toMatch(/^stw_sa-/);

  // a retry replays the response without the secret
  const replay = await create();
  expect(replay.status()).toBe(201);
  expect(replay.headers()["idempotent-replayed"]).toBe("true");
  const replayed = await replay.json();
  expect(replayed.serviceAccount.id).toBe(first.serviceAccount.id);
  expect(replayed.key.keyId).toBe(first.key.keyId);
  expect(JSON.stringify(replayed)).not.toContain(secret);

  // the new key works, then stops working once revoked through the API
  const who = await request.get("/api/v1/whoami", { headers: json(secret) });
  expect(await who.json()).toMatchObject({ kind: "service_account", name, entity: "ml-platform" });
  const revoked = await request.delete(`/api/v1/keys/${first.key.keyId}`, { headers: json(tom) });
  expect(revoked.status()).toBe(200);
  await problem(await request.get("/api/v1/whoami", { headers: json(secret) }), 401, "unauthenticated");

  // listing it on the restricted project, with the slash of <team>/<name> encoded in the path
  const member = `/api/v1/teams/ml-platform/projects/secret-sauce/members/service-accounts/${encodeURIComponent(`ml-platform/${name}`)}`;
  const listed = await request.put(member, { headers: json(tom) });
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toEqual({
    kind: "service-accounts",
    name: `ml-platform/${name}`,
    project: "ml-platform/secret-sauce",
  });
  expect((await request.delete(member, { headers: json(tom) })).status()).toBe(204);

  const page = await request.get("/api/v1/teams/ml-platform/service-accounts?limit=1", {
    headers: json(tom),
  });
  const body = await page.json();
  expect(body.items).toHaveLength(1);
  expect(typeof body.nextCursor).toBe("string");

  // the audit log names tom and the key he used
  const events = await request.get(
    `/api/v1/orgs/acme/audit-events?team=ml-platform&action=team:create_service_account&target=${encodeURIComponent(`ml-platform/${name}`)}`,
    { headers: json(tom) },
  );
  expect(events.status()).toBe(200);
  const [event] = (await events.json()).items;
  expect(event.actor).toMatchObject({ kind: "user", name: "tom" });
  expect(event.actor.credentialId).toMatch(/^stw_u-/);

  const deleted = await request.delete(`/api/v1/teams/ml-platform/service-accounts/${name}`, {
    headers: json(tom),
  });
  expect(deleted.status()).toBe(204);
});

test("refusals are problem details: 403 inside the org, 404 outside, 401 without a key, 400 for bad JSON", async ({
  request,
}) => {
  const { tom, ciBot } = fixtures().keys;
  // tom is a team admin, not an org admin; ci-bot is a service account of acme
  for (const key of [tom, ciBot]) {
    await problem(
      await request.get("/api/v1/orgs/acme/service-accounts", { headers: json(key) }),
      403,
      "forbidden",
    );
  }
  await problem(
    await request.get("/api/v1/teams/research/service-accounts/etl", { headers: json(tom) }),
    403,
    "forbidden",
  );
  await problem(await request.get("/api/v1/orgs/hobby/teams", { headers: json(tom) }), 404, "not-found");
  await problem(await request.get("/api/v1/orgs/acme/teams"), 401, "unauthenticated");
  await problem(
    await request.post("/api/v1/teams/ml-platform/service-accounts", {
      headers: json(tom, { "content-type": "application/json" }),
      data: Buffer.from("{not json"),
    }),
    400,
    "bad-request",
  );
  const invalid = await problem(
    await request.post("/api/v1/teams/ml-platform/service-accounts", {
      headers: json(tom),
      data: { name: "Bad Name" },
    }),
    400,
    "validation-failed",
  );
  expect(invalid.errors?.name).toBeDefined();
});

test("the OpenAPI document and its readable reference, linked from the user menu", async ({
  page,
  request,
}) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/v1/teams/{team}/service-accounts/{name}/keys");

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, "mia");
  await page.getByRole("button", { name: "Account menu for mia" }).click();
  await page.getByRole("menuitem", { name: "REST API" }).click();
  await expect(page).toHaveURL(/\/api-docs$/);
  await expect(page.getByRole("heading", { name: "REST API", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create an API key for a service account" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Service accounts", level: 2 })).toBeVisible();
  // every problem type the API answers with is described where its `type` points
  await expect(page.locator("#problem-forbidden")).toContainText("/api-docs#problem-forbidden");
  // nothing sticks out sideways at 375 px (the message names what does)
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 60)}`),
  );
  expect(wide).toEqual([]);
  const violations = (await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze()).violations;
  expect(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
});
