import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listApiKeys, listOrgServiceAccountKeys, revokeApiKeys, rotateApiKey } from "@/lib/api-keys/service";
import { keyCache, verifyAuthorization } from "@/lib/api-keys/verify";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import { setOrganizationPlan } from "@/lib/orgs/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeWorld, uniqueName } from "@/lib/testing/fixtures";
import {
  createServiceAccount,
  deleteServiceAccount,
  getServiceAccount,
  listOrgServiceAccounts,
  listTeamServiceAccounts,
  setServiceAccountStatus,
  updateServiceAccount,
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

describe("creating service accounts", () => {
  it("an org admin creates an org service account with a default team, and its first key", async () => {
    const w = await makeWorld(t.db);
    const ctx = await as(t.db, w.users.orgAdmin);
    const name = uniqueName("bot");
    const { serviceAccount, key } = await createServiceAccount(ctx, {
      scope: "org",
      org: w.org.slug,
      defaultTeam: w.team.name,
      name,
      withKey: true,
    });
    expect(serviceAccount).toMatchObject({
      scope: "org",
      teamName: w.team.name,
      createdBy: w.users.orgAdmin.username,
    });
    const check = await verifyAuthorization(basic(key!.key), t.db);
    expect(check).toMatchObject({ ok: true, identity: { entity: w.team.name, org: w.org.slug } });
  });

  it("refuses org service accounts to team admins, members, other orgs, and on a free plan", async () => {
    const w = await makeWorld(t.db);
    const input = {
      scope: "org" as const,
      org: w.org.slug,
      defaultTeam: w.team.name,
      name: uniqueName("bot"),
    };
    await expectRefused(
      t.db,
      async () => createServiceAccount(await as(t.db, w.users.teamAdmin), input),
      403,
    );
    await expectRefused(t.db, async () => createServiceAccount(await as(t.db, w.users.viewer), input), 403);
    await expectRefused(t.db, async () => createServiceAccount(await as(t.db, w.users.outsider), input), 404);
    await expectRefused(
      t.db,
      async () =>
        createServiceAccount(await as(t.db, w.users.orgAdmin), {
          ...input,
          defaultTeam: w.outsiderTeam.name,
        }),
      400,
    );
    await setOrganizationPlan(t.system, w.org.slug, "free");
    const err = await expectRefused(
      t.db,
      async () => createServiceAccount(await as(t.db, w.users.orgAdmin), input),
      403,
    );
    expect(err.message).toMatch(/enterprise feature/);
    // the operator too: a free org's service account could not authenticate anyway
    await expectRefused(t.db, () => createServiceAccount(t.system, input), 403);
  });

  it("a team admin creates team service accounts for their team only; names are unique per team", async () => {
    const w = await makeWorld(t.db);
    const tom = await as(t.db, w.users.teamAdmin);
    const name = uniqueName("ci");
    const created = await createServiceAccount(tom, { scope: "team", team: w.team.name, name });
    expect(created).toMatchObject({ serviceAccount: { scope: "team", teamName: w.team.name }, key: null });
    const dup = await expectRefused(
      t.db,
      () => createServiceAccount(tom, { scope: "team", team: w.team.name, name }),
      409,
    );
    expect(dup.fieldErrors?.name).toBeDefined();
    await expectRefused(
      t.db,
      () => createServiceAccount(tom, { scope: "team", team: w.otherTeam.name, name: uniqueName("x") }),
      404,
    );
    await expectRefused(
      t.db,
      async () =>
        createServiceAccount(await as(t.db, w.users.member), {
          scope: "team",
          team: w.team.name,
          name: uniqueName("x"),
        }),
      404,
    );
    for (const bad of ["", "Caps", "-lead", "a".repeat(65), "sp ace"]) {
      await expectRefused(
        t.db,
        () => createServiceAccount(tom, { scope: "team", team: w.team.name, name: bad }),
        400,
      );
    }
  });

  it("DISABLE_TEAM_SERVICE_ACCOUNT_CREATION refuses team service accounts", async () => {
    const w = await makeWorld(t.db);
    vi.stubEnv("DISABLE_TEAM_SERVICE_ACCOUNT_CREATION", "true");
    try {
      await expectRefused(
        t.db,
        async () =>
          createServiceAccount(await as(t.db, w.users.orgAdmin), {
            scope: "team",
            team: w.team.name,
            name: uniqueName("x"),
          }),
        400,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("listing", () => {
  it("the org tab lists org- and team-scoped accounts; the team tab its own and org ones defaulting to it", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const orgSa = uniqueName("orgsa");
    const teamSa = uniqueName("teamsa");
    const otherSa = uniqueName("othersa");
    await createServiceAccount(admin, {
      scope: "org",
      org: w.org.slug,
      defaultTeam: w.team.name,
      name: orgSa,
      withKey: true,
    });
    await createServiceAccount(admin, { scope: "team", team: w.team.name, name: teamSa });
    await createServiceAccount(admin, { scope: "team", team: w.otherTeam.name, name: otherSa });
    const org = (await listOrgServiceAccounts(admin, w.org.slug)).map((s) => s.name).sort();
    expect(org).toEqual([orgSa, otherSa, teamSa].sort());
    const team = await listTeamServiceAccounts(await as(t.db, w.users.teamAdmin), w.team.name);
    expect(team.map((s) => [s.name, s.scope, s.activeKeyCount]).sort()).toEqual(
      [
        [orgSa, "org", 1],
        [teamSa, "team", 0],
      ].sort(),
    );
    expect(
      (await listOrgServiceAccounts(admin, w.org.slug, { search: "teamsa" })).map((s) => s.name),
    ).toEqual([teamSa]);
    await expectRefused(
      t.db,
      async () => listOrgServiceAccounts(await as(t.db, w.users.teamAdmin), w.org.slug),
      403,
    );
    await expectRefused(
      t.db,
      async () => listTeamServiceAccounts(await as(t.db, w.users.member), w.team.name),
      404,
    );
    await expectRefused(
      t.db,
      async () => listTeamServiceAccounts(await as(t.db, w.users.outsider), w.team.name),
      404,
    );
  });
});

describe("a service account's life", () => {
  it("team admins manage their team's accounts but not org ones; deactivation and deletion stop keys", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const tom = await as(t.db, w.users.teamAdmin);
    const orgSa = uniqueName("orgsa");
    await createServiceAccount(admin, {
      scope: "org",
      org: w.org.slug,
      defaultTeam: w.team.name,
      name: orgSa,
    });
    await expectRefused(t.db, () => setServiceAccountStatus(tom, w.team.name, orgSa, "deactivated"), 403);
    await expectRefused(
      t.db,
      async () => getServiceAccount(await as(t.db, w.users.otherTeamAdmin), w.team.name, orgSa),
      404,
    );

    const name = uniqueName("ci");
    const { key } = await createServiceAccount(tom, {
      scope: "team",
      team: w.team.name,
      name,
      withKey: true,
    });
    await expectRefused(
      t.db,
      async () => setServiceAccountStatus(await as(t.db, w.users.member), w.team.name, name, "deactivated"),
      404,
    );
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(true);
    await setServiceAccountStatus(tom, w.team.name, name, "deactivated");
    await settle();
    expect(await verifyAuthorization(basic(key!.key), t.db)).toMatchObject({
      ok: false,
      reason: "owner_inactive",
    });
    await setServiceAccountStatus(tom, w.team.name, name, "active");
    await settle();
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(true);

    const renamed = uniqueName("renamed");
    await updateServiceAccount(tom, w.team.name, name, { name: renamed, description: "nightly training" });
    expect(await getServiceAccount(tom, w.team.name, renamed)).toMatchObject({
      description: "nightly training",
    });
    await settle();
    expect(await verifyAuthorization(basic(key!.key), t.db)).toMatchObject({
      ok: true,
      identity: { name: renamed },
    });

    await deleteServiceAccount(tom, w.team.name, renamed);
    await settle();
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(false);
    // the name is free again
    await createServiceAccount(tom, { scope: "team", team: w.team.name, name: renamed });
  });
});

describe("keys of a service account", () => {
  it("rotation with an overlap keeps both keys working until the old one's revocation time", async () => {
    const w = await makeWorld(t.db);
    const tom = await as(t.db, w.users.teamAdmin);
    const name = uniqueName("ci");
    const { key, serviceAccount } = await createServiceAccount(tom, {
      scope: "team",
      team: w.team.name,
      name,
      withKey: true,
    });
    await verifyAuthorization(basic(key!.key), t.db); // cached
    const rotated = await rotateApiKey(tom, key!.keyId, "1h");
    await settle();
    expect(rotated.old.revokesAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect((await verifyAuthorization(basic(key!.key), t.db)).ok).toBe(true);
    expect((await verifyAuthorization(basic(rotated.created.key), t.db)).ok).toBe(true);
    const owner = { kind: "service_account" as const, serviceAccount };
    expect((await listApiKeys(tom, owner)).map((k) => k.status)).toEqual(["active", "active"]);
    // an hour later only the new key works
    vi.useFakeTimers({ now: Date.now() + 3601_000, toFake: ["Date"] });
    try {
      expect(await verifyAuthorization(basic(key!.key), t.db)).toMatchObject({ ok: false });
      expect((await verifyAuthorization(basic(rotated.created.key), t.db)).ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    // "now" revokes at once; a member cannot rotate
    await expectRefused(
      t.db,
      async () => rotateApiKey(await as(t.db, w.users.member), rotated.created.keyId, "now"),
      404,
    );
    const again = await rotateApiKey(tom, rotated.created.keyId, "now");
    await settle();
    expect(await verifyAuthorization(basic(rotated.created.key), t.db)).toMatchObject({ ok: false });
    expect((await verifyAuthorization(basic(again.created.key), t.db)).ok).toBe(true);
  });

  it("the org's keys tab lists, filters and bulk-revokes every service-account key of the org", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const a = await createServiceAccount(admin, {
      scope: "team",
      team: w.team.name,
      name: uniqueName("a"),
      withKey: true,
    });
    const b = await createServiceAccount(admin, {
      scope: "team",
      team: w.otherTeam.name,
      name: uniqueName("b"),
      withKey: true,
    });
    const all = await listOrgServiceAccountKeys(admin, w.org, {});
    expect(all.keys).toHaveLength(2);
    const found = await listOrgServiceAccountKeys(admin, w.org, { search: a.serviceAccount.name });
    expect(found.keys.map((k) => k.keyId)).toEqual([a.key!.keyId]);
    await expectRefused(
      t.db,
      async () => listOrgServiceAccountKeys(await as(t.db, w.users.teamAdmin), w.org, {}),
      403,
    );
    await expectRefused(
      t.db,
      async () => revokeApiKeys(await as(t.db, w.users.teamAdmin), [a.key!.keyId, b.key!.keyId]),
      404,
    );
    expect(await revokeApiKeys(admin, [a.key!.keyId, b.key!.keyId])).toEqual({ revoked: 2 });
    expect((await listOrgServiceAccountKeys(admin, w.org, { status: "revoked" })).keys).toHaveLength(2);
    expect((await listOrgServiceAccountKeys(admin, w.org, { status: "active" })).keys).toHaveLength(0);
  });
});
