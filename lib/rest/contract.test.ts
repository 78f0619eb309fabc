// Contract tests of /api/v1, in process against the route files and a fresh database: every endpoint
// is called, and every answer (successes and problems alike) is validated against the OpenAPI
// document the API serves. Then each endpoint from the denied side: a plain member, an admin of
// another team and a service account of the org (403), a user of another org (404), a revoked key (401).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");
vi.stubEnv("AUTH_FAILURE_LIMIT", "100000"); // the denial tests send many deliberate 401s

const { getDbHandle } = await import("@/lib/db/client");
const { createApiKey, revokeApiKey } = await import("@/lib/api-keys/service");
const { createServiceAccount } = await import("@/lib/service-accounts/service");
const { makeWorld, makeProject, dbState } = await import("@/lib/testing/fixtures");
const { SYSTEM } = await import("@/lib/testing/db");
const { callApi, ContractChecker } = await import("./testing");

type Db = Awaited<ReturnType<typeof getDbHandle>>["db"];
let db: Db;
let world: Awaited<ReturnType<typeof makeWorld>>;
let checker: InstanceType<typeof ContractChecker>;
const keys: Record<string, string> = {};
let saKeyId: string;
let restrictedProject: string;

const api = (method: string, url: string, opts: Parameters<typeof callApi>[3] = {}) =>
  callApi(checker, method, url, opts);

beforeAll(async () => {
  db = (await getDbHandle()).db;
  const system = { db, actor: SYSTEM };
  world = await makeWorld(db);
  for (const [role, user] of Object.entries(world.users)) {
    const created = await createApiKey(system, {
      owner: { kind: "user", userId: user.id, username: user.username },
      name: "rest",
    });
    keys[role] = created.key;
  }
  const revoked = await createApiKey(system, {
    owner: { kind: "user", userId: world.users.orgAdmin.id, username: world.users.orgAdmin.username },
    name: "old",
  });
  await revokeApiKey(system, revoked.keyId);
  keys.revoked = revoked.key;
  const bot = await createServiceAccount(system, {
    scope: "team",
    team: world.team.name,
    name: "ci-bot",
    withKey: true,
  });
  keys.serviceAccount = bot.key!.key;
  saKeyId = bot.key!.keyId;
  await createServiceAccount(system, {
    scope: "org",
    org: world.org.slug,
    defaultTeam: world.team.name,
    name: "trainer",
  });
  restrictedProject = (await makeProject(db, world.team, { visibility: "restricted" })).name;
  const doc = await callApi(null, "GET", "/api/v1/openapi.json");
  expect(doc.status).toBe(200);
  checker = new ContractChecker(doc.body);
}, 180_000); // a busy 2-core machine builds the world slowly

afterAll(async () => {
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with absolute paths, unique operation IDs and both security schemes", async () => {
    const doc = checker.document as unknown as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.openapi).toBe("3.1.0");
    const ids = Object.entries(doc.paths).flatMap(([p, ops]) => {
      expect(p.startsWith("/api/v1/")).toBe(true);
      return Object.values(ops).map((op) => op.operationId);
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.components.securitySchemes.basic).toMatchObject({ type: "http", scheme: "basic" });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/v1/openapi.json"]!.get!.security).toEqual([]);
  });
});

