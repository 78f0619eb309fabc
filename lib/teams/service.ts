// Teams of an org and their members (the Teams tab, /<team>, the CLI's team commands).
import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { TeamResource, TeamRole } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { publishAuthChange } from "@/lib/auth/invalidation";
import { allows, authorize, type Ctx, inTransaction } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import {
  organizationMembers,
  organizations,
  projectMembers,
  projects,
  teamMembers,
  teams,
  users,
} from "@/lib/db/schema";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getOrganization, type Organization, orgResource } from "@/lib/orgs/service";
import { requireUserByLogin } from "@/lib/users/service";
import { fieldErrorsOf, roleSchema, teamNameSchema } from "@/lib/validation";

export interface Team {
  id: string;
  name: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  orgPlan: "free" | "enterprise";
  futureProjectsPrivate: boolean;
}

export function teamResource(team: Team): TeamResource {
  return { type: "team", id: team.id, name: team.name, orgId: team.orgId, orgPlan: team.orgPlan };
}

const teamColumns = {
  id: teams.id,
  name: teams.name,
  orgId: teams.orgId,
  orgSlug: organizations.slug,
  orgName: organizations.name,
  orgPlan: organizations.plan,
  futureProjectsPrivate: teams.futureProjectsPrivate,
};

export async function findTeam(db: Db | Tx, name: string): Promise<Team | null> {
  const [row] = await db
    .select(teamColumns)
    .from(teams)
    .innerJoin(organizations, eq(organizations.id, teams.orgId))
    .where(eq(teams.name, name))
    .limit(1);
  return row ?? null;
}

/** The team, if the actor may see it; NotFound otherwise (its existence is not revealed). */
export async function getTeam(ctx: Ctx, name: string): Promise<Team> {
  const team = await findTeam(ctx.db, name);
  if (!team) throw new NotFound(`No team named ${name}.`);
  authorize(ctx.actor, "team.read", teamResource(team));
  return team;
}

export async function createTeam(ctx: Ctx, orgSlug: string, name: string): Promise<Team> {
  const parsed = teamNameSchema.safeParse(name);
  if (!parsed.success)
    throw new Invalid("Check the team name.", { name: fieldErrorsOf(parsed.error)._ ?? [] });
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, orgSlug);
    authorize(tx.actor, "team.create", orgResource(org));
    const [row] = await tx.db
      .insert(teams)
      .values({ id: newId("team"), orgId: org.id, name: parsed.data })
      .onConflictDoNothing()
      .returning({ id: teams.id });
    if (!row)
      throw new Conflict(`The name ${parsed.data} is already taken.`, { name: ["This name is taken."] });
    // The admin who creates a team from the dashboard runs it until they hand it over.
    if (tx.actor.kind === "user") {
      await tx.db.insert(teamMembers).values({ teamId: row.id, userId: tx.actor.id, role: "admin" });
      await publishAuthChange(tx.db, [`user:${tx.actor.id}`]);
    }
    await record(tx, {
      action: "org:create_team",
      orgId: org.id,
      teamId: row.id,
      target: { kind: "team", id: row.id, name: parsed.data },
    });
    return {
      id: row.id,
      name: parsed.data,
      orgId: org.id,
      orgSlug: org.slug,
      orgName: org.name,
      orgPlan: org.plan,
      futureProjectsPrivate: false,
    };
  });
}

export interface TeamSummary {
  id: string;
  name: string;
  memberCount: number;
  projectCount: number;
}

/** A page of a name-ordered list: what sorts after `after` (names are unique there), at most `limit`. */
export interface NamePage {
  after?: string;
  limit?: number;
}

/** The org's teams by name: all of them, or one keyset page (the REST API). */
export async function listTeams(ctx: Ctx, org: Organization, page: NamePage = {}): Promise<TeamSummary[]> {
  authorize(ctx.actor, "organization.read", orgResource(org));
  // Correlated counts use the (team_id, ...) primary key / unique index of each table. Columns are
  // qualified by hand: drizzle renders them bare here, and a bare "id" would mean projects.id.
  const rows = ctx.db
    .select({
      id: teams.id,
      name: teams.name,
      memberCount: sql<number>`(select count(*) from ${teamMembers} tm where tm.team_id = ${teams}.id)::int`,
      projectCount: sql<number>`(select count(*) from ${projects} p where p.team_id = ${teams}.id)::int`,
    })
    .from(teams)
    .where(and(eq(teams.orgId, org.id), page.after === undefined ? undefined : gt(teams.name, page.after)))
    .orderBy(asc(teams.name))
    .$dynamic();
  return page.limit === undefined ? rows : rows.limit(page.limit);
}

/** The teams of the org a user belongs to, for the home page and the profile's default team. */
export async function listTeamsOfUser(db: Db | Tx, userId: string) {
  return db
    .select({ id: teams.id, name: teams.name, orgSlug: organizations.slug, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(organizations, eq(organizations.id, teams.orgId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teamMembers.createdAt), asc(teams.name));
}

export interface TeamMember {
  userId: string;
  username: string;
  displayName: string;
  role: TeamRole;
}

export async function listTeamMembers(ctx: Ctx, team: Team): Promise<TeamMember[]> {
  authorize(ctx.actor, "team.read", teamResource(team));
  return ctx.db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: teamMembers.role,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, team.id))
    .orderBy(asc(users.username));
}

