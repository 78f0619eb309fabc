// Organizations and their members, against a real database: who may add, re-role and remove members,
// the last-admin rule, and what leaving an org takes away.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizationMembers, projectMembers, teamMembers } from "@/lib/db/schema";
import { listProjects } from "@/lib/projects/service";
import { getTeam } from "@/lib/teams/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import {
  addToOrg,
  addToTeam,
  as,
  dbState,
  expectRefused,
  makeOrg,
  makeProject,
  makeTeam,
  makeUser,
  makeWorld,
  PASSWORD,
  uniqueName,
} from "@/lib/testing/fixtures";
import { authenticateUser } from "@/lib/users/service";
import {
  addOrganizationMember,
  changeOrganizationRole,
  createOrganization,
  getOrganization,
  listOrganizationAdminNames,
  listOrganizationMembers,
  listOrganizations,
  removeOrganizationMember,
  setOrganizationPlan,
} from "./service";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

async function orgRoleOf(orgId: string, userId: string) {
  const [row] = await t.db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.orgId, orgId), eq(organizationMembers.userId, userId)));
  return row?.role ?? null;
}

describe("creating organizations and plans", () => {
  it("the operator creates an organization, named after its slug unless a name is given", async () => {
    const slug = uniqueName("acme");
    const org = await createOrganization(t.system, { slug });
    expect(org).toMatchObject({ slug, name: slug, plan: "free" });
    const named = await createOrganization(t.system, {
      slug: uniqueName("co"),
      name: "Co Ltd",
      plan: "enterprise",
    });
    expect(named).toMatchObject({ name: "Co Ltd", plan: "enterprise" });
    const all = await listOrganizations(t.system);
    expect(all.map((o) => o.slug)).toEqual(expect.arrayContaining([slug, named.slug]));
  });

  it("a duplicate slug is a conflict that names the slug", async () => {
    const org = await makeOrg(t.db);
    const err = await expectRefused(t.db, () => createOrganization(t.system, { slug: org.slug }), 409);
    expect(err.message).toContain(org.slug);
  });

  it("an invalid slug or plan is refused with the field to fix", async () => {
    const err = await expectRefused(t.db, () => createOrganization(t.system, { slug: "Not A Slug" }), 400);
    expect(err.fieldErrors?.slug?.length).toBeGreaterThan(0);
    await expectRefused(
      t.db,
      () => createOrganization(t.system, { slug: uniqueName("x"), plan: "gold" as "free" }),
      400,
    );
  });

  it("a signed-in user, even an org admin, cannot create organizations or change plans", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    await expectRefused(t.db, () => createOrganization(admin, { slug: uniqueName("mine") }), 403);
    await expectRefused(t.db, () => setOrganizationPlan(admin, w.org.slug, "free"), 403);
  });

  it("the operator changes an org's plan; an unknown org or plan is refused", async () => {
    const org = await makeOrg(t.db, "free");
    expect(await setOrganizationPlan(t.system, org.slug, "enterprise")).toMatchObject({ plan: "enterprise" });
    expect((await getOrganization(t.system, org.slug)).plan).toBe("enterprise");
    await expectRefused(t.db, () => setOrganizationPlan(t.system, uniqueName("nope"), "free"), 404);
    await expectRefused(t.db, () => setOrganizationPlan(t.system, org.slug, "platinum"), 400);
  });

  it("a user lists only the orgs they belong to, with their role in each", async () => {
    const w = await makeWorld(t.db);
    const orgs = await listOrganizations(await as(t.db, w.users.viewer));
    expect(orgs.map((o) => [o.slug, o.role])).toEqual([[w.org.slug, "viewer"]]);
    expect(await listOrganizations({ db: t.db, actor: { kind: "anonymous" } })).toEqual([]);
  });
});

describe("seeing an organization and its members", () => {
  it("every member, viewers included, lists the members with their roles", async () => {
    const w = await makeWorld(t.db);
    const members = await listOrganizationMembers(await as(t.db, w.users.viewer), w.org);
    const roles = Object.fromEntries(members.map((m) => [m.username, m.role]));
    expect(roles).toEqual({
      [w.users.orgAdmin.username]: "admin",
      [w.users.teamAdmin.username]: "member",
      [w.users.member.username]: "member",
      [w.users.viewer.username]: "viewer",
      [w.users.otherTeamAdmin.username]: "member",
      [w.users.orgViewer.username]: "viewer",
    });
  });

  it("a team admin learns the names of the org's admins, whom to ask", async () => {
    const w = await makeWorld(t.db);
    const second = await makeUser(t.db);
    await addToOrg(t.db, w.org, second, "admin");
    const names = await listOrganizationAdminNames(await as(t.db, w.users.teamAdmin), w.org.slug);
    expect([...names].sort()).toEqual([w.users.orgAdmin.username, second.username].sort());
  });

  it("another org's admin is told the org does not exist", async () => {
    const w = await makeWorld(t.db);
    const outsider = await as(t.db, w.users.outsider);
    await expect(getOrganization(outsider, w.org.slug)).rejects.toMatchObject({ status: 404 });
    await expect(listOrganizationMembers(outsider, w.org)).rejects.toMatchObject({ status: 404 });
    await expect(listOrganizationAdminNames(outsider, w.org.slug)).rejects.toMatchObject({ status: 404 });
  });
});

