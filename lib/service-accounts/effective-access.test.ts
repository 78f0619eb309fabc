// Effective access against a real database: what each kind of service account reaches and why, what
// is shown out of its reach, who may look, and that the view agrees with the policy on real projects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "@/lib/access";
import { addProjectServiceAccount, findProject, projectResource } from "@/lib/projects/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeProject, makeWorld } from "@/lib/testing/fixtures";
import {
  accessRows,
  type EffectiveAccess,
  effectiveAccess,
  principalOfServiceAccount,
} from "./effective-access";
import { createServiceAccount, setServiceAccountStatus } from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

/** A world with one project of each visibility in its team, its other team and another org. */
async function setting() {
  const w = await makeWorld(t.db);
  const projectsOf = async (team: typeof w.team) => ({
    open: await makeProject(t.db, team, { visibility: "open" }),
    public: await makeProject(t.db, team, { visibility: "public" }),
    team: await makeProject(t.db, team, { visibility: "team" }),
    restricted: await makeProject(t.db, team, { visibility: "restricted" }),
  });
  const own = await projectsOf(w.team);
  const other = await projectsOf(w.otherTeam);
  const foreign = await projectsOf(w.outsiderTeam);
  const teamSa = await createServiceAccount(t.system, { scope: "team", team: w.team.name, name: "ci" });
  const orgSa = await createServiceAccount(t.system, {
    scope: "org",
    org: w.org.slug,
    defaultTeam: w.otherTeam.name,
    name: "trainer",
  });
  return { w, own, other, foreign, teamSa: teamSa.serviceAccount, orgSa: orgSa.serviceAccount };
}

const entryOf = (access: EffectiveAccess, project: { name: string }) =>
  [...access.reachable, ...access.unreachable].find((e) => e.project === project.name);

