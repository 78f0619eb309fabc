// The keys of one service account, as its page manages them: create (with an expiry), revoke and
// rotate, each only for its admins and only for a key of that very account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyCache, verifyAuthorization } from "@/lib/api-keys/verify";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeWorld, uniqueName } from "@/lib/testing/fixtures";
import {
  createServiceAccount,
  createServiceAccountKey,
  listServiceAccountKeys,
  revokeServiceAccountKey,
  rotateServiceAccountKey,
} from "./service";

let t: TestDb;
let unsubscribe: () => Promise<void>;
beforeAll(async () => {
  t = await createTestDb();
  unsubscribe = await subscribeAuthChanges(t, keyCache);
});
afterAll(async () => {
  await unsubscribe?.();
  await t?.close();
});

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;
const settle = () => new Promise((r) => setTimeout(r, 100));

async function teamAccount() {
  const w = await makeWorld(t.db);
  const tom = await as(t.db, w.users.teamAdmin);
  const name = uniqueName("ci");
  const created = await createServiceAccount(tom, { scope: "team", team: w.team.name, name, withKey: true });
  return { w, tom, name, first: created.key! };
}

describe("a service account's keys", () => {
  it("its team admin creates a key with an expiry, lists it, and the key authenticates", async () => {
    const { w, tom, name } = await teamAccount();
    const created = await createServiceAccountKey(tom, w.team.name, name, { name: "github", expiry: "30d" });
    expect(created.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const check = await verifyAuthorization(basic(created.key), t.db);
    expect(check).toMatchObject({ ok: true, identity: { name, entity: w.team.name } });
    const keys = await listServiceAccountKeys(tom, w.team.name, name);
    expect(keys.map((k) => [k.name, k.status, k.createdBy])).toEqual([
      ["github", "active", w.users.teamAdmin.username],
      ["default", "active", w.users.teamAdmin.username],
    ]);
    // an org admin manages it too
    const admin = await as(t.db, w.users.orgAdmin);
    const custom = await createServiceAccountKey(admin, w.team.name, name, {
      name: "dated",
      expiry: "custom",
      expiresOn: "2999-01-31",
    });
    expect(custom.expiresAt?.toISOString()).toBe("2999-01-31T23:59:59.999Z");
  });

  it("bad input is a field error, and nothing is created", async () => {
    const { w, tom, name } = await teamAccount();
    const noName = await expectRefused(
      t.db,
      () => createServiceAccountKey(tom, w.team.name, name, { name: " ", expiry: "never" }),
      400,
    );
    expect(noName.fieldErrors).toEqual({ name: ["Name is required."] });
    const noDate = await expectRefused(
      t.db,
      () => createServiceAccountKey(tom, w.team.name, name, { name: "x", expiry: "custom" }),
      400,
    );
    expect(noDate.fieldErrors).toEqual({ expiresOn: ["Choose a date."] });
    const past = await expectRefused(
      t.db,
      () =>
        createServiceAccountKey(tom, w.team.name, name, {
          name: "x",
          expiry: "custom",
          expiresOn: "2001-01-01",
        }),
      400,
    );
    expect(past.fieldErrors).toEqual({ expiresOn: ["Choose a date in the future."] });
  });

  it("members, viewers, another team's admin and another org's admin are refused everything", async () => {
    const { w, name, first } = await teamAccount();
    const cases = [
      [w.users.member, 404],
      [w.users.viewer, 404],
      [w.users.otherTeamAdmin, 404],
      [w.users.outsider, 404],
    ] as const;
    for (const [user, status] of cases) {
      const ctx = await as(t.db, user);
      await expectRefused(t.db, () => listServiceAccountKeys(ctx, w.team.name, name), status);
      await expectRefused(
        t.db,
        () => createServiceAccountKey(ctx, w.team.name, name, { name: "forged", expiry: "never" }),
        status,
      );
      await expectRefused(t.db, () => revokeServiceAccountKey(ctx, w.team.name, name, first.keyId), status);
      await expectRefused(
        t.db,
        () => rotateServiceAccountKey(ctx, w.team.name, name, first.keyId, "now"),
        status,
      );
    }
    // an org service account of the team is its org admins' alone: its team admin learns it exists (403)
    const orgName = uniqueName("org");
    const admin = await as(t.db, w.users.orgAdmin);
    await createServiceAccount(admin, {
      scope: "org",
      org: w.org.slug,
      defaultTeam: w.team.name,
      name: orgName,
    });
    await expectRefused(
      t.db,
      async () =>
        createServiceAccountKey(await as(t.db, w.users.teamAdmin), w.team.name, orgName, {
          name: "forged",
          expiry: "never",
        }),
      403,
    );
    expect((await verifyAuthorization(basic(first.key), t.db)).ok).toBe(true);
  });

  it("a key of another account is not found through this one, even for an admin of both", async () => {
    const { w, tom, name, first } = await teamAccount();
    const other = uniqueName("other");
    const { key } = await createServiceAccount(tom, {
      scope: "team",
      team: w.team.name,
      name: other,
      withKey: true,
    });
    await expectRefused(t.db, () => revokeServiceAccountKey(tom, w.team.name, name, key!.keyId), 404);
    await expectRefused(t.db, () => rotateServiceAccountKey(tom, w.team.name, name, key!.keyId, "1h"), 404);
    // its own key is revoked, at once
    expect(await revokeServiceAccountKey(tom, w.team.name, name, first.keyId)).toMatchObject({
      keyId: first.keyId,
      name: "default",
    });
    await settle();
    expect(await verifyAuthorization(basic(first.key), t.db)).toMatchObject({ ok: false, reason: "revoked" });
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(true);
  });

  it("rotation keeps the old key until the overlap ends, shown as a scheduled revocation", async () => {
    const { w, tom, name, first } = await teamAccount();
    const { created, old } = await rotateServiceAccountKey(tom, w.team.name, name, first.keyId, "24h");
    expect(old.revokesAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    await settle();
    expect((await verifyAuthorization(basic(first.key), t.db)).ok).toBe(true);
    expect((await verifyAuthorization(basic(created.key), t.db)).ok).toBe(true);
    const keys = await listServiceAccountKeys(tom, w.team.name, name);
    expect(keys.map((k) => [k.keyId, k.status, k.revokedAt?.getTime() ?? null])).toEqual([
      [created.keyId, "active", null],
      [first.keyId, "active", old.revokesAt.getTime()],
    ]);
  });
});
