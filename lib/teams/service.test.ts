// Teams against a real database: naming rules, who creates teams and manages their members, and
// what leaving a team takes away.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, projectMembers, teamMembers, teams } from "@/lib/db/schema";
import { getProjectFor, listProjectMembers } from "@/lib/projects/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import {
  addToOrg,
  addToTeam,
  as,
  expectRefused,
  makeOrg,
  makeProject,
  makeUser,
  makeWorld,
  uniqueName,
} from "@/lib/testing/fixtures";
import {
  addTeamMember,
  changeTeamRole,
  createTeam,
  getTeam,
  listTeamMembers,
  listTeams,
  listTeamsOfUser,
  removeTeamMember,
  setFutureProjectsPrivate,
} from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function teamRoleOf(teamId: string, userId: string) {
  const [row] = await t.db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return row?.role ?? null;
}

async function teamNamed(name: string) {
  return t.db.select({ id: teams.id, orgId: teams.orgId }).from(teams).where(eq(teams.name, name));
}

describe("creating teams", () => {
  it("an org admin creates a team and becomes its admin", async () => {
    const w = await makeWorld(t.db);
    const name = uniqueName("ml");
    const team = await createTeam(await as(t.db, w.users.orgAdmin), w.org.slug, name);
    expect(team).toMatchObject({ name, orgId: w.org.id, orgSlug: w.org.slug, futureProjectsPrivate: false });
    expect(await teamRoleOf(team.id, w.users.orgAdmin.id)).toBe("admin");
    const members = await listTeamMembers(await as(t.db, w.users.orgAdmin), team);
    expect(members.map((m) => [m.username, m.role])).toEqual([[w.users.orgAdmin.username, "admin"]]);
  });

  it("a team created by the operator starts with no members", async () => {
    const org = await makeOrg(t.db);
    const team = await createTeam(t.system, org.slug, uniqueName("ops"));
    expect(await listTeamMembers(t.system, team)).toEqual([]);
    expect(await teamNamed(team.name)).toEqual([{ id: team.id, orgId: org.id }]);
  });

  it.each(["api", "org", "graphql", "settings", "sign-in", "_next", "calls", "server_info"])(
    "the reserved name %s is refused",
    async (name) => {
      const org = await makeOrg(t.db);
      const err = await expectRefused(t.db, () => createTeam(t.system, org.slug, name), 400);
      expect(err.fieldErrors?.name?.join(" ")).toMatch(/reserved/);
    },
  );

  it.each([
    ["a single character", "a"],
    ["uppercase letters", "ML-Team"],
    ["a leading dash", "-ml"],
    ["a space", "ml team"],
    ["a dot", "ml.team"],
    ["64 characters", "a".repeat(64)],
  ])("a name with %s is refused", async (_what, name) => {
    const org = await makeOrg(t.db);
    const err = await expectRefused(t.db, () => createTeam(t.system, org.slug, name), 400);
    expect(err.fieldErrors?.name?.length).toBeGreaterThan(0);
  });

  it("names of 2 and 63 characters, with digits, '-' and '_', are accepted", async () => {
    const org = await makeOrg(t.db);
    const long = uniqueName("x_y").padEnd(63, "0");
    expect((await createTeam(t.system, org.slug, "q9")).name).toBe("q9");
    expect((await createTeam(t.system, org.slug, long)).name).toBe(long);
  });

  it("a name already taken, even by another org's team, is a conflict", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const err = await expectRefused(t.db, () => createTeam(admin, w.org.slug, w.team.name), 409);
    expect(err.message).toContain(w.team.name);
    await expectRefused(t.db, () => createTeam(admin, w.org.slug, w.outsiderTeam.name), 409);
    expect(await teamNamed(w.outsiderTeam.name)).toEqual([{ id: w.outsiderTeam.id, orgId: w.otherOrg.id }]);
  });

  it("an org member, even a team admin, cannot create teams", async () => {
    const w = await makeWorld(t.db);
    const name = uniqueName("nope");
    for (const who of [w.users.teamAdmin, w.users.member, w.users.viewer]) {
      await expectRefused(t.db, async () => createTeam(await as(t.db, who), w.org.slug, name), 403);
    }
    expect(await teamNamed(name)).toEqual([]);
  });

  it("another org's admin cannot create a team there and is told the org does not exist", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () => createTeam(await as(t.db, w.users.outsider), w.org.slug, uniqueName("sneaky")),
      404,
    );
  });

  it("a team in an unknown org answers not found", async () => {
    await expectRefused(t.db, () => createTeam(t.system, uniqueName("nowhere"), uniqueName("t")), 404);
  });
});