describe("adding members", () => {
  it("an org admin adds an existing user by username or by email in any case", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const added = await addOrganizationMember(admin, w.org.slug, {
      kind: "existing",
      login: ann.username,
      role: "member",
    });
    expect(added).toMatchObject({ userId: ann.id, username: ann.username, role: "member" });
    await addOrganizationMember(admin, w.org.slug, {
      kind: "existing",
      login: bob.email.toUpperCase(),
      role: "viewer",
    });
    expect(await orgRoleOf(w.org.id, ann.id)).toBe("member");
    expect(await orgRoleOf(w.org.id, bob.id)).toBe("viewer");
  });

  it("an org admin creates a new user as a member, who can then sign in", async () => {
    const w = await makeWorld(t.db);
    const username = uniqueName("new");
    const added = await addOrganizationMember(await as(t.db, w.users.orgAdmin), w.org.slug, {
      kind: "new",
      username,
      email: `${username}@Example.TEST`,
      password: "temporary-pass-1",
      role: "member",
    });
    expect(added).toMatchObject({ username, email: `${username}@example.test`, role: "member" });
    expect(await orgRoleOf(w.org.id, added.userId)).toBe("member");
    expect(await authenticateUser(t.db, username, "temporary-pass-1")).toMatchObject({ id: added.userId });
  });

  it("a new user whose username or email is taken is refused, with no user and no membership created", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const err = await expectRefused(
      t.db,
      () =>
        addOrganizationMember(admin, w.org.slug, {
          kind: "new",
          username: w.users.outsider.username,
          email: `${uniqueName("e")}@example.test`,
          password: PASSWORD,
          role: "member",
        }),
      409,
    );
    expect(err.fieldErrors?.username).toBeDefined();
    await expectRefused(
      t.db,
      () =>
        addOrganizationMember(admin, w.org.slug, {
          kind: "new",
          username: uniqueName("fresh"),
          email: w.users.outsider.email,
          password: PASSWORD,
          role: "member",
        }),
      409,
    );
  });

  it("adding someone who is already a member is a conflict and keeps their role", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      async () =>
        addOrganizationMember(await as(t.db, w.users.orgAdmin), w.org.slug, {
          kind: "existing",
          login: w.users.viewer.username,
          role: "admin",
        }),
      409,
    );
    expect(err.message).toContain("already a member");
    expect(await orgRoleOf(w.org.id, w.users.viewer.id)).toBe("viewer");
  });

  it("adding an unknown user answers not found and suggests creating them", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      async () =>
        addOrganizationMember(await as(t.db, w.users.orgAdmin), w.org.slug, {
          kind: "existing",
          login: uniqueName("ghost"),
          role: "member",
        }),
      404,
    );
    expect(err.message).toMatch(/new user/);
  });

  it("an invalid role is refused before anything is written", async () => {
    const w = await makeWorld(t.db);
    const stranger = await makeUser(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    await expectRefused(
      t.db,
      () =>
        addOrganizationMember(admin, w.org.slug, {
          kind: "existing",
          login: stranger.username,
          role: "owner" as "admin",
        }),
      400,
    );
  });

  it("an org member who is not admin cannot add members, nor can a team admin or an org viewer", async () => {
    const w = await makeWorld(t.db);
    const stranger = await makeUser(t.db);
    for (const who of [w.users.member, w.users.teamAdmin, w.users.viewer]) {
      const err = await expectRefused(
        t.db,
        async () =>
          addOrganizationMember(await as(t.db, who), w.org.slug, {
            kind: "existing",
            login: stranger.username,
            role: "admin",
          }),
        403,
      );
      expect(err.message).toMatch(/org admins/);
    }
    expect(await orgRoleOf(w.org.id, stranger.id)).toBeNull();
  });

  it("another org's admin cannot add members and is told the org does not exist", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      async () =>
        addOrganizationMember(await as(t.db, w.users.outsider), w.org.slug, {
          kind: "existing",
          login: w.users.outsider.username,
          role: "admin",
        }),
      404,
    );
    expect(err.message).toBe("Not found.");
  });

  it("an unknown organization answers not found", async () => {
    const user = await makeUser(t.db);
    await expectRefused(
      t.db,
      () =>
        addOrganizationMember(t.system, uniqueName("nowhere"), {
          kind: "existing",
          login: user.username,
          role: "member",
        }),
      404,
    );
  });
});

