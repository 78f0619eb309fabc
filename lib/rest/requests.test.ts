// How /api/v1 treats requests themselves: Idempotency-Key replays (never revealing a secret twice),
// and bad input of every kind answered with a problem (400), never a 500. Answers are checked
// against the OpenAPI document like in the contract tests.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");

const { getDbHandle } = await import("@/lib/db/client");
const { idempotencyKeys, serviceAccounts } = await import("@/lib/db/schema");
const { createApiKey } = await import("@/lib/api-keys/service");
const { createServiceAccount } = await import("@/lib/service-accounts/service");
const { makeWorld } = await import("@/lib/testing/fixtures");
const { SYSTEM } = await import("@/lib/testing/db");
const { claimIdempotencyKey, hashRequest } = await import("./idempotency");
const { callApi, ContractChecker } = await import("./testing");

type Db = Awaited<ReturnType<typeof getDbHandle>>["db"];
let db: Db;
let world: Awaited<ReturnType<typeof makeWorld>>;
let checker: InstanceType<typeof ContractChecker>;
let adminKey: string;
let adminId: string;

const api = (method: string, url: string, opts: Parameters<typeof callApi>[3] = {}) =>
  callApi(checker, method, url, { key: adminKey, ...opts });

beforeAll(async () => {
  db = (await getDbHandle()).db;
  world = await makeWorld(db);
  const admin = world.users.orgAdmin;
  adminId = admin.id;
  adminKey = (
    await createApiKey(
      { db, actor: SYSTEM },
      { owner: { kind: "user", userId: admin.id, username: admin.username }, name: "rest" },
    )
  ).key;
  await createServiceAccount({ db, actor: SYSTEM }, { scope: "team", team: world.team.name, name: "ci-bot" });
  checker = new ContractChecker((await callApi(null, "GET", "/api/v1/openapi.json")).body);
}, 180_000); // a busy 2-core machine builds the world slowly

afterAll(async () => {
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});

const countNamed = async (name: string) =>
  (await db.select().from(serviceAccounts).where(eq(serviceAccounts.name, name))).length;

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, and creates once", async () => {
    const url = `/api/v1/teams/${world.team.name}/service-accounts`;
    const headers = { "idempotency-key": "0b8f6a5e-create-once" };
    const first = await api("POST", url, { headers, body: { name: "once", description: "d" } });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // the same JSON in another key order is the same request
    const again = await api("POST", url, { headers, body: { description: "d", name: "once" } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await countNamed("once")).toBe(1);
  });

  it("refuses the same key with another body (422) or on another endpoint", async () => {
    const url = `/api/v1/teams/${world.team.name}/service-accounts`;
    const headers = { "idempotency-key": "reused-key" };
    expect((await api("POST", url, { headers, body: { name: "first" } })).status).toBe(201);
    const other = await api("POST", url, { headers, body: { name: "second" } });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe("/api-docs#problem-idempotency-key-reused");
    const elsewhere = await api("POST", `/api/v1/orgs/${world.org.slug}/service-accounts`, {
      headers,
      body: { name: "first", defaultTeam: world.team.name },
    });
    expect(elsewhere.status).toBe(422);
    expect(await countNamed("second")).toBe(0);
  });

  it("answers 409 while the first request with the key still runs", async () => {
    const url = `/api/v1/teams/${world.team.name}/service-accounts`;
    const body = { name: "slow" };
    // The first request has claimed the key and not finished yet.
    await claimIdempotencyKey(db, {
      principal: `user:${adminId}`,
      key: "in-flight",
      endpoint: `POST ${url}`,
      requestHash: hashRequest(body),
    });
    const res = await api("POST", url, { headers: { "idempotency-key": "in-flight" }, body });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe("/api-docs#problem-idempotency-key-in-use");
    expect(await countNamed("slow")).toBe(0);
  });

  it("keeps keys per caller, stores nothing for a failed request, and forgets keys after 24 hours", async () => {
    const url = `/api/v1/teams/${world.team.name}/service-accounts`;
    const headers = { "idempotency-key": "retry-after-failure" };
    const taken = await api("POST", url, { headers, body: { name: "ci-bot" } });
    expect(taken.status).toBe(409); // the name is taken: nothing stored, the key is free again
    expect((await api("POST", url, { headers, body: { name: "ci-bot-2" } })).status).toBe(201);
    await db
      .update(idempotencyKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(idempotencyKeys.key, "retry-after-failure"));
    const fresh = await api("POST", url, { headers, body: { name: "ci-bot-3" } });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
  });

  it("never stores or replays a created key's secret", async () => {
    const url = `/api/v1/teams/${world.team.name}/service-accounts/ci-bot/keys`;
    const headers = { "idempotency-key": "key-creation" };
    const first = await api("POST", url, { headers, body: { name: "deploy" } });
    expect(first.status).toBe(201);
    expect(first.body.key).toMatch(/^stw_sa-/);
    const replay = await api("POST", url, { headers, body: { name: "deploy" } });
    expect(replay.status).toBe(201);
    expect(replay.body.keyId).toBe(first.body.keyId);
    expect(replay.body.key).toBeUndefined();
    expect(replay.body.note).toMatch(/shown only in the original response/);
    const stored = await db.select().from(idempotencyKeys);
    expect(JSON.stringify(stored)).not.toContain(first.body.key);

    const withKey = await api("POST", `/api/v1/teams/${world.team.name}/service-accounts`, {
      headers: { "idempotency-key": "sa-with-key" },
      body: { name: "with-key", withKey: true },
    });
    const replayed = await api("POST", `/api/v1/teams/${world.team.name}/service-accounts`, {
      headers: { "idempotency-key": "sa-with-key" },
      body: { name: "with-key", withKey: true },
    });
    expect(replayed.body.key.keyId).toBe(withKey.body.key.keyId);
    expect(replayed.body.key.key).toBeUndefined();
    expect(JSON.stringify(await db.select().from(idempotencyKeys))).not.toContain(withKey.body.key.key);
  });

  it("refuses an unusable key header with a field error", async () => {
    const res = await api("POST", `/api/v1/teams/${world.team.name}/service-accounts`, {
      headers: { "idempotency-key": "x".repeat(300) },
      body: { name: "long-key" },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors["Idempotency-Key"]).toBeDefined();
  });
});