describe("every endpoint, as the admins who may call it", () => {
  it("walks an org service account's life as an org admin", async () => {
    const key = keys.orgAdmin!;
    const org = world.org.slug;
    const created = await api("POST", `/api/v1/orgs/${org}/service-accounts`, {
      key,
      body: { name: "nightly", defaultTeam: world.team.name, description: "Nightly jobs", withKey: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.serviceAccount).toMatchObject({
      name: "nightly",
      scope: "org",
      team: world.team.name,
    });
    expect(created.body.key.key).toMatch(/^stw_sa-/);

    const list = await api("GET", `/api/v1/orgs/${org}/service-accounts?limit=1`, { key });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const all = [...list.body.items];
    let cursor = list.body.nextCursor;
    while (cursor) {
      const next = await api("GET", `/api/v1/orgs/${org}/service-accounts?limit=1&cursor=${cursor}`, { key });
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(all.map((sa: { name: string }) => sa.name)).toEqual(["ci-bot", "nightly", "trainer"]);
    const searched = await api("GET", `/api/v1/orgs/${org}/service-accounts?search=night`, { key });
    expect(searched.body.items.map((sa: { name: string }) => sa.name)).toEqual(["nightly"]);

    const base = `/api/v1/teams/${world.team.name}/service-accounts/nightly`;
    expect((await api("GET", base, { key })).body).toMatchObject({ name: "nightly", status: "active" });
    const renamed = await api("PATCH", base, { key, body: { name: "nightly-v2" } });
    expect(renamed.body.name).toBe("nightly-v2");
    const moved = `/api/v1/teams/${world.team.name}/service-accounts/nightly-v2`;
    expect((await api("POST", `${moved}/deactivate`, { key })).body.status).toBe("deactivated");
    expect((await api("POST", `${moved}/reactivate`, { key })).body.status).toBe("active");

    const newKey = await api("POST", `${moved}/keys`, {
      key,
      body: { name: "ci", expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(newKey.status).toBe(201);
    const keyList = await api("GET", `${moved}/keys`, { key });
    expect(keyList.body.items.map((k: { keyId: string }) => k.keyId)).toContain(newKey.body.keyId);
    expect(JSON.stringify(keyList.body)).not.toContain(newKey.body.key);
    const revoked = await api("DELETE", `/api/v1/keys/${newKey.body.keyId}`, { key });
    expect(revoked.body.keyId).toBe(newKey.body.keyId);
    const after = await api("GET", `${moved}/keys`, { key, bearer: true });
    expect(after.body.items.find((k: { keyId: string }) => k.keyId === newKey.body.keyId).status).toBe(
      "revoked",
    );

    expect((await api("DELETE", moved, { key })).status).toBe(204);
    expect((await api("GET", moved, { key })).status).toBe(404);
  });

  it("lets a team admin run the team's own service accounts and restricted project listings", async () => {
    const key = keys.teamAdmin!;
    const team = world.team.name;
    const created = await api("POST", `/api/v1/teams/${team}/service-accounts`, {
      key,
      body: { name: "etl" },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toBeNull();
    const list = await api("GET", `/api/v1/teams/${team}/service-accounts`, { key });
    expect(list.body.items.map((sa: { name: string }) => sa.name)).toEqual(["ci-bot", "etl", "trainer"]);
    expect(list.body.nextCursor).toBeNull();

    const members = `/api/v1/teams/${team}/projects/${restrictedProject}/members`;
    const listed = await api("PUT", `${members}/users/${world.users.member.username}`, { key });
    expect(listed.body).toEqual({
      kind: "users",
      name: world.users.member.username,
      project: `${team}/${restrictedProject}`,
    });
    // PUT is idempotent: listing again answers the same
    expect((await api("PUT", `${members}/users/${world.users.member.username}`, { key })).status).toBe(200);
    const sa = await api("PUT", `${members}/service-accounts/${encodeURIComponent(`${team}/etl`)}`, { key });
    expect(sa.body.name).toBe(`${team}/etl`);
    const seen = await api("GET", `/api/v1/teams/${team}/projects`, { key: keys.member });
    expect(seen.body.items.map((p: { name: string }) => p.name)).toContain(restrictedProject);
    expect((await api("DELETE", `${members}/users/${world.users.member.username}`, { key })).status).toBe(
      204,
    );
    expect(
      (await api("DELETE", `${members}/service-accounts/${encodeURIComponent(`${team}/etl`)}`, { key }))
        .status,
    ).toBe(204);
    const unseen = await api("GET", `/api/v1/teams/${team}/projects`, { key: keys.member });
    expect(unseen.body.items.map((p: { name: string }) => p.name)).not.toContain(restrictedProject);
    expect((await api("DELETE", `${members}/users/${world.users.member.username}`, { key })).status).toBe(
      404,
    );
  });

  it("lists teams and projects for any member, and the audit log for org admins", async () => {
    const teams = await api("GET", `/api/v1/orgs/${world.org.slug}/teams?limit=1`, { key: keys.orgViewer });
    expect(teams.status).toBe(200);
    expect(teams.body.items).toHaveLength(1);
    expect(teams.body.nextCursor).not.toBeNull();
    const events = await api("GET", `/api/v1/orgs/${world.org.slug}/audit-events?limit=5`, {
      key: keys.orgAdmin,
    });
    expect(events.status).toBe(200);
    expect(events.body.items.length).toBeGreaterThan(0);
    const byTeamAdmin = await api(
      "GET",
      `/api/v1/orgs/${world.org.slug}/audit-events?team=${world.team.name}&action=team:create_service_account`,
      { key: keys.teamAdmin },
    );
    expect(byTeamAdmin.status).toBe(200);
    for (const event of byTeamAdmin.body.items) expect(event.action).toBe("team:create_service_account");
    const who = await api("GET", "/api/v1/whoami", { key: keys.serviceAccount });
    expect(who.body).toMatchObject({ kind: "service_account", name: "ci-bot", scope: "team" });
  });
});

interface Case {
  name: string;
  method: string;
  url: () => string;
  body?: () => unknown;
  /** Plain members may call it (the lists every member sees). */
  membersAllowed?: boolean;
}

const team = () => world.team.name;
const sa = () => `/api/v1/teams/${team()}/service-accounts/ci-bot`;
const CASES: Case[] = [
  {
    name: "list org service accounts",
    method: "GET",
    url: () => `/api/v1/orgs/${world.org.slug}/service-accounts`,
  },
  {
    name: "create an org service account",
    method: "POST",
    url: () => `/api/v1/orgs/${world.org.slug}/service-accounts`,
    body: () => ({ name: "intruder", defaultTeam: team() }),
  },
  {
    name: "list team service accounts",
    method: "GET",
    url: () => `/api/v1/teams/${team()}/service-accounts`,
  },
  {
    name: "create a team service account",
    method: "POST",
    url: () => `/api/v1/teams/${team()}/service-accounts`,
    body: () => ({ name: "intruder" }),
  },
  { name: "get a service account", method: "GET", url: sa },
  { name: "rename a service account", method: "PATCH", url: sa, body: () => ({ name: "taken-over" }) },
  { name: "delete a service account", method: "DELETE", url: sa },
  { name: "deactivate a service account", method: "POST", url: () => `${sa()}/deactivate` },
  { name: "reactivate a service account", method: "POST", url: () => `${sa()}/reactivate` },
  { name: "list a service account's keys", method: "GET", url: () => `${sa()}/keys` },
  { name: "create a key", method: "POST", url: () => `${sa()}/keys`, body: () => ({ name: "stolen" }) },
  { name: "revoke a key", method: "DELETE", url: () => `/api/v1/keys/${saKeyId}` },
  {
    name: "list teams",
    method: "GET",
    url: () => `/api/v1/orgs/${world.org.slug}/teams`,
    membersAllowed: true,
  },
  {
    name: "list projects",
    method: "GET",
    url: () => `/api/v1/teams/${team()}/projects`,
    membersAllowed: true,
  },
  {
    name: "list someone on a restricted project",
    method: "PUT",
    url: () =>
      `/api/v1/teams/${team()}/projects/${restrictedProject}/members/users/${world.users.member.username}`,
  },
  {
    name: "take someone off a restricted project",
    method: "DELETE",
    url: () =>
      `/api/v1/teams/${team()}/projects/${restrictedProject}/members/users/${world.users.teamAdmin.username}`,
  },
  { name: "read the audit log", method: "GET", url: () => `/api/v1/orgs/${world.org.slug}/audit-events` },
];

describe("denials", () => {
  const callers = [
    ["a plain member", "member"],
    ["an admin of another team", "otherTeamAdmin"],
    ["a service account of the org", "serviceAccount"],
  ] as const;

  describe.each(CASES)("$name", (c) => {
    it.each(callers)(
      "%s gets 403 and changes nothing (or is served, for lists every member sees)",
      async (_who, caller) => {
        const before = await dbState(db);
        const res = await api(c.method, c.url(), { key: keys[caller], body: c.body?.() });
        if (c.membersAllowed) {
          expect(res.status).toBe(200);
          return;
        }
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(res.body.type).toBe("/api-docs#problem-forbidden");
        expect(await dbState(db)).toEqual(before);
      },
    );

    it("a user of another org gets 404, as if nothing were there, and changes nothing", async () => {
      const before = await dbState(db);
      const res = await api(c.method, c.url(), { key: keys.outsider, body: c.body?.() });
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.type).toBe("/api-docs#problem-not-found");
      expect(res.body.detail).not.toMatch(/ci-bot|member|admin/);
      expect(await dbState(db)).toEqual(before);
    });

    it("a revoked key, a wrong key and no key get 401 problems", async () => {
      for (const key of [keys.revoked, "stw_u-0000000000000000000000000000000000000000", undefined]) {
        const res = await api(c.method, c.url(), { key, body: c.body?.() });
        expect(res.status).toBe(401);
        expect(res.body.type).toBe("/api-docs#problem-unauthenticated");
        expect(res.headers.get("www-authenticate")).toMatch(/Basic/);
      }
    });
  });

  it("whoami refuses revoked keys too; the document needs no key", async () => {
    expect((await api("GET", "/api/v1/whoami", { key: keys.revoked })).status).toBe(401);
    expect((await api("GET", "/api/v1/whoami")).status).toBe(401);
    expect((await api("GET", "/api/v1/openapi.json")).status).toBe(200);
  });
});
