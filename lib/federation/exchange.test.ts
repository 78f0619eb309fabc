// POST /oidc/token in process, against a loopback issuer that signs with jose: the exchange grants
// an access token that works on the API as the service account, and refuses every bad JWT with the
// right OAuth error; tokens die with their service account or issuer; every attempt is audited.
import { eq } from "drizzle-orm";
import { SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");
vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");

const { POST: tokenEndpoint } = await import("@/app/oidc/token/route");
const { GET: whoami } = await import("@/app/api/v1/whoami/route");
const { POST: graphql } = await import("@/app/graphql/route");
const { getDbHandle } = await import("@/lib/db/client");
const { accessTokens, auditEvents, runs, projects, teams } = await import("@/lib/db/schema");
const { keyCache } = await import("@/lib/api-keys/verify");
const { subscribeAuthChanges } = await import("@/lib/auth/invalidation");
const { createOrganization, setOrganizationPlan } = await import("@/lib/orgs/service");
const { createTeam } = await import("@/lib/teams/service");
const { createServiceAccount, deleteServiceAccount, setServiceAccountStatus } = await import(
  "@/lib/service-accounts/service"
);
const { addJwtIssuer, removeJwtIssuer, setAccessTokenLifetime } = await import("./issuers");
const { PEER_HEADER } = await import("@/lib/server/client-ip");
const { startTestIssuer, unsignedJwt } = await import("./test-issuer");
const { JWT_BEARER_GRANT } = await import("./exchange");

type TestIssuer = Awaited<ReturnType<typeof startTestIssuer>>;
type Db = Awaited<ReturnType<typeof getDbHandle>>["db"];

const SUBJECT = "repo:acme/app:ref:refs/heads/main";
const system = { kind: "system", via: "cli" } as const;
let db: Db;
let idp: TestIssuer;
let other: TestIssuer;
let unsubscribe: () => Promise<void>;
let ipCounter = 0;

beforeAll(async () => {
  const handle = await getDbHandle();
  db = handle.db;
  unsubscribe = await subscribeAuthChanges(handle, keyCache);
  const ctx = { db, actor: system };
  idp = await startTestIssuer({ defaultAudience: "acme", defaultSubject: SUBJECT });
  other = await startTestIssuer({ defaultAudience: "acme", defaultSubject: SUBJECT });
  await createOrganization(ctx, { slug: "acme", plan: "enterprise" });
  await createTeam(ctx, "acme", "ml-platform");
  await addJwtIssuer(ctx, "acme", { url: idp.url });
  await addJwtIssuer(ctx, "acme", { url: other.url });
  await createServiceAccount(ctx, {
    scope: "team",
    team: "ml-platform",
    name: "deploy",
    federated: { issuerUrl: idp.url, subject: SUBJECT },
  });
});
afterAll(async () => {
  await unsubscribe?.();
  await idp?.close();
  await other?.close();
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fresh client address per call unless given: the failure limit is per address. */
async function exchange(
  assertion: string | null,
  opts: { grantType?: string; ip?: string; contentType?: string; body?: string } = {},
) {
  const form = new URLSearchParams();
  form.set("grant_type", opts.grantType ?? JWT_BEARER_GRANT);
  if (assertion !== null) form.set("assertion", assertion);
  const res = await tokenEndpoint(
    new Request("http://localhost/oidc/token", {
      method: "POST",
      headers: {
        "content-type": opts.contentType ?? "application/x-www-form-urlencoded",
        [PEER_HEADER]: opts.ip ?? `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
        "user-agent": "vitest",
      },
      body: opts.body ?? form.toString(),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function refused(assertion: string | null, error: string, description: RegExp, opts = {}) {
  const res = await exchange(assertion, opts);
  expect(res.body, JSON.stringify(res.body)).toMatchObject({ error });
  expect(res.status).toBe(400);
  expect(String(res.body.error_description)).toMatch(description);
  expect(res.body).not.toHaveProperty("access_token");
  return res;
}

const api = (path: string, token: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, [PEER_HEADER]: "10.88.0.1", ...(init.headers ?? {}) },
  });
const whoamiAs = async (token: string) => {
  const res = await whoami(api("/api/v1/whoami", token), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
};
const settle = () => new Promise((r) => setTimeout(r, 150));
const now = () => Math.floor(Date.now() / 1000);

async function grantedToken(claims = {}) {
  const res = await exchange(await idp.sign(claims));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token as string;
}

describe("a granted exchange", () => {
  it("answers an opaque Bearer token with its lifetime, never cached", async () => {
    const assertion = await idp.sign();
    const res = await exchange(assertion);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^stw_at-[A-Za-z0-9]{40}$/),
      token_type: "Bearer",
      expires_in: 3600,
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    // stored only as a hash
    const token = res.body.access_token as string;
    const rows = await db.select().from(accessTokens);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.some((r) => r.tokenId === token.slice(0, 19))).toBe(true);
  });

  it("acts as the service account on the API (Bearer or Basic), and logs a run through GraphQL", async () => {
    const token = await grantedToken();
    expect(await whoamiAs(token)).toMatchObject({
      status: 200,
      body: {
        kind: "service_account",
        name: "deploy",
        org: "acme",
        entity: "ml-platform",
        scope: "team",
        keyId: token.slice(0, 19),
      },
    });
    const basic = await whoami(
      new Request("http://localhost/api/v1/whoami", {
        headers: {
          authorization: `Basic ${Buffer.from(`api:${token}`).toString("base64")}`,
          [PEER_HEADER]: "10.88.0.2",
        },
      }),
      { params: Promise.resolve({}) },
    );
    expect(basic.status).toBe(200);
    const res = await graphql(
      api("/graphql", token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation Upsert($input: UpsertBucketInput!) { upsertBucket(input: $input) { bucket { name displayName } inserted } }`,
          variables: {
            input: {
              name: "fed-run-1",
              modelName: "federated",
              displayName: "from CI",
              config: '{"lr": 0.1}',
            },
          },
        }),
      }),
      { params: Promise.resolve({}) },
    );
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.data.upsertBucket).toMatchObject({
      bucket: { name: "fed-run-1", displayName: "from CI" },
      inserted: true,
    });
    const [run] = await db
      .select({
        name: runs.name,
        project: projects.name,
        team: teams.name,
        by: runs.loggedByServiceAccountId,
      })
      .from(runs)
      .innerJoin(projects, eq(projects.id, runs.projectId))
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .where(eq(runs.name, "fed-run-1"));
    expect(run).toMatchObject({ name: "fed-run-1", project: "federated", team: "ml-platform" });
    expect(run?.by).toMatch(/^sa_/);
  });

  it("accepts aud as an array containing the audience, and an exp just inside the 60 s skew", async () => {
    await grantedToken({ aud: ["something-else", "acme"] });
    await grantedToken({ exp: now() - 30, iat: now() - 300 });
  });

  it("audits the exchange with subject, issuer and outcome, never the token or the JWT", async () => {
    const assertion = await idp.sign();
    const res = await exchange(assertion);
    const token = res.body.access_token as string;
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "service_account:exchange_token"));
    const mine = events.find((e) => (e.details as { tokenId?: string })?.tokenId === token.slice(0, 19));
    expect(mine).toMatchObject({
      outcome: "success",
      actorKind: "service_account",
      actorName: "deploy",
      credentialId: token.slice(0, 19),
      targetName: "ml-platform/deploy",
      ip: expect.stringMatching(/^10\.77\./),
      userAgent: "vitest",
      details: { issuer: idp.url, subject: SUBJECT, expiresIn: 3600 },
    });
    const everything = JSON.stringify(await db.select().from(auditEvents));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(assertion);
    expect(everything).not.toContain(assertion.split(".")[2]!);
  });

  it("issues tokens for the org's configured lifetime, which then expire without a database read", async () => {
    await setAccessTokenLifetime({ db, actor: system }, "acme", 300);
    try {
      const res = await exchange(await idp.sign());
      expect(res.body.expires_in).toBe(300);
      const token = res.body.access_token as string;
      expect((await whoamiAs(token)).status).toBe(200);
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 301_000 });
      expect((await whoamiAs(token)).status).toBe(401);
    } finally {
      vi.useRealTimers();
      await setAccessTokenLifetime({ db, actor: system }, "acme", 3600);
    }
  });
});