describe("bad input is a 400 problem, never a 500", () => {
  const create = () => `/api/v1/teams/${world.team.name}/service-accounts`;

  it.each([
    ["malformed JSON", "{name: nope"],
    ["an empty body", ""],
    ["JSON that is not an object", "[1,2,3]"],
    ["a string", '"ci"'],
    ["null", "null"],
  ])("%s", async (_what, rawBody) => {
    const res = await api("POST", create(), { rawBody });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body.type).toMatch(/^\/api-docs#problem-(bad-request|validation-failed)$/);
  });

  it("names the fields that break a rule", async () => {
    const res = await api("POST", create(), { body: { name: "Not Valid!", withKey: "yes", description: 5 } });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe("/api-docs#problem-validation-failed");
    expect(Object.keys(res.body.errors).sort()).toEqual(["description", "name", "withKey"]);
  });

  it("refuses bad query parameters, cursors, path kinds, key IDs and expiry dates", async () => {
    const list = `/api/v1/orgs/${world.org.slug}/service-accounts`;
    for (const query of ["limit=0", "limit=1000", "limit=abc", "cursor=not-a-cursor", "cursor=e30"]) {
      const res = await api("GET", `${list}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors).toBeDefined();
    }
    const kind = await api("PUT", `/api/v1/teams/${world.team.name}/projects/p/members/robots/x`);
    expect(kind.status).toBe(400);
    expect(kind.body.errors.kind).toBeDefined();
    const keyId = await api("DELETE", "/api/v1/keys/not-a-key-id");
    expect(keyId.status).toBe(400);
    const expiry = await api("POST", `/api/v1/teams/${world.team.name}/service-accounts/ci-bot/keys`, {
      body: { name: "k", expiresAt: "tomorrow" },
    });
    expect(expiry.status).toBe(400);
    expect(expiry.body.errors.expiresAt).toBeDefined();
    const past = await api("POST", `/api/v1/teams/${world.team.name}/service-accounts/ci-bot/keys`, {
      body: { name: "k", expiresAt: "2001-01-01T00:00:00Z" },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors.expiresAt).toBeDefined();
    const empty = await api("PATCH", `/api/v1/teams/${world.team.name}/service-accounts/ci-bot`, {
      body: {},
    });
    expect(empty.status).toBe(400);
    const audit = await api("GET", `/api/v1/orgs/${world.org.slug}/audit-events?since=yesterday&cursor=zzz`);
    expect(audit.status).toBe(400);
  });

  it("answers a body over 10 MiB with 413", async () => {
    const res = await api("POST", create(), { rawBody: `{"name":"${"a".repeat(10 * 1024 * 1024)}"}` });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe("/api-docs#problem-payload-too-large");
  });
});
