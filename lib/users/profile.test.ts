// The signed-in user's settings against a real database: profile changes, the default team that
// key identities follow, and personal keys created through the API key service.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyCache, verifyAuthorization } from "@/lib/api-keys/verify";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import { apiKeys, users } from "@/lib/db/schema";
import { removeTeamMember } from "@/lib/teams/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import {
  addToOrg,
  addToTeam,
  as,
  expectRefused,
  makeOrg,
  makeTeam,
  makeUser,
  makeWorld,
} from "@/lib/testing/fixtures";
import {
  createPersonalApiKey,
  getProfile,
  listPersonalApiKeys,
  revokePersonalApiKey,
  updateProfile,
} from "./profile";

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
/** Waits for NOTIFY to reach the listener. */
const settle = () => new Promise((r) => setTimeout(r, 150));

/** A user in two teams of one org (joined in this order), and a team of the org they are not in. */
async function twoTeamUser() {
  const w = await makeWorld(t.db);
  const second = await makeTeam(t.db, w.org);
  await addToTeam(t.db, second, w.users.member, "member");
  return { ...w, user: w.users.member, first: w.team, second };
}

async function userRow(id: string) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

describe("reading the profile", () => {
  it("lists the user's teams in the order joined; the first one is the default until one is chosen", async () => {
    const w = await twoTeamUser();
    const profile = await getProfile(await as(t.db, w.user));
    expect(profile).toMatchObject({
      username: w.user.username,
      email: w.user.email,
      displayName: "",
      defaultTeam: null,
      effectiveDefaultTeam: w.first.name,
    });
    expect(profile.teams).toEqual([
      { name: w.first.name, orgSlug: w.org.slug, role: "member" },
      { name: w.second.name, orgSlug: w.org.slug, role: "member" },
    ]);
  });

  it("is only for a signed-in user", async () => {
    await expect(getProfile({ db: t.db, actor: { kind: "anonymous" } })).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe("updating the profile", () => {
  it("saves a trimmed display name and a chosen default team, which key identities follow", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    const { key } = await createPersonalApiKey(ctx, { name: "laptop" });
    expect(await verifyAuthorization(basic(key), t.db)).toMatchObject({
      ok: true,
      identity: { entity: w.first.name },
    });

    const saved = await updateProfile(ctx, { displayName: "  Mia Hamm  ", defaultTeam: w.second.name });
    expect(saved).toEqual({ displayName: "Mia Hamm", defaultTeam: w.second.name });
    expect(await userRow(w.user.id)).toMatchObject({ displayName: "Mia Hamm", defaultTeamId: w.second.id });
    expect(await getProfile(ctx)).toMatchObject({
      displayName: "Mia Hamm",
      defaultTeam: w.second.name,
      effectiveDefaultTeam: w.second.name,
    });
    // The cached identity of the key is dropped: the next request goes to the new default team.
    await settle();
    expect(await verifyAuthorization(basic(key), t.db)).toMatchObject({
      ok: true,
      identity: { entity: w.second.name },
    });

    await updateProfile(ctx, { displayName: "Mia Hamm", defaultTeam: "" });
    expect(await userRow(w.user.id)).toMatchObject({ defaultTeamId: null });
    expect(await getProfile(ctx)).toMatchObject({ defaultTeam: null, effectiveDefaultTeam: w.first.name });
    await settle();
    expect(await verifyAuthorization(basic(key), t.db)).toMatchObject({
      ok: true,
      identity: { entity: w.first.name },
    });
  });

  it("refuses a team the user is not in (same org, other org, unknown) and changes nothing", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    await updateProfile(ctx, { displayName: "Before", defaultTeam: w.second.name });
    for (const team of [w.otherTeam.name, w.outsiderTeam.name, "no-such-team"]) {
      const err = await expectRefused(
        t.db,
        () => updateProfile(ctx, { displayName: "After", defaultTeam: team }),
        400,
      );
      expect(err.message).toBe(`You are not a member of ${team}: choose one of your teams.`);
      expect(err.fieldErrors).toEqual({ defaultTeam: ["Choose one of your teams."] });
    }
    expect(await userRow(w.user.id)).toMatchObject({ displayName: "Before", defaultTeamId: w.second.id });
  });

  it("refuses a display name longer than 100 characters and changes nothing", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    const err = await expectRefused(
      t.db,
      () => updateProfile(ctx, { displayName: "x".repeat(101), defaultTeam: w.second.name }),
      400,
    );
    expect(err.fieldErrors).toEqual({ displayName: ["Display name must be at most 100 characters."] });
    // 100 characters (after trimming) are fine.
    await updateProfile(ctx, { displayName: ` ${"x".repeat(100)} `, defaultTeam: "" });
    expect((await userRow(w.user.id)).displayName).toHaveLength(100);
  });

  it("falls back to the first team joined after leaving the chosen default team", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    await updateProfile(ctx, { displayName: "", defaultTeam: w.second.name });
    await removeTeamMember(t.system, w.second.name, w.user.username);
    expect(await getProfile(await as(t.db, w.user))).toMatchObject({
      defaultTeam: null,
      effectiveDefaultTeam: w.first.name,
    });
  });

  it("lets a user in no team save a display name (and no default team)", async () => {
    const loner = await makeUser(t.db);
    const org = await makeOrg(t.db);
    await addToOrg(t.db, org, loner, "member");
    const ctx = await as(t.db, loner);
    await updateProfile(ctx, { displayName: "Loner", defaultTeam: "" });
    expect(await getProfile(ctx)).toMatchObject({
      displayName: "Loner",
      effectiveDefaultTeam: null,
      teams: [],
    });
  });

  it("refuses anyone but a signed-in user", async () => {
    await expectRefused(
      t.db,
      () => updateProfile({ db: t.db, actor: { kind: "anonymous" } }, { displayName: "x", defaultTeam: "" }),
      401,
    );
  });
});