/** Adds an org member to the team (someone outside the org must join the org first). */
export async function addTeamMember(ctx: Ctx, teamName: string, login: string, role: string) {
  const parsedRole = roleSchema.safeParse(role);
  if (!parsedRole.success)
    throw new Invalid(parsedRole.error.issues[0]!.message, { role: ["Choose a role."] });
  return inTransaction(ctx, async (tx) => {
    const team = await getTeam(tx, teamName);
    authorize(tx.actor, "team.manage_members", teamResource(team));
    const user = await requireUserByLogin(tx.db, login);
    const [inOrg] = await tx.db
      .select({ role: organizationMembers.role })
      .from(organizationMembers)
      .where(and(eq(organizationMembers.orgId, team.orgId), eq(organizationMembers.userId, user.id)))
      .limit(1);
    if (!inOrg) {
      throw new Invalid(
        `${user.username} is not a member of ${team.orgSlug}: add them to the organization first.`,
        {
          login: ["Not a member of this organization."],
        },
      );
    }
    const [row] = await tx.db
      .insert(teamMembers)
      .values({ teamId: team.id, userId: user.id, role: parsedRole.data })
      .onConflictDoNothing()
      .returning({ teamId: teamMembers.teamId });
    if (!row)
      throw new Conflict(`${user.username} is already in ${team.name}.`, { login: ["Already a member."] });
    await publishAuthChange(tx.db, [`user:${user.id}`]);
    await record(tx, {
      action: "team:add_member",
      orgId: team.orgId,
      teamId: team.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { role: parsedRole.data },
    });
    return { username: user.username, role: parsedRole.data };
  });
}

async function requireTeamMembership(db: Db | Tx, team: Team, login: string) {
  const user = await requireUserByLogin(db, login);
  const [m] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, user.id)))
    .limit(1);
  if (!m) throw new NotFound(`${login} is not a member of ${team.name}.`);
  return { ...user, role: m.role };
}

export async function changeTeamRole(ctx: Ctx, teamName: string, login: string, role: string) {
  const parsedRole = roleSchema.safeParse(role);
  if (!parsedRole.success)
    throw new Invalid(parsedRole.error.issues[0]!.message, { role: ["Choose a role."] });
  return inTransaction(ctx, async (tx) => {
    const team = await getTeam(tx, teamName);
    authorize(tx.actor, "team.manage_members", teamResource(team));
    const user = await requireTeamMembership(tx.db, team, login);
    await tx.db
      .update(teamMembers)
      .set({ role: parsedRole.data })
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, user.id)));
    await publishAuthChange(tx.db, [`user:${user.id}`]);
    await record(tx, {
      action: "team:change_role",
      orgId: team.orgId,
      teamId: team.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { before: user.role, after: parsedRole.data },
    });
    return { username: user.username, role: parsedRole.data };
  });
}

/** Removes the user from the team and from its restricted projects' member lists. */
export async function removeTeamMember(ctx: Ctx, teamName: string, login: string) {
  return inTransaction(ctx, async (tx) => {
    const team = await getTeam(tx, teamName);
    authorize(tx.actor, "team.manage_members", teamResource(team));
    const user = await requireTeamMembership(tx.db, team, login);
    const teamProjects = tx.db.select({ id: projects.id }).from(projects).where(eq(projects.teamId, team.id));
    await tx.db
      .delete(projectMembers)
      .where(and(eq(projectMembers.userId, user.id), inArray(projectMembers.projectId, teamProjects)));
    await tx.db
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, user.id)));
    await publishAuthChange(tx.db, [`user:${user.id}`]);
    await record(tx, {
      action: "team:remove_member",
      orgId: team.orgId,
      teamId: team.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { role: user.role },
    });
    return { username: user.username };
  });
}

export function teamPermissions(ctx: Ctx, team: Team) {
  const r = teamResource(team);
  return {
    manageMembers: allows(ctx.actor, "team.manage_members", r),
    createProject: allows(ctx.actor, "project.create", r),
    updateSettings: allows(ctx.actor, "team.update_settings", r),
    /** The team settings page (its Service Accounts tab) exists for these. */
    openSettings: allows(ctx.actor, "service_account.list_team", r),
  };
}

/** The names of an org's teams (an org service account may write to any of them). */
export async function teamsOfOrg(db: Db | Tx, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ name: teams.name })
    .from(teams)
    .where(eq(teams.orgId, orgId))
    .orderBy(asc(teams.name));
  return rows.map((r) => r.name);
}

/** "Make all future projects private": while on, new projects may only be team or restricted. */
export async function setFutureProjectsPrivate(ctx: Ctx, teamName: string, enabled: boolean): Promise<Team> {
  return inTransaction(ctx, async (tx) => {
    const team = await getTeam(tx, teamName);
    authorize(tx.actor, "team.update_settings", teamResource(team));
    await tx.db.update(teams).set({ futureProjectsPrivate: enabled }).where(eq(teams.id, team.id));
    await record(tx, {
      action: "team:update_settings",
      orgId: team.orgId,
      teamId: team.id,
      target: { kind: "team", id: team.id, name: team.name },
      details: { futureProjectsPrivate: { before: team.futureProjectsPrivate, after: enabled } },
    });
    return { ...team, futureProjectsPrivate: enabled };
  });
}
