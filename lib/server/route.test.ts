// The API wrapper end to end, in process: authentication, generic 401s, the per-IP failure limit
// (valid credentials never slowed), and which address counts as the client's.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");

const { GET: whoami } = await import("@/app/api/v1/whoami/route");
const { getDbHandle } = await import("@/lib/db/client");
const { createOrganization } = await import("@/lib/orgs/service");
const { createTeam } = await import("@/lib/teams/service");
const { createServiceAccount } = await import("@/lib/service-accounts/service");
const { PEER_HEADER } = await import("./client-ip");

let key: string;
beforeAll(async () => {
  const { db } = await getDbHandle();
  const ctx = { db, actor: { kind: "system", via: "cli" } as const };
  await createOrganization(ctx, { slug: "acme", plan: "enterprise" });
  await createTeam(ctx, "acme", "ml-platform");
  key = (
    await createServiceAccount(ctx, { scope: "team", team: "ml-platform", name: "ci-bot", withKey: true })
  ).key!.key;
});
afterAll(async () => {
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});

const basic = (k: string) => `Basic ${Buffer.from(`api:${k}`).toString("base64")}`;
const call = (headers: Record<string, string>) =>
  whoami(new Request("http://localhost/api/v1/whoami", { headers }), { params: Promise.resolve({}) });

describe("API authentication", () => {
  it("answers the principal for a valid key, and a generic 401 JSON otherwise", async () => {
    const ok = await call({ authorization: basic(key), [PEER_HEADER]: "10.1.0.1" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      kind: "service_account",
      name: "ci-bot",
      org: "acme",
      entity: "ml-platform",
    });
    for (const authorization of [
      basic("nope"),
      basic(`${key.slice(0, -1)}x`),
      "Bearer",
      `Basic ${"é".repeat(20)}`,
      "x".repeat(10_000),
    ]) {
      const res = await call({ authorization, [PEER_HEADER]: "10.1.0.2" });
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body.detail).toMatch(/Invalid or missing credentials/);
      expect(JSON.stringify(body)).not.toContain(key);
    }
    expect((await call({ [PEER_HEADER]: "10.1.0.2" })).status).toBe(401); // whoami needs credentials
  });

  it("limits failures per client address, never slowing valid credentials or other clients", async () => {
    vi.stubEnv("AUTH_FAILURE_LIMIT", "5");
    const bad = {
      authorization: basic("stw_u-0000000000000000000000000000000000000000"),
      [PEER_HEADER]: "10.2.0.1",
    };
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(bad)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await call(bad);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // a spoofed X-Forwarded-For does not escape the limit unless TRUST_PROXY is set
    expect((await call({ ...bad, "x-forwarded-for": "203.0.113.9" })).status).toBe(429);
    // the same address with a valid key is served; another address is unaffected
    expect((await call({ authorization: basic(key), [PEER_HEADER]: "10.2.0.1" })).status).toBe(200);
    expect((await call({ ...bad, [PEER_HEADER]: "10.2.0.2" })).status).toBe(401);
  });

  it("takes the client address from X-Forwarded-For only behind a trusted proxy", async () => {
    vi.stubEnv("AUTH_FAILURE_LIMIT", "2");
    vi.stubEnv("TRUST_PROXY", "true");
    const bad = { authorization: basic("nope"), [PEER_HEADER]: "10.3.0.1" };
    const viaProxy = (ip: string) => call({ ...bad, "x-forwarded-for": `${ip}, 10.3.0.1` });
    expect([
      (await viaProxy("198.51.100.1")).status,
      (await viaProxy("198.51.100.1")).status,
      (await viaProxy("198.51.100.1")).status,
    ]).toEqual([401, 401, 429]);
    expect((await viaProxy("198.51.100.2")).status).toBe(401); // a different client behind the same proxy
    vi.stubEnv("TRUST_PROXY", "");
  });
});
