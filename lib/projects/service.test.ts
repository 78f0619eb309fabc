// Projects against a real database: who creates them, what each principal sees in a team's list,
// and who may change visibility or a restricted project's member list.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Visibility } from "@/lib/access/types";
import type { Ctx } from "@/lib/context";
import { auditEvents, projectMembers, projectServiceAccounts, projects, teams } from "@/lib/db/schema";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { setFutureProjectsPrivate } from "@/lib/teams/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import {
  addToOrg,
  addToTeam,
  as,
  expectRefused,
  makeProject,
  makeUser,
  makeWorld,
  uniqueName,
} from "@/lib/testing/fixtures";
import {
  addProjectMember,
  createProject,
  getProjectFor,
  listProjectMembers,
  listProjects,
  removeProjectMember,
  setProjectVisibility,
} from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function projectRow(teamId: string, name: string) {
  const [row] = await t.db
    .select({ id: projects.id, visibility: projects.visibility, ownerId: projects.ownerId })
    .from(projects)
    .where(and(eq(projects.teamId, teamId), eq(projects.name, name)));
  return row ?? null;
}

async function listedUserIds(projectId: string) {
  const rows = await t.db
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(eq(projectMembers.projectId, projectId));
  return rows.map((r) => r.userId).sort();
}

describe("creating projects", () => {
  it("a team member creates a project, owns it, and it is team-visible by default", async () => {
    const w = await makeWorld(t.db);
    const name = uniqueName("Train.v2");
    const project = await createProject(await as(t.db, w.users.member), w.team.name, { name });
    expect(project).toMatchObject({ name, visibility: "team", ownerId: w.users.member.id });
    expect(await projectRow(w.team.id, name)).toEqual({
      id: project.id,
      visibility: "team",
      ownerId: w.users.member.id,
    });
  });

  it("a restricted project lists its creator, who alone of the team reads it", async () => {
    const w = await makeWorld(t.db);
    const name = uniqueName("secret");
    const admin = await as(t.db, w.users.teamAdmin);
    const project = await createProject(admin, w.team.name, { name, visibility: "restricted" });
    expect(await projectRow(w.team.id, name)).toMatchObject({
      visibility: "restricted",
      ownerId: w.users.teamAdmin.id,
    });
    expect(await listedUserIds(project.id)).toEqual([w.users.teamAdmin.id]);
    expect((await listProjects(admin, w.team)).map((p) => p.name)).toEqual([name]);
    expect(await listProjects(await as(t.db, w.users.member), w.team)).toEqual([]);
  });

  it("a restricted project is created with its first members, each audited, in one transaction", async () => {
    const w = await makeWorld(t.db);
    await createServiceAccount(t.system, { scope: "team", team: w.team.name, name: "ci" });
    await createServiceAccount(t.system, { scope: "team", team: w.otherTeam.name, name: "etl" });
    const member = await as(t.db, w.users.member);
    const name = uniqueName("p");
    const project = await createProject(member, w.team.name, {
      name,
      visibility: "restricted",
      members: {
        users: [w.users.viewer.username, w.users.orgAdmin.username],
        serviceAccounts: [`${w.team.name}/ci`],
      },
    });
    expect(new Set(project.restrictedMembers.userIds)).toEqual(
      new Set([w.users.member.id, w.users.viewer.id, w.users.orgAdmin.id]),
    );
    expect(project.restrictedMembers.serviceAccountIds).toHaveLength(1);
    const listedAccounts = await t.db
      .select()
      .from(projectServiceAccounts)
      .where(eq(projectServiceAccounts.projectId, project.id));
    expect(listedAccounts).toHaveLength(1);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.projectId, project.id));
    expect(events.map((e) => e.action).sort()).toEqual([
      "project:add_member",
      "project:add_member",
      "project:add_member",
      "team:create_project",
    ]);

    // One member who may not be listed, and nothing is created at all.
    for (const members of [
      { users: [w.users.otherTeamAdmin.username] },
      { serviceAccounts: [`${w.otherTeam.name}/etl`] },
      { users: ["nobody-at-all"] },
    ]) {
      const next = uniqueName("p");
      await expectRefused(
        t.db,
        () => createProject(member, w.team.name, { name: next, visibility: "restricted", members }),
        members.users?.[0] === "nobody-at-all" ? 404 : 400,
      );
    }
    // Members only make sense on a restricted project.
    const err = await expectRefused(
      t.db,
      () =>
        createProject(member, w.team.name, {
          name: uniqueName("p"),
          visibility: "team",
          members: { users: [w.users.viewer.username] },
        }),
      400,
    );
    expect(err.fieldErrors?.members).toBeDefined();
  });

  it("a team viewer cannot create projects (403, naming the rule)", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      async () => createProject(await as(t.db, w.users.viewer), w.team.name, { name: uniqueName("p") }),
      403,
    );
    expect(err.message).toMatch(/team admins and team members/);
  });

  it("an org admin who is not in the team is refused, as is another team's admin", async () => {
    const w = await makeWorld(t.db);
    for (const who of [w.users.orgAdmin, w.users.otherTeamAdmin, w.users.orgViewer]) {
      await expectRefused(
        t.db,
        async () => createProject(await as(t.db, who), w.team.name, { name: uniqueName("p") }),
        403,
      );
    }
  });

  it("another org's user is told the team does not exist", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () => createProject(await as(t.db, w.users.outsider), w.team.name, { name: uniqueName("p") }),
      404,
    );
  });

  it("while future projects are private, only team and restricted may be chosen", async () => {
    const w = await makeWorld(t.db);
    await t.db.update(teams).set({ futureProjectsPrivate: true }).where(eq(teams.id, w.team.id));
    const member = await as(t.db, w.users.member);
    for (const visibility of ["open", "public"]) {
      const err = await expectRefused(
        t.db,
        () => createProject(member, w.team.name, { name: uniqueName("p"), visibility }),
        400,
      );
      expect(err.fieldErrors?.visibility?.length).toBeGreaterThan(0);
    }
    for (const visibility of ["team", "restricted"] as const) {
      const name = uniqueName("p");
      await createProject(member, w.team.name, { name, visibility });
      expect(await projectRow(w.team.id, name)).toMatchObject({ visibility });
    }
    // The setting is the team's alone: its other teams are not affected.
    await addToTeam(t.db, w.otherTeam, w.users.member, "member");
    const name = uniqueName("p");
    await createProject(await as(t.db, w.users.member), w.otherTeam.name, { name, visibility: "open" });
    expect(await projectRow(w.otherTeam.id, name)).toMatchObject({ visibility: "open" });
  });

  it.each(["settings", "service-accounts", "users"])(
    "the reserved project name %s is refused",
    async (name) => {
      const w = await makeWorld(t.db);
      const err = await expectRefused(t.db, () => createProject(t.system, w.team.name, { name }), 400);
      expect(err.fieldErrors?.name?.join(" ")).toMatch(/reserved/);
    },
  );

  it.each([
    ["a leading dot", ".hidden"],
    ["a space", "my project"],
    ["a slash", "a/b"],
    ["129 characters", "p".repeat(129)],
    ["nothing", ""],
  ])("a project name with %s is refused", async (_what, name) => {
    const w = await makeWorld(t.db);
    await expectRefused(t.db, () => createProject(t.system, w.team.name, { name }), 400);
  });

  it("names with capitals, dots and underscores, of 1 to 128 characters, are accepted", async () => {
    const w = await makeWorld(t.db);
    for (const name of ["X", "My.Model_v2-final", `A${"b".repeat(127)}`]) {
      expect((await createProject(t.system, w.team.name, { name })).name).toBe(name);
      expect(await projectRow(w.team.id, name)).not.toBeNull();
    }
  });

  it("a duplicate name in the same team is a conflict; the same name in another team is fine", async () => {
    const w = await makeWorld(t.db);
    const first = await makeProject(t.db, w.team);
    const err = await expectRefused(
      t.db,
      async () => createProject(await as(t.db, w.users.member), w.team.name, { name: first.name }),
      409,
    );
    expect(err.message).toContain(first.name);
    await createProject(t.system, w.otherTeam.name, { name: first.name });
    expect(await projectRow(w.otherTeam.id, first.name)).not.toBeNull();
  });

  it("an unknown visibility is refused", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      () => createProject(t.system, w.team.name, { name: uniqueName("p"), visibility: "secret" }),
      400,
    );
  });

  it("the operator names an owner who must be a member or admin of the team; without one the team owns it", async () => {
    const w = await makeWorld(t.db);
    const owned = await createProject(t.system, w.team.name, {
      name: uniqueName("p"),
      owner: w.users.member.username,
    });
    expect(owned.ownerId).toBe(w.users.member.id);
    // a viewer never writes, so a viewer cannot own a project either
    await expectRefused(
      t.db,
      () => createProject(t.system, w.team.name, { name: uniqueName("p"), owner: w.users.viewer.username }),
      400,
    );
    const teamOwned = await createProject(t.system, w.team.name, { name: uniqueName("p") });
    expect((await projectRow(w.team.id, teamOwned.name))?.ownerId).toBeNull();
    await expectRefused(
      t.db,
      () => createProject(t.system, w.team.name, { name: uniqueName("p"), owner: w.users.orgAdmin.username }),
      400,
    );
    await expectRefused(
      t.db,
      () => createProject(t.system, w.team.name, { name: uniqueName("p"), owner: uniqueName("ghost") }),
      404,
    );
  });
});

