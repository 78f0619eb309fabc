import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import { loadUserPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import {
  addOrganizationMember,
  createOrganization,
  removeOrganizationMember,
  setOrganizationPlan,
} from "@/lib/orgs/service";
import {
  createServiceAccount,
  deleteServiceAccount,
  setServiceAccountStatus,
} from "@/lib/service-accounts/service";
import { addTeamMember, createTeam } from "@/lib/teams/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { createUser } from "@/lib/users/service";
import { generateKey } from "./format";
import { createApiKey, revokeApiKey } from "./service";
import { credentialFromHeader, keyCache, verifyAuthorization } from "./verify";

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

/** A database that fails the test if anything touches it. */
const untouchable = new Proxy({} as Db, {
  get(_t, prop) {
    throw new Error(`database used: ${String(prop)}`);
  },
});

/** Counts queries by wrapping the driver's execute path at the drizzle session. */
function countingDb(db: Db) {
  let selects = 0;
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "select") selects++;
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: wrapped, selects: () => selects };
}

let t: TestDb;
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  t = await createTestDb();
  unsubscribe = await subscribeAuthChanges(t, keyCache);
  const ctx = t.system;
  await createOrganization(ctx, { slug: "acme", plan: "enterprise" });
  await createTeam(ctx, "acme", "ml-platform");
  await createUser(ctx, { username: "mia", email: "mia@example.com", password: "password-123" });
  await addOrganizationMember(ctx, "acme", { kind: "existing", login: "mia", role: "member" });
  await addTeamMember(ctx, "ml-platform", "mia", "member");
});

afterAll(async () => {
  await unsubscribe?.();
  await t?.close();
});

async function personalKey(expiresAt?: Date) {
  const actor = (await loadUserPrincipal(t.db, (await miaId())!, { kind: "session" }))!;
  return createApiKey(
    { db: t.db, actor },
    {
      owner: { kind: "user", userId: actor.id, username: actor.username },
      name: "laptop",
      expiresAt,
    },
  );
}

async function miaId() {
  const { users } = await import("@/lib/db/schema");
  const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "mia"));
  return row?.id;
}

/** Waits for NOTIFY to reach the listener (PGlite: same process; PostgreSQL: a round trip). */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe("reading the Authorization header", () => {
  it("takes the password part of Basic and the token of Bearer", () => {
    expect(credentialFromHeader(basic("k-1"))).toBe("k-1");
    expect(credentialFromHeader(`Basic ${Buffer.from("anything:a:b").toString("base64")}`)).toBe("a:b");
    expect(credentialFromHeader("Bearer tok")).toBe("tok");
    expect(credentialFromHeader("bearer tok")).toBe("tok");
  });

  it("rejects unusable headers", () => {
    for (const h of [
      "Basic",
      "Basic !!!",
      `Basic ${Buffer.from("nocolon").toString("base64")}`,
      "Digest x",
      "Bearer ",
      `Bearer ${"x".repeat(5000)}`,
    ]) {
      expect(credentialFromHeader(h), h).toBeNull();
    }
  });
});