describe("changing roles", () => {
  it("an org admin promotes a member, whose new role applies to their next request", async () => {
    const w = await makeWorld(t.db);
    const stranger = await makeUser(t.db);
    const result = await changeOrganizationRole(
      await as(t.db, w.users.orgAdmin),
      w.org.slug,
      w.users.member.username,
      "admin",
    );
    expect(result).toEqual({ username: w.users.member.username, role: "admin" });
    expect(await orgRoleOf(w.org.id, w.users.member.id)).toBe("admin");
    // The promoted member may now do what only org admins may.
    await addOrganizationMember(await as(t.db, w.users.member), w.org.slug, {
      kind: "existing",
      login: stranger.username,
      role: "viewer",
    });
    expect(await orgRoleOf(w.org.id, stranger.id)).toBe("viewer");
  });

  it("the last admin cannot be demoted, not even by the operator", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      async () =>
        changeOrganizationRole(
          await as(t.db, w.users.orgAdmin),
          w.org.slug,
          w.users.orgAdmin.username,
          "member",
        ),
      409,
    );
    expect(err.message).toMatch(/at least one admin/);
    await expectRefused(
      t.db,
      () => changeOrganizationRole(t.system, w.org.slug, w.users.orgAdmin.username, "viewer"),
      409,
    );
    expect(await orgRoleOf(w.org.id, w.users.orgAdmin.id)).toBe("admin");
  });

  it("with a second admin, an admin may step down", async () => {
    const w = await makeWorld(t.db);
    await changeOrganizationRole(t.system, w.org.slug, w.users.member.username, "admin");
    await changeOrganizationRole(
      await as(t.db, w.users.orgAdmin),
      w.org.slug,
      w.users.orgAdmin.username,
      "viewer",
    );
    expect(await orgRoleOf(w.org.id, w.users.orgAdmin.id)).toBe("viewer");
  });

  it("two admins demoting each other at the same moment leave one admin", async () => {
    const w = await makeWorld(t.db);
    await changeOrganizationRole(t.system, w.org.slug, w.users.member.username, "admin");
    const [a, b] = [await as(t.db, w.users.orgAdmin), await as(t.db, w.users.member)];
    const results = await Promise.allSettled([
      changeOrganizationRole(a, w.org.slug, w.users.member.username, "member"),
      changeOrganizationRole(b, w.org.slug, w.users.orgAdmin.username, "member"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const admins = [
      await orgRoleOf(w.org.id, w.users.orgAdmin.id),
      await orgRoleOf(w.org.id, w.users.member.id),
    ];
    expect(admins.filter((r) => r === "admin")).toHaveLength(1);
  });

  it("two admins removing each other at the same moment leave one admin", async () => {
    const w = await makeWorld(t.db);
    await changeOrganizationRole(t.system, w.org.slug, w.users.member.username, "admin");
    const [a, b] = [await as(t.db, w.users.orgAdmin), await as(t.db, w.users.member)];
    const results = await Promise.allSettled([
      removeOrganizationMember(a, w.org.slug, w.users.member.username),
      removeOrganizationMember(b, w.org.slug, w.users.orgAdmin.username),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409 } });
    const roles = [
      await orgRoleOf(w.org.id, w.users.orgAdmin.id),
      await orgRoleOf(w.org.id, w.users.member.id),
    ];
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
  });

  it("a member cannot change anyone's role, not even their own", async () => {
    const w = await makeWorld(t.db);
    const member = await as(t.db, w.users.member);
    await expectRefused(
      t.db,
      () => changeOrganizationRole(member, w.org.slug, w.users.member.username, "admin"),
      403,
    );
    await expectRefused(
      t.db,
      () => changeOrganizationRole(member, w.org.slug, w.users.orgAdmin.username, "viewer"),
      403,
    );
  });

  it("another org's admin cannot change roles and learns nothing about the org", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () =>
        changeOrganizationRole(
          await as(t.db, w.users.outsider),
          w.org.slug,
          w.users.member.username,
          "viewer",
        ),
      404,
    );
  });

  it("an unknown role or someone outside the org is refused", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    await expectRefused(
      t.db,
      () => changeOrganizationRole(admin, w.org.slug, w.users.member.username, "boss"),
      400,
    );
    const err = await expectRefused(
      t.db,
      () => changeOrganizationRole(admin, w.org.slug, w.users.outsider.username, "viewer"),
      404,
    );
    expect(err.message).toContain("not a member");
  });
});