describe("listing a team's projects", () => {
  async function world() {
    const w = await makeWorld(t.db);
    // Owned by the team alone: a restricted project lists its owner, which would blur what is tested.
    const make = (visibility: Visibility, listed: (typeof w.users.member)[] = []) =>
      makeProject(t.db, w.team, { visibility, listed });
    const p = {
      open: await make("open"),
      public: await make("public"),
      team: await make("team"),
      restrictedForMember: await make("restricted", [w.users.member]),
      restrictedForViewer: await make("restricted", [w.users.viewer]),
    };
    const names = async (ctx: Ctx) => (await listProjects(ctx, w.team)).map((x) => x.name).sort();
    const expected = (...keys: (keyof typeof p)[]) => keys.map((k) => p[k].name).sort();
    return { ...w, p, names, expected };
  }

  it("a team member sees the team's projects, and restricted ones only where listed", async () => {
    const w = await world();
    expect(await w.names(await as(t.db, w.users.member))).toEqual(
      w.expected("open", "public", "team", "restrictedForMember"),
    );
  });

  it("a team viewer sees the team's projects, and restricted ones only where listed", async () => {
    const w = await world();
    expect(await w.names(await as(t.db, w.users.viewer))).toEqual(
      w.expected("open", "public", "team", "restrictedForViewer"),
    );
  });

  it("the team's admin and an org admin not in the team see no restricted project they are not listed on", async () => {
    const w = await world();
    for (const who of [w.users.teamAdmin, w.users.orgAdmin]) {
      expect(await w.names(await as(t.db, who))).toEqual(w.expected("open", "public", "team"));
    }
  });

  it("people outside the team, another org's users and anonymous visitors see only open and public", async () => {
    const w = await world();
    for (const who of [w.users.otherTeamAdmin, w.users.orgViewer, w.users.outsider]) {
      expect(await w.names(await as(t.db, who))).toEqual(w.expected("open", "public"));
    }
    expect(await w.names({ db: t.db, actor: { kind: "anonymous" } })).toEqual(w.expected("open", "public"));
  });

  it("a listing shows up on the member's next request", async () => {
    const w = await world();
    await addProjectMember(t.system, w.team.name, w.p.restrictedForViewer.name, w.users.member.username);
    expect(await w.names(await as(t.db, w.users.member))).toEqual(
      w.expected("open", "public", "team", "restrictedForMember", "restrictedForViewer"),
    );
  });
});