describe("seeing teams", () => {
  it("the org's teams list with member and project counts", async () => {
    const w = await makeWorld(t.db);
    await makeProject(t.db, w.team);
    const list = await listTeams(await as(t.db, w.users.orgViewer), w.org);
    expect(list.map((x) => [x.name, x.memberCount, x.projectCount])).toEqual(
      [
        [w.team.name, 3, 1],
        [w.otherTeam.name, 1, 0],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  });

  it("another org's user is told the team does not exist", async () => {
    const w = await makeWorld(t.db);
    await expect(getTeam(await as(t.db, w.users.outsider), w.team.name)).rejects.toMatchObject({
      status: 404,
    });
    expect((await getTeam(await as(t.db, w.users.orgViewer), w.team.name)).id).toBe(w.team.id);
  });

  it("a user's teams list with their role in each", async () => {
    const w = await makeWorld(t.db);
    expect((await listTeamsOfUser(t.db, w.users.viewer.id)).map((x) => [x.name, x.role])).toEqual([
      [w.team.name, "viewer"],
    ]);
  });
});

describe("adding team members", () => {
  it("a team admin adds an org member with a role", async () => {
    const w = await makeWorld(t.db);
    const result = await addTeamMember(
      await as(t.db, w.users.teamAdmin),
      w.team.name,
      w.users.orgViewer.username,
      "viewer",
    );
    expect(result).toEqual({ username: w.users.orgViewer.username, role: "viewer" });
    expect(await teamRoleOf(w.team.id, w.users.orgViewer.id)).toBe("viewer");
  });

  it("an org admin who is not in the team adds members too, by email", async () => {
    const w = await makeWorld(t.db);
    await addTeamMember(
      await as(t.db, w.users.orgAdmin),
      w.team.name,
      w.users.otherTeamAdmin.email,
      "member",
    );
    expect(await teamRoleOf(w.team.id, w.users.otherTeamAdmin.id)).toBe("member");
  });

  it("someone outside the org must join the org first", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      async () =>
        addTeamMember(await as(t.db, w.users.teamAdmin), w.team.name, w.users.outsider.username, "member"),
      400,
    );
    expect(err.message).toMatch(/add them to the organization first/);
  });

  it("adding someone already in the team is a conflict and keeps their role", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      () => addTeamMember(t.system, w.team.name, w.users.viewer.username, "admin"),
      409,
    );
    expect(await teamRoleOf(w.team.id, w.users.viewer.id)).toBe("viewer");
  });

  it("a bad role, an unknown user or an unknown team is refused", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      () => addTeamMember(t.system, w.team.name, w.users.orgViewer.username, "boss"),
      400,
    );
    await expectRefused(t.db, () => addTeamMember(t.system, w.team.name, uniqueName("ghost"), "member"), 404);
    await expectRefused(
      t.db,
      () => addTeamMember(t.system, uniqueName("noteam"), w.users.orgViewer.username, "member"),
      404,
    );
  });

  it("a team member or viewer cannot add members", async () => {
    const w = await makeWorld(t.db);
    for (const who of [w.users.member, w.users.viewer]) {
      await expectRefused(
        t.db,
        async () => addTeamMember(await as(t.db, who), w.team.name, w.users.orgViewer.username, "viewer"),
        403,
      );
    }
  });

  it("another team's admin cannot add members to this team, not even themselves", async () => {
    const w = await makeWorld(t.db);
    const otherAdmin = await as(t.db, w.users.otherTeamAdmin);
    await expectRefused(
      t.db,
      () => addTeamMember(otherAdmin, w.team.name, w.users.otherTeamAdmin.username, "admin"),
      403,
    );
    expect(await teamRoleOf(w.team.id, w.users.otherTeamAdmin.id)).toBeNull();
  });

  it("another org's admin cannot add members and is told the team does not exist", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () =>
        addTeamMember(await as(t.db, w.users.outsider), w.team.name, w.users.orgViewer.username, "admin"),
      404,
    );
  });
});

