// Effective access against a real database: what each kind of service account reaches and why, what
// is shown out of its reach, who may look, and that the view agrees with the policy on real projects.

import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "@/lib/access";
import { projectServiceAccounts, projects } from "@/lib/db/schema";
import { addProjectServiceAccount, findProject, projectResource } from "@/lib/projects/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeProject, makeWorld } from "@/lib/testing/fixtures";
import { type AccessQuery, effectiveAccess, principalOfServiceAccount } from "./effective-access";
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

/** Both lists whole (one big page each: the test database holds other tests' open projects too). */
async function allAccess(
  ctx: Parameters<typeof effectiveAccess>[0],
  team: string,
  name: string,
  query: AccessQuery = {},
) {
  const access = await effectiveAccess(ctx, team, name, { pageSize: 100_000, ...query });
  return { ...access, reachable: access.reachable.items, unreachable: access.unreachable.items };
}

const entryOf = (access: Awaited<ReturnType<typeof allAccess>>, project: { name: string }) =>
  [...access.reachable, ...access.unreachable].find((e) => e.project === project.name);

describe("effective access of a service account", () => {
  it("a team service account reaches its team's projects, and open or public ones elsewhere", async () => {
    const s = await setting();
    const access = await allAccess(t.system, s.w.team.name, "ci");
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
    const access = await allAccess(t.system, s.w.team.name, "ci");
    expect(entryOf(access, s.own.restricted)).toMatchObject({
      read: true,
      write: true,
      reason: expect.stringMatching(/listed as a member/),
    });
    expect(access.unreachable.map((e) => e.project)).not.toContain(s.own.restricted.name);
  });

  it("an org service account reaches every non-restricted project of its org", async () => {
    const s = await setting();
    const access = await allAccess(t.system, s.w.otherTeam.name, "trainer");
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
    const access = await allAccess(t.system, s.w.team.name, "ci");
    expect(access.reachable).toEqual([]);
    expect(access.unreachable).toEqual([]);
  });

  it("filters by project name, case-insensitively, with LIKE characters taken literally", async () => {
    const s = await setting();
    const access = await allAccess(t.system, s.w.team.name, "ci", { search: s.own.team.name.toUpperCase() });
    expect([...access.reachable, ...access.unreachable].map((e) => e.project)).toEqual([s.own.team.name]);
    const none = await allAccess(t.system, s.w.team.name, "ci", { search: "%" });
    expect([...none.reachable, ...none.unreachable]).toEqual([]);
  });

  it("agrees with the policy on each real project, with its real member lists", async () => {
    const s = await setting();
    // Listed on restricted projects of its own team, and (written directly: the service refuses it)
    // of another team and another org, where the policy says the listing does not count.
    await addProjectServiceAccount(t.system, s.w.team.name, s.own.restricted.name, `${s.w.team.name}/ci`);
    await addProjectServiceAccount(
      t.system,
      s.w.team.name,
      s.own.restricted.name,
      `${s.w.otherTeam.name}/trainer`,
    );
    await t.db.insert(projectServiceAccounts).values([
      { projectId: s.other.restricted.id, serviceAccountId: s.teamSa.id },
      { projectId: s.foreign.restricted.id, serviceAccountId: s.teamSa.id },
      { projectId: s.foreign.restricted.id, serviceAccountId: s.orgSa.id },
    ]);
    const worldTeams = [s.w.team, s.w.otherTeam, s.w.outsiderTeam];
    const worldProjects = await t.db
      .select()
      .from(projects)
      .where(
        inArray(
          projects.teamId,
          worldTeams.map((team) => team.id),
        ),
      );
    expect(worldProjects).toHaveLength(12);
    for (const sa of [s.teamSa, s.orgSa]) {
      const access = await allAccess(t.system, sa.teamName, sa.name);
      const principal = principalOfServiceAccount(sa);
      for (const row of worldProjects) {
        const team = worldTeams.find((x) => x.id === row.teamId)!;
        const resource = projectResource((await findProject(t.db, team, row.name))!);
        const entry = entryOf(access, row);
        expect([entry?.read ?? false, entry?.write ?? false], `${sa.name} on ${row.name}`).toEqual([
          can(principal, "project.read", resource).allowed,
          can(principal, "project.write", resource).allowed,
        ]);
        if (entry) expect(entry.reason).toBe(can(principal, "project.read", resource).reason);
      }
    }
  });

  it("counts and pages both lists in the database: own team first, then by team and project name", async () => {
    const s = await setting();
    for (let i = 0; i < 5; i++) {
      await makeProject(t.db, s.w.team, { visibility: "team" });
      await makeProject(t.db, s.w.otherTeam, { visibility: "team" });
    }
    // Listings are counted apart from the projects: one that counts, two that do not.
    await addProjectServiceAccount(t.system, s.w.team.name, s.own.restricted.name, `${s.w.team.name}/ci`);
    await t.db.insert(projectServiceAccounts).values([
      { projectId: s.other.restricted.id, serviceAccountId: s.teamSa.id },
      { projectId: s.foreign.open.id, serviceAccountId: s.teamSa.id },
    ]);
    for (const [name, search] of [
      ["ci", ""],
      ["ci", "proj"],
      ["trainer", ""],
    ] as const) {
      const sa = name === "ci" ? s.teamSa : s.orgSa;
      const whole = await allAccess(t.system, sa.teamName, name, { search });
      const counted = await effectiveAccess(t.system, sa.teamName, name, { search, pageSize: 1 });
      expect([counted.reachable.total, counted.reachable.writes, counted.unreachable.total], name).toEqual([
        whole.reachable.length,
        whole.reachable.filter((e) => e.write).length,
        whole.unreachable.length,
      ]);
    }

    const whole = await allAccess(t.system, s.w.team.name, "ci");
    const pageSize = 3;
    const first = await effectiveAccess(t.system, s.w.team.name, "ci", { pageSize });
    expect(first.reachable.total).toBe(whole.reachable.length);
    expect(first.reachable.writes).toBe(whole.reachable.filter((e) => e.write).length);
    expect(first.unreachable.total).toBe(whole.unreachable.length);
    expect(first.reachable.pages).toBe(Math.ceil(whole.reachable.length / pageSize));

    // Walking every page gives the whole list in the same order, each project once.
    const walked = [];
    for (let page = 1; page <= first.reachable.pages; page++) {
      const slice = (await effectiveAccess(t.system, s.w.team.name, "ci", { pageSize, page })).reachable;
      expect(slice.from).toBe((page - 1) * pageSize + 1);
      walked.push(...slice.items);
    }
    expect(walked.map((e) => e.projectId)).toEqual(whole.reachable.map((e) => e.projectId));
    const ownTeam = walked.findLastIndex((e) => e.team === s.w.team.name);
    expect(walked.slice(0, ownTeam + 1).every((e) => e.team === s.w.team.name)).toBe(true);
    const others = walked.slice(ownTeam + 1).map((e) => [e.team, e.project].join("/"));
    expect(others).toEqual([...others].sort());

    // A page past the end shows the last one; nonsense shows the first.
    const last = await effectiveAccess(t.system, s.w.team.name, "ci", { pageSize, outPage: 999 });
    expect(last.unreachable.page).toBe(last.unreachable.pages);
    expect(last.unreachable.items.length).toBeGreaterThan(0);
    const nonsense = await effectiveAccess(t.system, s.w.team.name, "ci", { pageSize, page: -4 });
    expect(nonsense.reachable.page).toBe(1);
  });
});

describe("who may see a service account's effective access", () => {
  it("its team's admins and the org's admins; others are told it does not exist", async () => {
    const s = await setting();
    for (const who of [s.w.users.teamAdmin, s.w.users.orgAdmin]) {
      const access = await allAccess(await as(t.db, who), s.w.team.name, "ci");
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
        .total,
    ).toBeGreaterThan(0);
  });
});