describe("refused exchanges", () => {
  it("needs the jwt-bearer grant, one assertion, a form body", async () => {
    const good = await idp.sign();
    const wrongGrant = await exchange(good, { grantType: "client_credentials" });
    expect(wrongGrant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    await refused(null, "invalid_request", /exactly one assertion/);
    await refused(good, "invalid_request", /form-encoded/, {
      contentType: "application/json",
      body: JSON.stringify({ grant_type: JWT_BEARER_GRANT, assertion: good }),
    });
    await refused(null, "invalid_request", /grant_type/, { body: `assertion=${good}` });
    await refused("not-a-jwt", "invalid_grant", /not a signed JWT/);
  });

  it("refuses alg none and HS256 keyed with the issuer's public key", async () => {
    const claims = { iss: idp.url, sub: SUBJECT, aud: "acme", iat: now(), exp: now() + 300, jti: "none-1" };
    await refused(unsignedJwt(claims), "invalid_grant", /alg none/);
    const hs256 = await new SignJWT({ ...claims, jti: "hs-1" })
      .setProtectedHeader({ alg: "HS256", kid: idp.kid })
      .sign(new TextEncoder().encode(idp.publicPem));
    await refused(hs256, "invalid_grant", /HMAC-signed JWTs \(HS256\) are refused/);
  });

  it("refuses an unknown kid, refetching the JWKS at most once per cooldown", async () => {
    const before = idp.hits.get("/jwks") ?? 0;
    await refused(
      await idp.sign({}, { key: idp.foreignKey, kid: "rotated-1" }),
      "invalid_grant",
      /No signing key/,
    );
    await refused(
      await idp.sign({}, { key: idp.foreignKey, kid: "rotated-2" }),
      "invalid_grant",
      /No signing key/,
    );
    expect((idp.hits.get("/jwks") ?? 0) - before).toBeLessThanOrEqual(1);
    // a forged signature under the real kid
    await refused(await idp.sign({}, { key: idp.foreignKey }), "invalid_grant", /signature does not verify/);
  });

  it("refuses a wrong iss: unregistered, or another registered issuer's name on this issuer's key", async () => {
    await refused(
      await idp.sign({ iss: "https://evil.example.com" }),
      "invalid_grant",
      /not a registered JWT issuer/,
    );
    await refused(await idp.sign({ iss: `${idp.url}/` }), "invalid_grant", /not a registered JWT issuer/);
    await refused(await idp.sign({ iss: other.url }), "invalid_grant", /No signing key of/);
  });

  it("refuses a wrong audience", async () => {
    await refused(
      await idp.sign({ aud: "acme-prod" }),
      "invalid_grant",
      /audience "acme-prod" is not the audience/,
    );
    await refused(await idp.sign({ aud: undefined }), "invalid_grant", /no aud claim/);
  });

  it("refuses expired, not yet valid, too old, future-dated and exp-less JWTs", async () => {
    const t = now();
    await refused(await idp.sign({ exp: t - 120, iat: t - 600 }), "invalid_grant", /expired at/);
    await refused(await idp.sign({ nbf: t + 600, exp: t + 900 }), "invalid_grant", /not valid before/);
    await refused(
      await idp.sign({ iat: t - 25 * 3600, exp: t + 300 }),
      "invalid_grant",
      /more than 24 hours ago/,
    );
    await refused(await idp.sign({ iat: t + 600, exp: t + 900 }), "invalid_grant", /in the future/);
    await refused(await idp.sign({ exp: undefined }), "invalid_grant", /no exp claim/);
    await refused(await idp.sign({ iat: undefined }), "invalid_grant", /no iat claim/);
  });

  it("refuses a subject in another case, or with extra whitespace: subjects match exactly", async () => {
    await refused(
      await idp.sign({ sub: SUBJECT.toUpperCase() }),
      "invalid_grant",
      /No service account is bound/,
    );
    await refused(await idp.sign({ sub: `${SUBJECT} ` }), "invalid_grant", /No service account is bound/);
    await refused(await idp.sign({ sub: undefined }), "invalid_grant", /no sub claim/);
  });

  it("refuses a replayed jti while the JWT is valid (and a replayed JWT without jti)", async () => {
    const assertion = await idp.sign({ jti: "replay-me" });
    expect((await exchange(assertion)).status).toBe(200);
    await refused(assertion, "invalid_grant", /already been exchanged/);
    // the same jti in another JWT is a replay too
    await refused(
      await idp.sign({ jti: "replay-me", iat: now() - 1 }),
      "invalid_grant",
      /already been exchanged/,
    );
    const noJti = await idp.sign({ jti: undefined });
    expect((await exchange(noJti)).status).toBe(200);
    await refused(noJti, "invalid_grant", /already been exchanged/);
  });

  it("audits refusals with what the JWT claimed, never the JWT", async () => {
    const assertion = await idp.sign({ aud: "nope", sub: "repo:acme/app:pull_request" });
    await exchange(assertion);
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "service_account:exchange_token"));
    const failure = events.find(
      (e) => (e.details as { subject?: string })?.subject === "repo:acme/app:pull_request",
    );
    expect(failure).toMatchObject({
      outcome: "failure",
      actorKind: "anonymous",
      details: { issuer: idp.url, error: "invalid_grant", reason: expect.stringMatching(/audience/) },
    });
    expect(failure?.orgId).toMatch(/^org_/);
    expect(JSON.stringify(events)).not.toContain(assertion.split(".")[2]!);
  });
});