describe("effective access of a service account", () => {
  it("a team service account reaches its team's projects, and open or public ones elsewhere", async () => {
    const s = await setting();
    const access = await effectiveAccess(t.system, s.w.team.name, "ci");
    const rw = (p: { name: string }) => {
      const e = entryOf(access, p);
      return e && [e.read, e.write];
    };
    expect(rw(s.own.open)).toEqual([true, true]);
    expect(rw(s.own.public)).toEqual([true, true]);
    expect(rw(s.own.team)).toEqual([true, true]);
    expect(rw(s.own.restricted)).toEqual([false, false]);
    expect(rw(s.other.open)).toEqual([true, true]);
    expect(rw(s.other.public)).toEqual([true, false]);
    expect(rw(s.other.team)).toEqual([false, false]);
    expect(rw(s.other.restricted)).toEqual([false, false]);
    expect(rw(s.foreign.open)).toEqual([true, true]);
    expect(rw(s.foreign.public)).toEqual([true, false]);
    // Another org's private projects are not even mentioned: nobody would expect them.
    expect(entryOf(access, s.foreign.team)).toBeUndefined();
    expect(entryOf(access, s.foreign.restricted)).toBeUndefined();

    // Its own team comes first, and every entry carries the policy's reason.
    expect(access.reachable[0]!.team).toBe(s.w.team.name);
    expect(entryOf(access, s.own.team)!.reason).toMatch(/team-scoped service account ci/);
    expect(entryOf(access, s.other.public)!.reason).toMatch(/public project of another team/);

    // Out of reach: the unlisted restricted projects of its org and the other team's team project.
    expect(access.unreachable.map((e) => e.project).sort()).toEqual(
      [s.own.restricted.name, s.other.team.name, s.other.restricted.name].sort(),
    );
    expect(entryOf(access, s.own.restricted)!.howToGrant).toMatch(/Users tab/);
    expect(entryOf(access, s.other.team)!.howToGrant).toMatch(/org service account/);
  });

  it("listing it on a restricted project moves that project into reach", async () => {
    const s = await setting();
    await addProjectServiceAccount(t.system, s.w.team.name, s.own.restricted.name, `${s.w.team.name}/ci`);
    const access = await effectiveAccess(t.system, s.w.team.name, "ci");
    expect(entryOf(access, s.own.restricted)).toMatchObject({
      read: true,
      write: true,
      reason: expect.stringMatching(/listed as a member/),
    });
    expect(access.unreachable.map((e) => e.project)).not.toContain(s.own.restricted.name);
  });

  it("an org service account reaches every non-restricted project of its org", async () => {
    const s = await setting();
    const access = await effectiveAccess(t.system, s.w.otherTeam.name, "trainer");
    for (const p of [s.own.open, s.own.public, s.own.team, s.other.open, s.other.public, s.other.team]) {
      expect(entryOf(access, p), p.name).toMatchObject({ read: true, write: true });
    }
    // Its default team first.
    expect(access.reachable[0]!.team).toBe(s.w.otherTeam.name);
    expect(access.unreachable.map((e) => e.project).sort()).toEqual(
      [s.own.restricted.name, s.other.restricted.name].sort(),
    );
  });

  it("a deactivated service account reaches nothing, and nothing is offered to grant", async () => {
    const s = await setting();
    await setServiceAccountStatus(t.system, s.w.team.name, "ci", "deactivated");
    const access = await effectiveAccess(t.system, s.w.team.name, "ci");
    expect(access.reachable).toEqual([]);
    expect(access.unreachable).toEqual([]);
  });

  it("filters by project name, case-insensitively, with LIKE characters taken literally", async () => {
    const s = await setting();
    const access = await effectiveAccess(t.system, s.w.team.name, "ci", s.own.team.name.toUpperCase());
    expect([...access.reachable, ...access.unreachable].map((e) => e.project)).toEqual([s.own.team.name]);
    const none = await effectiveAccess(t.system, s.w.team.name, "ci", "%");
    expect([...none.reachable, ...none.unreachable]).toEqual([]);
  });

  it("agrees with the policy on each real project, with its real member lists", async () => {
    const s = await setting();
    await addProjectServiceAccount(t.system, s.w.team.name, s.own.restricted.name, `${s.w.team.name}/ci`);
    for (const sa of [s.teamSa, s.orgSa]) {
      const access = await effectiveAccess(t.system, sa.teamName, sa.name);
      const principal = principalOfServiceAccount(sa);
      const rows = await accessRows(t.db, sa);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const team = [s.w.team, s.w.otherTeam, s.w.outsiderTeam].find((x) => x.id === row.teamId);
        if (!team) continue; // projects of other tests' worlds
        const project = await findProject(t.db, team, row.name);
        const resource = projectResource(project!);
        const entry = entryOf(access, row);
        expect([entry?.read ?? false, entry?.write ?? false], `${sa.name} on ${row.name}`).toEqual([
          can(principal, "project.read", resource).allowed,
          can(principal, "project.write", resource).allowed,
        ]);
      }
    }
  });
});

describe("who may see a service account's effective access", () => {
  it("its team's admins and the org's admins; others are told it does not exist", async () => {
    const s = await setting();
    for (const who of [s.w.users.teamAdmin, s.w.users.orgAdmin]) {
      const access = await effectiveAccess(await as(t.db, who), s.w.team.name, "ci");
      expect(access.serviceAccount.name).toBe("ci");
    }
    for (const who of [s.w.users.member, s.w.users.viewer, s.w.users.otherTeamAdmin, s.w.users.outsider]) {
      await expectRefused(t.db, async () => effectiveAccess(await as(t.db, who), s.w.team.name, "ci"), 404);
    }
    // An org service account: only org admins manage it; its default team's admin is told so.
    await expectRefused(
      t.db,
      async () => effectiveAccess(await as(t.db, s.w.users.otherTeamAdmin), s.w.otherTeam.name, "trainer"),
      403,
    );
    expect(
      (await effectiveAccess(await as(t.db, s.w.users.orgAdmin), s.w.otherTeam.name, "trainer")).reachable
        .length,
    ).toBeGreaterThan(0);
  });
});