describe("changing team roles", () => {
  it("a team admin promotes a member, who may then manage members", async () => {
    const w = await makeWorld(t.db);
    await changeTeamRole(await as(t.db, w.users.teamAdmin), w.team.name, w.users.member.username, "admin");
    expect(await teamRoleOf(w.team.id, w.users.member.id)).toBe("admin");
    await addTeamMember(await as(t.db, w.users.member), w.team.name, w.users.orgViewer.username, "viewer");
    expect(await teamRoleOf(w.team.id, w.users.orgViewer.id)).toBe("viewer");
  });

  it("a member cannot promote themselves, and someone outside the team cannot be given a role", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () =>
        changeTeamRole(await as(t.db, w.users.member), w.team.name, w.users.member.username, "admin"),
      403,
    );
    await expectRefused(
      t.db,
      () => changeTeamRole(t.system, w.team.name, w.users.orgViewer.username, "admin"),
      404,
    );
    await expectRefused(
      t.db,
      () => changeTeamRole(t.system, w.team.name, w.users.member.username, "boss"),
      400,
    );
  });
});

describe("removing team members", () => {
  it("removal takes the member off the team's restricted project lists, and keeps their listings elsewhere", async () => {
    const w = await makeWorld(t.db);
    await addToTeam(t.db, w.otherTeam, w.users.member, "member");
    const here = await makeProject(t.db, w.team, { visibility: "restricted", listed: [w.users.member] });
    const there = await makeProject(t.db, w.otherTeam, {
      visibility: "restricted",
      listed: [w.users.member],
    });

    await removeTeamMember(await as(t.db, w.users.teamAdmin), w.team.name, w.users.member.username);

    expect(await teamRoleOf(w.team.id, w.users.member.id)).toBeNull();
    expect(await teamRoleOf(w.otherTeam.id, w.users.member.id)).toBe("member");
    const listings = await t.db
      .select({ projectId: projectMembers.projectId })
      .from(projectMembers)
      .where(eq(projectMembers.userId, w.users.member.id));
    expect(listings.map((l) => l.projectId)).toEqual([there.id]);
    expect(
      await listProjectMembers(t.db, await getProjectFor(t.system, w.team.name, here.name, "project.read")),
    ).toEqual([]);
  });

  it("a team member cannot remove others, nor can another team's admin", async () => {
    const w = await makeWorld(t.db);
    for (const who of [w.users.member, w.users.viewer, w.users.otherTeamAdmin]) {
      await expectRefused(
        t.db,
        async () => removeTeamMember(await as(t.db, who), w.team.name, w.users.teamAdmin.username),
        403,
      );
    }
    await expectRefused(
      t.db,
      async () => removeTeamMember(await as(t.db, w.users.outsider), w.team.name, w.users.member.username),
      404,
    );
    expect(await teamRoleOf(w.team.id, w.users.teamAdmin.id)).toBe("admin");
  });

  it("removing someone who is not in the team answers not found", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      () => removeTeamMember(t.system, w.team.name, w.users.orgViewer.username),
      404,
    );
    expect(err.message).toContain("not a member");
  });

  it("an org admin not in the team removes a member", async () => {
    const w = await makeWorld(t.db);
    const extra = await makeUser(t.db);
    await addToOrg(t.db, w.org, extra, "member");
    await addToTeam(t.db, w.team, extra, "member");
    await removeTeamMember(await as(t.db, w.users.orgAdmin), w.team.name, extra.username);
    expect(await teamRoleOf(w.team.id, extra.id)).toBeNull();
  });
});

describe('the team setting "Make all future projects private"', () => {
  it("an org admin turns it on and off; each change is audited with before and after", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    expect((await setFutureProjectsPrivate(admin, w.team.name, true)).futureProjectsPrivate).toBe(true);
    expect((await getTeam(admin, w.team.name)).futureProjectsPrivate).toBe(true);
    await setFutureProjectsPrivate(admin, w.team.name, false);
    expect((await getTeam(admin, w.team.name)).futureProjectsPrivate).toBe(false);
    const events = await t.db
      .select({ action: auditEvents.action, details: auditEvents.details, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, w.team.id), eq(auditEvents.action, "team:update_settings")))
      .orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.details)).toEqual([
      { futureProjectsPrivate: { before: false, after: true } },
      { futureProjectsPrivate: { before: true, after: false } },
    ]);
    expect(events.every((e) => e.actorId === w.users.orgAdmin.id)).toBe(true);
  });

  it("the team's own admin and members are refused (403); another org's admin is told it does not exist", async () => {
    const w = await makeWorld(t.db);
    for (const who of [w.users.teamAdmin, w.users.member, w.users.viewer, w.users.otherTeamAdmin]) {
      const err = await expectRefused(
        t.db,
        async () => setFutureProjectsPrivate(await as(t.db, who), w.team.name, true),
        403,
      );
      expect(err.message).toMatch(/only org admins may change the team's settings/i);
    }
    await expectRefused(
      t.db,
      async () => setFutureProjectsPrivate(await as(t.db, w.users.outsider), w.team.name, true),
      404,
    );
  });
});