describe("changing a project's visibility", () => {
  async function world() {
    const w = await makeWorld(t.db);
    const owned = await makeProject(t.db, w.team, { visibility: "team", owner: w.users.member });
    const notMine = await makeProject(t.db, w.team, { visibility: "team", owner: w.users.teamAdmin });
    return { ...w, owned, notMine };
  }

  it("the owner, a plain member, changes their own project's visibility", async () => {
    const w = await world();
    const result = await setProjectVisibility(
      await as(t.db, w.users.member),
      w.team.name,
      w.owned.name,
      "public",
    );
    expect(result.visibility).toBe("public");
    expect((await projectRow(w.team.id, w.owned.name))?.visibility).toBe("public");
  });

  it("while the team keeps projects private, only team and restricted may be chosen; restricted -> team stays allowed", async () => {
    const w = await world();
    const open = await makeProject(t.db, w.team, { visibility: "open", owner: w.users.member });
    await setFutureProjectsPrivate(await as(t.db, w.users.orgAdmin), w.team.name, true);
    const owner = await as(t.db, w.users.member);
    for (const visibility of ["open", "public"]) {
      const err = await expectRefused(
        t.db,
        () => setProjectVisibility(owner, w.team.name, w.owned.name, visibility),
        400,
      );
      expect(err.fieldErrors?.visibility?.join(" ")).toMatch(/team or restricted/);
    }
    // The org admin is bound by it too: the rule is the team's, not a role's.
    await expectRefused(
      t.db,
      async () => setProjectVisibility(await as(t.db, w.users.orgAdmin), w.team.name, w.owned.name, "open"),
      400,
    );
    await setProjectVisibility(owner, w.team.name, w.owned.name, "restricted");
    await setProjectVisibility(owner, w.team.name, w.owned.name, "team");
    expect((await projectRow(w.team.id, w.owned.name))?.visibility).toBe("team");
    // An open project keeps what it has until someone makes it team or restricted.
    expect((await projectRow(w.team.id, open.name))?.visibility).toBe("open");
    await expectRefused(t.db, () => setProjectVisibility(owner, w.team.name, open.name, "public"), 400);
    await setProjectVisibility(owner, w.team.name, open.name, "team");
    // Turned off again: any visibility.
    await setFutureProjectsPrivate(await as(t.db, w.users.orgAdmin), w.team.name, false);
    await setProjectVisibility(owner, w.team.name, open.name, "public");
    expect((await projectRow(w.team.id, open.name))?.visibility).toBe("public");
  });

  it("the team's admin and an org admin not in the team change any project's visibility", async () => {
    const w = await world();
    await setProjectVisibility(await as(t.db, w.users.teamAdmin), w.team.name, w.owned.name, "restricted");
    expect((await projectRow(w.team.id, w.owned.name))?.visibility).toBe("restricted");
    await setProjectVisibility(await as(t.db, w.users.orgAdmin), w.team.name, w.owned.name, "open");
    expect((await projectRow(w.team.id, w.owned.name))?.visibility).toBe("open");
  });

  it("a plain member who is not the owner is refused, as is a team viewer", async () => {
    const w = await world();
    for (const who of [w.users.member, w.users.viewer]) {
      const err = await expectRefused(
        t.db,
        async () => setProjectVisibility(await as(t.db, who), w.team.name, w.notMine.name, "open"),
        403,
      );
      expect(err.message).toMatch(/owner/);
    }
    expect((await projectRow(w.team.id, w.notMine.name))?.visibility).toBe("team");
  });

  it("another team's admin is refused, and learns nothing of a project they cannot read", async () => {
    const w = await world();
    const otherAdmin = await as(t.db, w.users.otherTeamAdmin);
    const err = await expectRefused(
      t.db,
      () => setProjectVisibility(otherAdmin, w.team.name, w.notMine.name, "open"),
      404,
    );
    expect(err.message).toBe("Not found.");
    const shown = await makeProject(t.db, w.team, { visibility: "public" });
    await expectRefused(t.db, () => setProjectVisibility(otherAdmin, w.team.name, shown.name, "open"), 403);
  });

  it("another org's admin is refused", async () => {
    const w = await world();
    await expectRefused(
      t.db,
      async () => setProjectVisibility(await as(t.db, w.users.outsider), w.team.name, w.notMine.name, "open"),
      404,
    );
    const open = await makeProject(t.db, w.team, { visibility: "open" });
    await expectRefused(
      t.db,
      async () => setProjectVisibility(await as(t.db, w.users.outsider), w.team.name, open.name, "team"),
      403,
    );
  });

  it("an unknown visibility or project is refused", async () => {
    const w = await world();
    await expectRefused(t.db, () => setProjectVisibility(t.system, w.team.name, w.owned.name, "hidden"), 400);
    await expectRefused(
      t.db,
      () => setProjectVisibility(t.system, w.team.name, uniqueName("nope"), "open"),
      404,
    );
    await expectRefused(
      t.db,
      () => setProjectVisibility(t.system, uniqueName("noteam"), w.owned.name, "open"),
      404,
    );
  });
});

