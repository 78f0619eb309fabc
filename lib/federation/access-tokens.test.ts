// Access tokens in the API's credential check (lib/api-keys/verify.ts): malformed ones refused
// before any database work, verified ones cached and tagged sa:/org:/issuer:, expiry checked
// without the database, the principal a federated service account with an access_token credential.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { keyCache, verifyAuthorization } from "@/lib/api-keys/verify";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import type { Db } from "@/lib/db/client";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { makeOrg, makeTeam } from "@/lib/testing/fixtures";
import { exchangeToken, JWT_BEARER_GRANT } from "./exchange";
import { addJwtIssuer } from "./issuers";
import { startTestIssuer, type TestIssuer } from "./test-issuer";
import { generateAccessToken } from "./token-format";

const untouchable = new Proxy({} as Db, {
  get(_t, prop) {
    throw new Error(`database used: ${String(prop)}`);
  },
});

let t: TestDb;
let idp: TestIssuer;
let issuerId: string;
let saId: string;
let orgId: string;
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
  t = await createTestDb();
  unsubscribe = await subscribeAuthChanges(t, keyCache);
  idp = await startTestIssuer({ defaultSubject: "system:serviceaccount:ml:trainer" });
  const org = await makeOrg(t.db);
  orgId = org.id;
  const team = await makeTeam(t.db, org);
  issuerId = (await addJwtIssuer(t.system, org.slug, { url: idp.url, audience: "acme" })).id;
  saId = (
    await createServiceAccount(t.system, {
      scope: "team",
      team: team.name,
      name: "trainer",
      federated: { issuerUrl: idp.url, subject: "system:serviceaccount:ml:trainer" },
    })
  ).serviceAccount.id;
});
afterAll(async () => {
  await unsubscribe?.();
  await idp?.close();
  await t?.close();
  vi.unstubAllEnvs();
});

async function issue(): Promise<string> {
  const params = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion: await idp.sign() });
  return (await exchangeToken(t.db, params, { ip: null, userAgent: null })).access_token;
}

describe("access tokens in the credential check", () => {
  it("refuses malformed tokens before any database work", async () => {
    const { token } = generateAccessToken();
    const flipped = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    for (const header of [`Bearer ${flipped}`, "Bearer stw_at-short", `Bearer ${token}x`]) {
      expect(await verifyAuthorization(header, untouchable), header).toMatchObject({
        ok: false,
        reason: "malformed",
      });
    }
  });

  it("refuses a well-formed token nobody issued, naming its token ID", async () => {
    const { token, tokenId } = generateAccessToken();
    expect(await verifyAuthorization(`Bearer ${token}`, t.db)).toEqual({
      ok: false,
      reason: "unknown",
      keyId: tokenId,
    });
  });

  it("verifies as the federated service account, then from cache without the database", async () => {
    const token = await issue();
    const first = await verifyAuthorization(`Bearer ${token}`, t.db);
    expect(first).toMatchObject({
      ok: true,
      identity: {
        name: "trainer",
        keyId: token.slice(0, 19),
        principal: {
          kind: "service_account",
          id: saId,
          authMethod: "federated",
          scope: "team",
          credential: { kind: "access_token", tokenId: token.slice(0, 19), state: "active" },
        },
      },
    });
    const basic = `Basic ${Buffer.from(`api:${token}`).toString("base64")}`;
    expect(await verifyAuthorization(basic, untouchable)).toEqual(first);
  });

  it("checks expiry without the database", async () => {
    const token = await issue();
    await verifyAuthorization(`Bearer ${token}`, t.db);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3601_000 });
    try {
      expect(await verifyAuthorization(`Bearer ${token}`, untouchable)).toMatchObject({
        ok: false,
        reason: "expired",
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ["issuer", () => `issuer:${issuerId}`],
    ["sa", () => `sa:${saId}`],
    ["org", () => `org:${orgId}`],
  ])("is cached under the %s tag", async (_name, tag) => {
    const token = await issue();
    await verifyAuthorization(`Bearer ${token}`, t.db);
    expect(await verifyAuthorization(`Bearer ${token}`, untouchable)).toMatchObject({ ok: true });
    keyCache.invalidate([tag()]);
    await expect(verifyAuthorization(`Bearer ${token}`, untouchable)).rejects.toThrow(/database used/);
  });
});
