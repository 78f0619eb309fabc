// The API keys lists of the org tab and the team tab (keyset pages, search, status filter, who may
// see what) and bulk revocation (all or nothing, refusals that reveal nothing), on a real database.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "@/lib/db/schema";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTestDb, SYSTEM, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeWorld, uniqueName } from "@/lib/testing/fixtures";
import {
  createApiKey,
  type KeyOwner,
  listOrgServiceAccountKeys,
  listTeamServiceAccountKeys,
  revokeApiKeys,
  type ServiceAccountKeyPage,
} from "./service";
import { verifyAuthorization } from "./verify";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;
const ids = (page: ServiceAccountKeyPage) => page.keys.map((k) => k.keyId);

/** A world with a team service account (3 keys), one in the other team (1 key) and an org one (1 key). */
async function keyedWorld() {
  const w = await makeWorld(t.db);
  const admin = await as(t.db, w.users.orgAdmin);
  const teamSa = await createServiceAccount(admin, {
    scope: "team",
    team: w.team.name,
    name: uniqueName("ci"),
    withKey: true,
  });
  const owner: KeyOwner = { kind: "service_account", serviceAccount: teamSa.serviceAccount };
  const second = await createApiKey(admin, { owner, name: "nightly-deploy" });
  const third = await createApiKey(admin, { owner, name: "old" });
  const otherSa = await createServiceAccount(admin, {
    scope: "team",
    team: w.otherTeam.name,
    name: uniqueName("etl"),
    withKey: true,
  });
  const orgSa = await createServiceAccount(admin, {
    scope: "org",
    org: w.org.slug,
    defaultTeam: w.team.name,
    name: uniqueName("trainer"),
    withKey: true,
  });
  return { w, admin, teamSa, second, third, otherSa, orgSa };
}

describe("the org's API keys tab", () => {
  it("lists every service-account key of the org, newest first, page by page", async () => {
    const { w, admin, teamSa, second, third, otherSa, orgSa } = await keyedWorld();
    const newestFirst = [orgSa.key!, otherSa.key!, third, second, teamSa.key!].map((k) => k.keyId);
    expect(ids(await listOrgServiceAccountKeys(admin, w.org))).toEqual(newestFirst);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: ServiceAccountKeyPage = await listOrgServiceAccountKeys(admin, w.org, { limit: 2, after });
      expect(page.keys.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual(newestFirst);

    const first = (await listOrgServiceAccountKeys(admin, w.org)).keys[0]!;
    expect(first).toMatchObject({
      name: "default",
      owner: `${w.team.name}/${orgSa.serviceAccount.name}`,
      status: "active",
      serviceAccount: { team: w.team.name, name: orgSa.serviceAccount.name, scope: "org", status: "active" },
      canRevoke: true,
    });
    // another org's keys never show
    const outsider = await as(t.db, w.users.outsider);
    await createServiceAccount(outsider, {
      scope: "team",
      team: w.outsiderTeam.name,
      name: uniqueName("x"),
      withKey: true,
    });
    expect(ids(await listOrgServiceAccountKeys(admin, w.org))).toEqual(newestFirst);
  });

  it("searches by key name, key ID and owner, and filters by status", async () => {
    const { w, admin, teamSa, second, third, otherSa } = await keyedWorld();
    const list = (filter: Parameters<typeof listOrgServiceAccountKeys>[2]) =>
      listOrgServiceAccountKeys(admin, w.org, filter).then(ids);
    expect(await list({ search: "NIGHTLY" })).toEqual([second.keyId]);
    expect(await list({ search: second.keyId })).toEqual([second.keyId]);
    expect(await list({ search: second.keyId.slice(0, 10) })).toContain(second.keyId);
    expect(await list({ search: `${w.otherTeam.name}/${otherSa.serviceAccount.name}` })).toEqual([
      otherSa.key!.keyId,
    ]);
    expect(await list({ search: "100%_" })).toEqual([]);

    await revokeApiKeys(admin, [third.keyId]);
    await t.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(apiKeys.keyId, teamSa.key!.keyId));
    expect(await list({ status: "revoked" })).toEqual([third.keyId]);
    expect(await list({ status: "expired" })).toEqual([teamSa.key!.keyId]);
    expect(await list({ status: "active", search: teamSa.serviceAccount.name })).toEqual([second.keyId]);
    const revoked = (await listOrgServiceAccountKeys(admin, w.org, { status: "revoked" })).keys[0]!;
    expect(revoked).toMatchObject({ status: "revoked", canRevoke: false });
  });

  it("is for org admins only: team admins, members and other orgs' admins are refused", async () => {
    const { w } = await keyedWorld();
    await expectRefused(
      t.db,
      async () => listOrgServiceAccountKeys(await as(t.db, w.users.teamAdmin), w.org),
      403,
    );
    await expectRefused(
      t.db,
      async () => listOrgServiceAccountKeys(await as(t.db, w.users.member), w.org),
      403,
    );
    await expectRefused(
      t.db,
      async () => listOrgServiceAccountKeys(await as(t.db, w.users.outsider), w.org),
      404,
    );
  });
});