describe("a restricted project's member list", () => {
  async function world() {
    const w = await makeWorld(t.db);
    const teammate = await makeUser(t.db);
    await addToOrg(t.db, w.org, teammate, "member");
    await addToTeam(t.db, w.team, teammate, "member");
    // A restricted project lists its owner from the start.
    const owned = await makeProject(t.db, w.team, { visibility: "restricted", owner: w.users.member });
    const notMine = await makeProject(t.db, w.team, {
      visibility: "restricted",
      owner: w.users.teamAdmin,
      listed: [w.users.member],
    });
    return { ...w, teammate, owned, notMine };
  }

  it("the owner, a plain member, lists and unlists a teammate on their project", async () => {
    const w = await world();
    const owner = await as(t.db, w.users.member);
    expect(await addProjectMember(owner, w.team.name, w.owned.name, w.teammate.username)).toEqual({
      username: w.teammate.username,
    });
    expect(await listedUserIds(w.owned.id)).toEqual([w.users.member.id, w.teammate.id].sort());
    const project = await getProjectFor(owner, w.team.name, w.owned.name, "project.read");
    expect((await listProjectMembers(t.db, project)).map((m) => m.username).sort()).toEqual(
      [w.users.member.username, w.teammate.username].sort(),
    );
    await removeProjectMember(owner, w.team.name, w.owned.name, w.teammate.username);
    expect(await listedUserIds(w.owned.id)).toEqual([w.users.member.id]);
  });

  it("the team's admin and an org admin not in the team manage the list of any project", async () => {
    const w = await world();
    await addProjectMember(
      await as(t.db, w.users.teamAdmin),
      w.team.name,
      w.owned.name,
      w.users.viewer.username,
    );
    expect(await listedUserIds(w.owned.id)).toContain(w.users.viewer.id);
    await removeProjectMember(
      await as(t.db, w.users.orgAdmin),
      w.team.name,
      w.owned.name,
      w.users.viewer.username,
    );
    expect(await listedUserIds(w.owned.id)).not.toContain(w.users.viewer.id);
    await addProjectMember(
      await as(t.db, w.users.orgAdmin),
      w.team.name,
      w.notMine.name,
      w.teammate.username,
    );
    expect(await listedUserIds(w.notMine.id)).toContain(w.teammate.id);
  });

  it("a listed plain member who is not the owner cannot change the list (403)", async () => {
    const w = await world();
    const member = await as(t.db, w.users.member);
    await expectRefused(
      t.db,
      () => addProjectMember(member, w.team.name, w.notMine.name, w.teammate.username),
      403,
    );
    await expectRefused(
      t.db,
      () => removeProjectMember(member, w.team.name, w.notMine.name, w.users.member.username),
      403,
    );
  });

  it("an unlisted member, another team's admin and another org's admin are told it does not exist", async () => {
    const w = await world();
    for (const who of [w.teammate, w.users.viewer, w.users.otherTeamAdmin, w.users.outsider]) {
      await expectRefused(
        t.db,
        async () => addProjectMember(await as(t.db, who), w.team.name, w.notMine.name, who.username),
        404,
      );
      await expectRefused(
        t.db,
        async () =>
          removeProjectMember(await as(t.db, who), w.team.name, w.notMine.name, w.users.member.username),
        404,
      );
    }
  });

  it("an org admin outside the team can be listed, and then reads the project's data", async () => {
    const w = await world();
    const orgAdmin = await as(t.db, w.users.orgAdmin);
    await expect(getProjectFor(orgAdmin, w.team.name, w.owned.name, "project.read")).rejects.toMatchObject({
      status: 404,
    });
    await addProjectMember(
      await as(t.db, w.users.member),
      w.team.name,
      w.owned.name,
      w.users.orgAdmin.username,
    );
    expect(await listedUserIds(w.owned.id)).toContain(w.users.orgAdmin.id);
    const project = await getProjectFor(orgAdmin, w.team.name, w.owned.name, "project.read");
    expect(project.id).toBe(w.owned.id);
    expect((await listProjects(orgAdmin, w.team)).map((p) => p.name)).toContain(w.owned.name);
  });

  it("only team members and org admins can be listed; listing twice or unlisting someone not listed is refused", async () => {
    const w = await world();
    for (const who of [w.users.otherTeamAdmin, w.users.orgViewer, w.users.outsider]) {
      const err = await expectRefused(
        t.db,
        () => addProjectMember(t.system, w.team.name, w.owned.name, who.username),
        400,
      );
      expect(err.message).toContain("not a member");
    }
    await expectRefused(
      t.db,
      () => addProjectMember(t.system, w.team.name, w.owned.name, w.users.member.username),
      409,
    );
    await expectRefused(
      t.db,
      () => removeProjectMember(t.system, w.team.name, w.owned.name, w.teammate.username),
      404,
    );
    await expectRefused(
      t.db,
      () => addProjectMember(t.system, w.team.name, w.owned.name, uniqueName("ghost")),
      404,
    );
  });
});