describe("verifying keys", () => {
  it("treats a missing header as anonymous", async () => {
    expect(await verifyAuthorization(null, untouchable)).toEqual({ ok: true, identity: null });
  });

  it("refuses malformed keys and bad checksums before any database work", async () => {
    const { key } = generateKey("stw_sa");
    const flipped = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    for (const header of [basic("abc"), basic(flipped), "Bearer stw_u-short", "Basic ****", "Token x"]) {
      expect(await verifyAuthorization(header, untouchable)).toMatchObject({
        ok: false,
        reason: "malformed",
      });
    }
  });

  it("refuses a well-formed key nobody issued", async () => {
    const { key, keyId } = generateKey("stw_u");
    expect(await verifyAuthorization(basic(key), t.db)).toEqual({ ok: false, reason: "unknown", keyId });
  });

  it("verifies a personal key as its owner, then from cache without reading the database", async () => {
    const created = await personalKey();
    const first = await verifyAuthorization(basic(created.key), t.db);
    expect(first).toMatchObject({
      ok: true,
      identity: { name: "mia", entity: "ml-platform", keyId: created.keyId },
    });
    const counted = countingDb(t.db);
    const again = await verifyAuthorization(`Bearer ${created.key}`, counted.db);
    expect(again).toEqual(first);
    expect(counted.selects()).toBe(0);
  });

  it("reads an uncached key and its owner in one query (personal and service-account keys)", async () => {
    const personal = await personalKey();
    const { key: saKey } = await createServiceAccount(t.system, {
      scope: "team",
      team: "ml-platform",
      name: "one-query",
      withKey: true,
    });
    for (const key of [personal.key, saKey!.key]) {
      keyCache.clear();
      const counted = countingDb(t.db);
      expect((await verifyAuthorization(basic(key), counted.db)).ok).toBe(true);
      expect(counted.selects()).toBe(1);
    }
  });

  it("never stores the plaintext, only its hash", async () => {
    const created = await personalKey();
    const rows = await t.db.select().from(apiKeys).where(eq(apiKeys.keyId, created.keyId));
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(rows[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a revoked key on the next request, cached or not", async () => {
    const created = await personalKey();
    expect((await verifyAuthorization(basic(created.key), t.db)).ok).toBe(true);
    await revokeApiKey(t.system, created.keyId);
    await settle();
    expect(await verifyAuthorization(basic(created.key), t.db)).toMatchObject({
      ok: false,
      reason: "revoked",
    });
  });

  it("refuses an expired key without asking the database again", async () => {
    const created = await personalKey(new Date(Date.now() + 60_000));
    expect((await verifyAuthorization(basic(created.key), t.db)).ok).toBe(true);
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      expect(await verifyAuthorization(basic(created.key), untouchable)).toMatchObject({
        ok: false,
        reason: "expired",
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it("follows the owner: removal from the org changes the cached principal", async () => {
    const created = await personalKey();
    const before = await verifyAuthorization(basic(created.key), t.db);
    expect(
      before.ok &&
        before.identity?.principal.kind === "user" &&
        Object.keys(before.identity.principal.orgRoles),
    ).toHaveLength(1);
    await removeOrganizationMember(t.system, "acme", "mia");
    await settle();
    const after = await verifyAuthorization(basic(created.key), t.db);
    expect(
      after.ok && after.identity?.principal.kind === "user" && Object.keys(after.identity.principal.orgRoles),
    ).toHaveLength(0);
    await addOrganizationMember(t.system, "acme", { kind: "existing", login: "mia", role: "member" });
    await addTeamMember(t.system, "ml-platform", "mia", "member");
  });
});

describe("service-account keys", () => {
  it("act as the service account in its team; deactivation, plan and deletion take effect at once", async () => {
    const { serviceAccount, key } = await createServiceAccount(t.system, {
      scope: "team",
      team: "ml-platform",
      name: "ci-bot",
      withKey: true,
    });
    expect(key?.key).toMatch(/^stw_sa-/);
    const ok = await verifyAuthorization(basic(key!.key), t.db);
    expect(ok).toMatchObject({ ok: true, identity: { name: "ci-bot", org: "acme", entity: "ml-platform" } });

    await setServiceAccountStatus(t.system, "ml-platform", "ci-bot", "deactivated");
    await settle();
    expect(await verifyAuthorization(basic(key!.key), t.db)).toMatchObject({
      ok: false,
      reason: "owner_inactive",
    });
    await setServiceAccountStatus(t.system, "ml-platform", "ci-bot", "active");
    await settle();
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(true);

    await setOrganizationPlan(t.system, "acme", "free");
    await settle();
    expect(await verifyAuthorization(basic(key!.key), t.db)).toMatchObject({
      ok: false,
      reason: "owner_inactive",
    });
    await setOrganizationPlan(t.system, "acme", "enterprise");
    await settle();
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(true);

    await deleteServiceAccount(t.system, "ml-platform", "ci-bot");
    await settle();
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(false);
    expect(serviceAccount.status).toBe("active");
  });

  it("an org service account acts in its default team", async () => {
    await createTeam(t.system, "acme", "research");
    const { key } = await createServiceAccount(t.system, {
      scope: "org",
      org: "acme",
      defaultTeam: "research",
      name: "trainer",
      withKey: true,
    });
    const check = await verifyAuthorization(basic(key!.key), t.db);
    expect(check).toMatchObject({ ok: true, identity: { entity: "research", principal: { scope: "org" } } });
  });
});