describe("the service account's and issuer's life", () => {
  it("a deactivated account's tokens stop at once and it cannot exchange; reactivated, it can again", async () => {
    const ctx = { db, actor: system };
    const token = await grantedToken();
    expect((await whoamiAs(token)).status).toBe(200); // cached now
    await setServiceAccountStatus(ctx, "ml-platform", "deploy", "deactivated");
    await settle();
    expect((await whoamiAs(token)).status).toBe(401);
    await refused(await idp.sign(), "invalid_grant", /deactivated/);
    await setServiceAccountStatus(ctx, "ml-platform", "deploy", "active");
    await settle();
    expect((await whoamiAs(await grantedToken())).status).toBe(200);
  });

  it("a free plan stops tokens and exchanges", async () => {
    const ctx = { db, actor: system };
    const token = await grantedToken();
    expect((await whoamiAs(token)).status).toBe(200);
    await setOrganizationPlan(ctx, "acme", "free");
    try {
      await settle();
      expect((await whoamiAs(token)).status).toBe(401);
      await refused(await idp.sign(), "invalid_grant", /enterprise feature/);
    } finally {
      await setOrganizationPlan(ctx, "acme", "enterprise");
      await settle();
    }
  });

  it("several orgs may register the same issuer: the audience picks the org, the subject the account", async () => {
    const ctx = { db, actor: system };
    await createOrganization(ctx, { slug: "beta", plan: "enterprise" });
    await createTeam(ctx, "beta", "beta-ci");
    await addJwtIssuer(ctx, "beta", { url: idp.url });
    await createServiceAccount(ctx, {
      scope: "team",
      team: "beta-ci",
      name: "deploy",
      federated: { issuerUrl: idp.url, subject: SUBJECT },
    });
    expect((await whoamiAs(await grantedToken({ aud: "beta" }))).body).toMatchObject({
      org: "beta",
      entity: "beta-ci",
    });
    expect((await whoamiAs(await grantedToken({ aud: "acme" }))).body).toMatchObject({
      org: "acme",
      entity: "ml-platform",
    });
    await refused(await idp.sign({ aud: ["acme", "beta"] }), "invalid_grant", /Several service accounts/);
    await deleteServiceAccount(ctx, "beta-ci", "deploy");
  });

  it("removing the issuer stops its tokens at once; deleting the account too", async () => {
    const ctx = { db, actor: system };
    await createServiceAccount(ctx, {
      scope: "team",
      team: "ml-platform",
      name: "other-deploy",
      federated: { issuerUrl: other.url, subject: "other" },
    });
    const viaOther = await exchange(await other.sign({ sub: "other" }));
    const otherToken = viaOther.body.access_token as string;
    const token = await grantedToken();
    expect((await whoamiAs(otherToken)).status).toBe(200);
    expect((await whoamiAs(token)).status).toBe(200);
    await removeJwtIssuer(ctx, "acme", other.url);
    await settle();
    expect((await whoamiAs(otherToken)).status).toBe(401);
    expect((await whoamiAs(token)).status).toBe(200); // another issuer's tokens are unaffected
    await refused(await other.sign({ sub: "other" }), "invalid_grant", /not a registered JWT issuer/);
    await deleteServiceAccount(ctx, "ml-platform", "deploy");
    await settle();
    expect((await whoamiAs(token)).status).toBe(401);
    await refused(await idp.sign(), "invalid_grant", /No service account is bound/);
  });
});

describe("the failure limit", () => {
  it("answers slow_down with Retry-After once an address fails too often; other addresses are unaffected", async () => {
    vi.stubEnv("AUTH_FAILURE_LIMIT", "3");
    try {
      const ip = "10.99.0.1";
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await exchange("garbage", { ip })).status);
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      const limited = await exchange("garbage", { ip });
      expect(limited.body).toMatchObject({ error: "slow_down" });
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await exchange("garbage", { ip: "10.99.0.2" })).status).toBe(400);
      // over the limit, the address is turned away before any work: no JWKS fetch, no audit event,
      // and even a valid JWT waits
      const audited = (await db.select().from(auditEvents)).length;
      expect((await exchange(await idp.sign(), { ip })).status).toBe(429);
      expect((await db.select().from(auditEvents)).length).toBe(audited);
    } finally {
      vi.stubEnv("AUTH_FAILURE_LIMIT", "");
    }
  });
});