describe("personal API keys", () => {
  it("are created for the signed-in user, listed for them only, and act with their roles", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.users.viewer);
    const created = await createPersonalApiKey(ctx, { name: " notebook ", expiry: "30d" });
    expect(created).toMatchObject({ name: "notebook", owner: w.users.viewer.username });
    expect(created.key).toMatch(/^stw_u-[A-Za-z0-9]{40}$/);
    const days = (created.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const check = await verifyAuthorization(basic(created.key), t.db);
    expect(check).toMatchObject({
      ok: true,
      identity: {
        name: w.users.viewer.username,
        entity: w.team.name,
        principal: { kind: "user", id: w.users.viewer.id, teamRoles: { [w.team.id]: "viewer" } },
      },
    });

    const mine = await listPersonalApiKeys(ctx);
    expect(mine.map((k) => [k.keyId, k.name, k.status])).toEqual([[created.keyId, "notebook", "active"]]);
    expect(await listPersonalApiKeys(await as(t.db, w.user))).toEqual([]);
  });

  it("take a custom expiry date (until the end of that day, UTC) or none", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    const dated = await createPersonalApiKey(ctx, {
      name: "dated",
      expiry: "custom",
      expiresOn: "2031-01-31",
    });
    expect(dated.expiresAt?.toISOString()).toBe("2031-01-31T23:59:59.999Z");
    const forever = await createPersonalApiKey(ctx, { name: "forever", expiry: "never" });
    expect(forever.expiresAt).toBeNull();
  });

  it("refuse a bad name or expiry with a field error, and store nothing", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    const cases: Array<[Parameters<typeof createPersonalApiKey>[1], string]> = [
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ name: "k", expiry: "custom" }, "expiresOn"],
      [{ name: "k", expiry: "custom", expiresOn: "2001-01-01" }, "expiresOn"],
      [{ name: "k", expiry: "custom", expiresOn: "31/01/2031" }, "expiresOn"],
      [{ name: "k", expiry: "forever" }, "expiry"],
    ];
    for (const [input, field] of cases) {
      const err = await expectRefused(t.db, () => createPersonalApiKey(ctx, input), 400);
      expect(Object.keys(err.fieldErrors ?? {}), JSON.stringify(input)).toEqual([field]);
      expect(err.message).toMatch(/\.$/);
    }
    expect(await t.db.select().from(apiKeys).where(eq(apiKeys.userId, w.user.id))).toEqual([]);
  });

  it("are revoked by their owner only, and stop working at once", async () => {
    const w = await twoTeamUser();
    const ctx = await as(t.db, w.user);
    const created = await createPersonalApiKey(ctx, { name: "ci" });
    expect((await verifyAuthorization(basic(created.key), t.db)).ok).toBe(true);

    // Another user (even an org admin) cannot revoke it from their own settings.
    for (const other of [w.users.orgAdmin, w.users.teamAdmin]) {
      await expect(revokePersonalApiKey(await as(t.db, other), created.keyId)).rejects.toMatchObject({
        status: 404,
      });
    }
    expect((await listPersonalApiKeys(ctx))[0]?.status).toBe("active");
    // Someone pasting the whole key instead of its ID does not get it echoed back.
    const pasted = await revokePersonalApiKey(ctx, created.key).catch((e: Error) => e);
    expect(pasted).toMatchObject({ status: 404 });
    expect((pasted as Error).message).not.toContain(created.key);

    expect(await revokePersonalApiKey(ctx, created.keyId)).toMatchObject({
      keyId: created.keyId,
      name: "ci",
    });
    expect((await listPersonalApiKeys(ctx))[0]?.status).toBe("revoked");
    await settle();
    expect(await verifyAuthorization(basic(created.key), t.db)).toMatchObject({
      ok: false,
      reason: "revoked",
    });
  });

  it("are refused to anyone but a signed-in user", async () => {
    await expectRefused(
      t.db,
      () => createPersonalApiKey({ db: t.db, actor: { kind: "anonymous" } }, { name: "x" }),
      401,
    );
    await expect(listPersonalApiKeys({ db: t.db, actor: { kind: "anonymous" } })).rejects.toMatchObject({
      status: 401,
    });
  });
});