describe("the team's keys section", () => {
  it("shows a team admin the keys of the team's own service accounts, revocable", async () => {
    const { w, teamSa, second, third, otherSa, orgSa } = await keyedWorld();
    const teamAdmin = await as(t.db, w.users.teamAdmin);
    const page = await listTeamServiceAccountKeys(teamAdmin, w.team);
    expect(ids(page)).toEqual([third.keyId, second.keyId, teamSa.key!.keyId]);
    expect(page.keys.every((k) => k.canRevoke)).toBe(true);
    // neither the other team's keys nor the org service account's (org admins manage those)
    expect(ids(page)).not.toContain(otherSa.key!.keyId);
    expect(ids(page)).not.toContain(orgSa.key!.keyId);
  });

  it("answers members, viewers, other teams' admins and other orgs as if the team had no keys tab", async () => {
    const { w } = await keyedWorld();
    const refused = async (user: (typeof w.users)[keyof typeof w.users], status: number) =>
      expectRefused(t.db, async () => listTeamServiceAccountKeys(await as(t.db, user), w.team), status);
    await refused(w.users.member, 404);
    await refused(w.users.viewer, 404);
    await refused(w.users.otherTeamAdmin, 404);
    await refused(w.users.outsider, 404);
  });
});

describe("revoking several keys", () => {
  it("revokes them all at once; they stop authenticating; already revoked ones are not counted", async () => {
    const { w, admin, teamSa, second, third, orgSa } = await keyedWorld();
    const selection = [teamSa.key!.keyId, second.keyId, orgSa.key!.keyId];
    expect(await revokeApiKeys(admin, [...selection, second.keyId])).toEqual({ revoked: 3 });
    for (const key of [teamSa.key!.key, second.key, orgSa.key!.key]) {
      expect(await verifyAuthorization(basic(key), t.db)).toMatchObject({ ok: false, reason: "revoked" });
    }
    expect(await verifyAuthorization(basic(third.key), t.db)).toMatchObject({ ok: true });
    expect(await revokeApiKeys(admin, [second.keyId, third.keyId])).toEqual({ revoked: 1 });
    expect(
      ids(await listOrgServiceAccountKeys(admin, w.org, { status: "active" })).filter((k) =>
        [...selection, third.keyId].includes(k),
      ),
    ).toEqual([]);
  });

  it("revokes nothing when one key of the selection is refused or unknown", async () => {
    const { w, teamSa, second, otherSa, orgSa } = await keyedWorld();
    const teamAdmin = await as(t.db, w.users.teamAdmin);
    // a key of another team, of an org service account, or one that does not exist
    for (const intruder of [otherSa.key!.keyId, "stw_sa-AAAAAAAAAAAA"]) {
      const err = await expectRefused(t.db, () => revokeApiKeys(teamAdmin, [second.keyId, intruder]), 404);
      expect(err.message).toMatch(/do not exist or are not yours to revoke/);
    }
    // the org service account is listed on the team's tab, so its refusal may say why
    const err = await expectRefused(
      t.db,
      () => revokeApiKeys(teamAdmin, [second.keyId, orgSa.key!.keyId]),
      403,
    );
    expect(err.message).toMatch(/only org admins manage it/);
    // a member, and the admin of another org, cannot revoke the team's keys at all
    const member = await as(t.db, w.users.member);
    await expectRefused(t.db, () => revokeApiKeys(member, [second.keyId]), 404);
    const outsider = await as(t.db, w.users.outsider);
    await expectRefused(t.db, () => revokeApiKeys(outsider, [teamSa.key!.keyId]), 404);
    // the team admin may revoke its own team's keys
    expect(await revokeApiKeys(teamAdmin, [second.keyId, teamSa.key!.keyId])).toEqual({ revoked: 2 });
  });

  it("refuses an empty selection, too many keys, and anything that is not a key ID, without echoing it", async () => {
    const { admin, teamSa } = await keyedWorld();
    await expectRefused(t.db, () => revokeApiKeys(admin, []), 400);
    const many = Array.from({ length: 501 }, (_, i) => `stw_sa-${String(i).padStart(12, "A")}`);
    await expectRefused(t.db, () => revokeApiKeys(admin, many), 400);
    const err = await expectRefused(t.db, () => revokeApiKeys(admin, [teamSa.key!.key]), 400);
    expect(err.message).not.toContain(teamSa.key!.key);
  });

  it("lets the operator revoke any selection", async () => {
    const { otherSa } = await keyedWorld();
    expect(await revokeApiKeys({ db: t.db, actor: SYSTEM }, [otherSa.key!.keyId])).toEqual({ revoked: 1 });
  });
});