describe("removing members", () => {
  it("the last admin cannot be removed, not even by the operator", async () => {
    const w = await makeWorld(t.db);
    const err = await expectRefused(
      t.db,
      () => removeOrganizationMember(t.system, w.org.slug, w.users.orgAdmin.username),
      409,
    );
    expect(err.message).toMatch(/at least one admin/);
    await expectRefused(
      t.db,
      async () =>
        removeOrganizationMember(await as(t.db, w.users.orgAdmin), w.org.slug, w.users.orgAdmin.username),
      409,
    );
  });

  it("removing a member also removes their teams and restricted listings in that org, and nothing elsewhere", async () => {
    const w = await makeWorld(t.db);
    const mia = await makeUser(t.db);
    // mia is in w.org (in two teams, listed on a restricted project) and in another org likewise.
    await addToOrg(t.db, w.org, mia, "member");
    await addToTeam(t.db, w.team, mia, "member");
    await addToTeam(t.db, w.otherTeam, mia, "viewer");
    const secret = await makeProject(t.db, w.team, { visibility: "restricted", listed: [mia] });
    const elsewhere = await makeOrg(t.db);
    await addToOrg(t.db, elsewhere, mia, "member");
    const elsewhereTeam = await makeTeam(t.db, elsewhere);
    await addToTeam(t.db, elsewhereTeam, mia, "member");
    const elsewhereSecret = await makeProject(t.db, elsewhereTeam, {
      visibility: "restricted",
      listed: [mia],
    });
    expect((await listProjects(await as(t.db, mia), w.team)).map((p) => p.name)).toContain(secret.name);

    expect(
      await removeOrganizationMember(await as(t.db, w.users.orgAdmin), w.org.slug, mia.username),
    ).toEqual({
      username: mia.username,
    });

    expect(await orgRoleOf(w.org.id, mia.id)).toBeNull();
    const teamsOfMia = await t.db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(eq(teamMembers.userId, mia.id));
    expect(teamsOfMia).toEqual([{ teamId: elsewhereTeam.id }]);
    const listings = await t.db
      .select({ projectId: projectMembers.projectId })
      .from(projectMembers)
      .where(eq(projectMembers.userId, mia.id));
    expect(listings).toEqual([{ projectId: elsewhereSecret.id }]);
    // What she still holds elsewhere works as before; the org she left is closed to her.
    const miaNow = await as(t.db, mia);
    expect(await orgRoleOf(elsewhere.id, mia.id)).toBe("member");
    expect((await listProjects(miaNow, elsewhereTeam)).map((p) => p.name)).toContain(elsewhereSecret.name);
    await expect(getTeam(miaNow, w.team.name)).rejects.toMatchObject({ status: 404 });
    expect((await listProjects(miaNow, w.team)).map((p) => p.name)).not.toContain(secret.name);
  });

  it("an admin may remove another admin while one admin remains", async () => {
    const w = await makeWorld(t.db);
    await changeOrganizationRole(t.system, w.org.slug, w.users.member.username, "admin");
    await removeOrganizationMember(await as(t.db, w.users.member), w.org.slug, w.users.orgAdmin.username);
    expect(await orgRoleOf(w.org.id, w.users.orgAdmin.id)).toBeNull();
  });

  it("an org member who is not admin cannot remove members, nor can a team admin remove their own team's member", async () => {
    const w = await makeWorld(t.db);
    for (const who of [w.users.member, w.users.viewer]) {
      await expectRefused(
        t.db,
        async () => removeOrganizationMember(await as(t.db, who), w.org.slug, w.users.orgViewer.username),
        403,
      );
    }
    await expectRefused(
      t.db,
      async () =>
        removeOrganizationMember(await as(t.db, w.users.teamAdmin), w.org.slug, w.users.member.username),
      403,
    );
    expect(await orgRoleOf(w.org.id, w.users.member.id)).toBe("member");
  });

  it("another org's admin cannot remove members and is told the org does not exist", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () =>
        removeOrganizationMember(await as(t.db, w.users.outsider), w.org.slug, w.users.member.username),
      404,
    );
  });

  it("removing someone who is not a member answers not found", async () => {
    const w = await makeWorld(t.db);
    const before = await dbState(t.db);
    await expect(
      removeOrganizationMember(t.system, w.org.slug, w.users.outsider.username),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(removeOrganizationMember(t.system, w.org.slug, uniqueName("ghost"))).rejects.toMatchObject({
      status: 404,
    });
    expect(await dbState(t.db)).toEqual(before);
  });
});
