// Projects of a team: creation, listing what the actor may read, visibility and restricted members.
import "server-only";
import { and, asc, eq, gt, inArray, ne, or } from "drizzle-orm";
import type { ProjectResource, Visibility } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { allows, authorize, type Ctx, inTransaction } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import {
  organizationMembers,
  projectMembers,
  projectServiceAccounts,
  projects,
  serviceAccounts,
  teamMembers,
  teams,
  users,
} from "@/lib/db/schema";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findServiceAccount } from "@/lib/service-accounts/lookup";
import { findTeam, getTeam, type NamePage, type Team, teamResource } from "@/lib/teams/service";
import { requireUserByLogin } from "@/lib/users/service";
import { fieldErrorsOf, projectNameSchema, visibilitySchema } from "@/lib/validation";

export interface Project {
  id: string;
  name: string;
  description: string;
  visibility: Visibility;
  ownerId: string | null;
  createdAt: Date;
  team: Team;
  restrictedMembers: { userIds: string[]; serviceAccountIds: string[] };
}

/** What a team that keeps its projects private allows (SPEC section 1, "future projects private"). */
export const PRIVATE_VISIBILITIES: readonly Visibility[] = ["team", "restricted"];

export function projectResource(p: Project): ProjectResource {
  return {
    type: "project",
    id: p.id,
    name: p.name,
    teamId: p.team.id,
    teamName: p.team.name,
    orgId: p.team.orgId,
    visibility: p.visibility,
    ownerId: p.ownerId,
    restrictedMembers: p.restrictedMembers,
  };
}

const projectColumns = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  visibility: projects.visibility,
  ownerId: projects.ownerId,
  createdAt: projects.createdAt,
};

/** Restricted-project listings (users and service accounts) for a set of projects, in two queries. */
async function restrictedMembersOf(db: Db | Tx, projectIds: string[]) {
  const byProject = new Map<string, { userIds: string[]; serviceAccountIds: string[] }>();
  for (const id of projectIds) byProject.set(id, { userIds: [], serviceAccountIds: [] });
  if (!projectIds.length) return byProject;
  const [userRows, saRows] = await Promise.all([
    db
      .select({ projectId: projectMembers.projectId, id: projectMembers.userId })
      .from(projectMembers)
      .where(inArray(projectMembers.projectId, projectIds)),
    db
      .select({ projectId: projectServiceAccounts.projectId, id: projectServiceAccounts.serviceAccountId })
      .from(projectServiceAccounts)
      .where(inArray(projectServiceAccounts.projectId, projectIds)),
  ]);
  for (const r of userRows) byProject.get(r.projectId)?.userIds.push(r.id);
  for (const r of saRows) byProject.get(r.projectId)?.serviceAccountIds.push(r.id);
  return byProject;
}

/** Every project of the team the actor may read, ordered by name. */
/**
 * The team's projects the actor may read, by name: all of them, or one keyset page (the REST API).
 * Readability is the policy's decision, made per project after the read, so a page reads batches
 * after the cursor until it has `limit` readable projects or the list ends.
 */
export async function listProjects(ctx: Ctx, team: Team, page: NamePage = {}): Promise<Project[]> {
  const { limit } = page;
  // A few more than asked for per read: most pages then need one.
  const batchSize = limit === undefined ? undefined : Math.max(limit + 1, 50);
  const readable: Project[] = [];
  let after = page.after;
  for (;;) {
    const batch = await projectsAfter(ctx.db, team, after, batchSize);
    const members = await restrictedMembersOf(
      ctx.db,
      batch.filter((r) => r.visibility === "restricted").map((r) => r.id),
    );
    for (const row of batch) {
      const project = {
        ...row,
        team,
        restrictedMembers: members.get(row.id) ?? { userIds: [], serviceAccountIds: [] },
      };
      if (allows(ctx.actor, "project.read", projectResource(project))) readable.push(project);
    }
    const listEnded = batchSize === undefined || batch.length < batchSize;
    if (listEnded || readable.length >= limit!) break;
    after = batch.at(-1)!.name;
  }
  return limit === undefined ? readable : readable.slice(0, limit);
}

/** Project names are unique in a team: the name alone is the keyset position. */
function projectsAfter(db: Db | Tx, team: Team, after: string | undefined, limit: number | undefined) {
  const rows = db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.teamId, team.id), after === undefined ? undefined : gt(projects.name, after)))
    .orderBy(asc(projects.name))
    .$dynamic();
  return limit === undefined ? rows : rows.limit(limit);
}

export async function findProject(db: Db | Tx, team: Team, name: string): Promise<Project | null> {
  const [row] = await db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.teamId, team.id), eq(projects.name, name)))
    .limit(1);
  if (!row) return null;
  const members = await restrictedMembersOf(db, row.visibility === "restricted" ? [row.id] : []);
  return { ...row, team, restrictedMembers: members.get(row.id) ?? { userIds: [], serviceAccountIds: [] } };
}

/**
 * Resolves `<team>/<project>` for an action: NotFound unless the actor may see the project's
 * settings or data (so a refusal never reveals that it exists).
 */
export async function getProjectFor(
  ctx: Ctx,
  teamName: string,
  projectName: string,
  action: "project.read" | "project.update_visibility" | "project.manage_members",
): Promise<Project> {
  // Project access does not need team.read: anyone may read an open project of any team.
  const team = await findTeam(ctx.db, teamName);
  if (!team) throw new NotFound(`No project ${teamName}/${projectName}.`);
  const project = await findProject(ctx.db, team, projectName);
  if (!project) throw new NotFound(`No project ${teamName}/${projectName}.`);
  authorize(ctx.actor, action, projectResource(project));
  return project;
}

export interface NewProjectInput {
  name: string;
  visibility?: string;
  description?: string;
  /** Username of the owner (the CLI's --owner); a signed-in creator owns what they create. */
  owner?: string;
  /** A restricted project's first members besides its owner: usernames and `<team>/<name>` paths. */
  members?: { users?: readonly string[]; serviceAccounts?: readonly string[] };
}

export async function createProject(ctx: Ctx, teamName: string, input: NewProjectInput): Promise<Project> {
  const name = projectNameSchema.safeParse(input.name);
  const visibility = visibilitySchema.safeParse(input.visibility || undefined);
  const fieldErrors: Record<string, string[]> = {};
  if (!name.success) fieldErrors.name = fieldErrorsOf(name.error)._ ?? [];
  if (input.visibility && !visibility.success) fieldErrors.visibility = ["Choose a visibility."];
  if (Object.keys(fieldErrors).length) throw new Invalid("Check the highlighted fields.", fieldErrors);
  return inTransaction(ctx, async (tx) => {
    const team = await getTeam(tx, teamName);
    authorize(tx.actor, "project.create", teamResource(team));
    const chosen: Visibility = visibility.success ? visibility.data : "team";
    if (team.futureProjectsPrivate && !PRIVATE_VISIBILITIES.includes(chosen)) {
      throw new Invalid(`${team.name} keeps new projects private: choose team or restricted.`, {
        visibility: ["Only team or restricted visibility is allowed in this team."],
      });
    }
    let ownerId: string | null = tx.actor.kind === "user" ? tx.actor.id : null;
    if (input.owner) {
      const owner = await requireUserByLogin(tx.db, input.owner);
      await requireTeamMember(tx.db, team, owner.id, owner.username, ["admin", "member"]);
      ownerId = owner.id;
    }
    const [row] = await tx.db
      .insert(projects)
      .values({
        id: newId("proj"),
        teamId: team.id,
        name: name.data!,
        description: input.description?.trim() ?? "",
        visibility: chosen,
        ownerId,
      })
      .onConflictDoNothing()
      .returning(projectColumns);
    if (!row) {
      throw new Conflict(`${team.name} already has a project named ${name.data}.`, {
        name: ["This name is taken."],
      });
    }
    // Owning a project grants no data access by itself: a restricted project lists its owner.
    const userIds = chosen === "restricted" && ownerId ? [ownerId] : [];
    if (userIds.length) await tx.db.insert(projectMembers).values({ projectId: row.id, userId: userIds[0]! });
    await record(tx, {
      action: "team:create_project",
      orgId: team.orgId,
      teamId: team.id,
      projectId: row.id,
      target: { kind: "project", id: row.id, name: `${team.name}/${row.name}` },
      details: { visibility: chosen },
    });
    const project: Project = { ...row, team, restrictedMembers: { userIds, serviceAccountIds: [] } };
    return listFirstMembers(tx, project, input.members);
  });
}

/**
 * Lists a new restricted project's first members, with the same rules and audit events as the Users
 * tab. Runs in the creating transaction: one refused member and the project is not created either.
 */
async function listFirstMembers(tx: Ctx, project: Project, members: NewProjectInput["members"]) {
  const logins = [...new Set(members?.users ?? [])].filter((l) => l.trim());
  const paths = [...new Set(members?.serviceAccounts ?? [])].filter((p) => p.trim());
  if (!logins.length && !paths.length) return project;
  if (project.visibility !== "restricted") {
    throw new Invalid("Only restricted projects list their members.", {
      members: ["Choose restricted visibility to list members."],
    });
  }
  authorize(tx.actor, "project.manage_members", projectResource(project));
  const path = `${project.team.name}/${project.name}`;
  const listed = project.restrictedMembers;
  for (const login of logins) {
    const user = await requireUserByLogin(tx.db, login);
    if (listed.userIds.includes(user.id)) continue;
    await requireListableUser(tx.db, project.team, user.id, user.username);
    await tx.db.insert(projectMembers).values({ projectId: project.id, userId: user.id });
    listed.userIds.push(user.id);
    await record(tx, {
      action: "project:add_member",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { project: path },
    });
  }
  for (const saPath of paths) {
    const sa = await requireListableServiceAccount(tx.db, project, saPath);
    if (listed.serviceAccountIds.includes(sa.id)) continue;
    await tx.db.insert(projectServiceAccounts).values({ projectId: project.id, serviceAccountId: sa.id });
    listed.serviceAccountIds.push(sa.id);
    await record(tx, {
      action: "project:add_member",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "service_account", id: sa.id, name: saPath },
      details: { project: path },
    });
  }
  return project;
}

async function requireTeamMember(
  db: Db | Tx,
  team: Team,
  userId: string,
  username: string,
  roles: ReadonlyArray<"admin" | "member" | "viewer"> = ["admin", "member", "viewer"],
) {
  const [m] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, userId)))
    .limit(1);
  if (!m)
    throw new Invalid(`${username} is not a member of ${team.name}.`, {
      user: ["Not a member of this team."],
    });
  if (!roles.includes(m.role)) {
    throw new Invalid(`${username} is a ${m.role} of ${team.name} and cannot own a project.`, {
      user: ["Only team members and admins can own projects."],
    });
  }
}

export async function setProjectVisibility(
  ctx: Ctx,
  teamName: string,
  projectName: string,
  visibility: string,
) {
  const parsed = visibilitySchema.safeParse(visibility);
  if (!parsed.success)
    throw new Invalid(parsed.error.issues[0]!.message, { visibility: ["Choose a visibility."] });
  return inTransaction(ctx, async (tx) => {
    const project = await getProjectFor(tx, teamName, projectName, "project.update_visibility");
    // The team's "future projects private" limits every choice from now on to team or restricted
    // (so restricted -> team stays allowed); an open or public project may keep what it has.
    if (
      project.team.futureProjectsPrivate &&
      parsed.data !== project.visibility &&
      !PRIVATE_VISIBILITIES.includes(parsed.data)
    ) {
      throw new Invalid(
        `${project.team.name} keeps projects private: choose team or restricted visibility.`,
        { visibility: ["Only team or restricted visibility is allowed in this team."] },
      );
    }
    await tx.db.update(projects).set({ visibility: parsed.data }).where(eq(projects.id, project.id));
    await record(tx, {
      action: "project:change_visibility",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "project", id: project.id, name: `${project.team.name}/${project.name}` },
      details: { before: project.visibility, after: parsed.data },
    });
    return { ...project, visibility: parsed.data };
  });
}

/**
 * Who may be listed on a restricted project: the team's members, and the org's admins, whom SPEC
 * section 3 lets read and write a restricted project's data once listed ("data only if listed on P").
 */
async function requireListableUser(db: Db | Tx, team: Team, userId: string, username: string) {
  const [orgRole] = await db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.orgId, team.orgId), eq(organizationMembers.userId, userId)))
    .limit(1);
  if (orgRole?.role === "admin") return;
  await requireTeamMember(db, team, userId, username);
}

export async function addProjectMember(ctx: Ctx, teamName: string, projectName: string, login: string) {
  return inTransaction(ctx, async (tx) => {
    const project = await getProjectFor(tx, teamName, projectName, "project.manage_members");
    const user = await requireUserByLogin(tx.db, login);
    await requireListableUser(tx.db, project.team, user.id, user.username);
    const [row] = await tx.db
      .insert(projectMembers)
      .values({ projectId: project.id, userId: user.id })
      .onConflictDoNothing()
      .returning({ projectId: projectMembers.projectId });
    if (!row) throw new Conflict(`${user.username} is already listed on ${teamName}/${projectName}.`);
    await record(tx, {
      action: "project:add_member",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { project: `${teamName}/${projectName}` },
    });
    return { username: user.username };
  });
}

export async function removeProjectMember(ctx: Ctx, teamName: string, projectName: string, login: string) {
  return inTransaction(ctx, async (tx) => {
    const project = await getProjectFor(tx, teamName, projectName, "project.manage_members");
    const user = await requireUserByLogin(tx.db, login);
    const removed = await tx.db
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, project.id), eq(projectMembers.userId, user.id)))
      .returning({ userId: projectMembers.userId });
    if (!removed.length) throw new NotFound(`${user.username} is not listed on ${teamName}/${projectName}.`);
    await record(tx, {
      action: "project:remove_member",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { project: `${teamName}/${projectName}` },
    });
    return { username: user.username };
  });
}

export async function listProjectMembers(db: Db | Tx, project: Project) {
  if (!project.restrictedMembers.userIds.length) return [];
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, project.restrictedMembers.userIds))
    .orderBy(asc(users.username));
}

/**
 * Lists a service account on a restricted project: a team-scoped one of the project's team, or an
 * org-scoped one of its org. Takes effect on the account's next request (listings are read per request).
 */
export async function addProjectServiceAccount(
  ctx: Ctx,
  teamName: string,
  projectName: string,
  saPath: string,
) {
  return inTransaction(ctx, async (tx) => {
    const project = await getProjectFor(tx, teamName, projectName, "project.manage_members");
    const sa = await requireListableServiceAccount(tx.db, project, saPath);
    const [row] = await tx.db
      .insert(projectServiceAccounts)
      .values({ projectId: project.id, serviceAccountId: sa.id })
      .onConflictDoNothing()
      .returning({ projectId: projectServiceAccounts.projectId });
    if (!row) throw new Conflict(`${saPath} is already listed on ${teamName}/${projectName}.`);
    await record(tx, {
      action: "project:add_member",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "service_account", id: sa.id, name: saPath },
      details: { project: `${teamName}/${projectName}` },
    });
    return { serviceAccount: saPath };
  });
}

export async function removeProjectServiceAccount(
  ctx: Ctx,
  teamName: string,
  projectName: string,
  saPath: string,
) {
  return inTransaction(ctx, async (tx) => {
    const project = await getProjectFor(tx, teamName, projectName, "project.manage_members");
    const sa = await requireServiceAccountPath(tx.db, saPath);
    const removed = await tx.db
      .delete(projectServiceAccounts)
      .where(
        and(
          eq(projectServiceAccounts.projectId, project.id),
          eq(projectServiceAccounts.serviceAccountId, sa.id),
        ),
      )
      .returning({ id: projectServiceAccounts.serviceAccountId });
    if (!removed.length) throw new NotFound(`${saPath} is not listed on ${teamName}/${projectName}.`);
    await record(tx, {
      action: "project:remove_member",
      orgId: project.team.orgId,
      teamId: project.team.id,
      projectId: project.id,
      target: { kind: "service_account", id: sa.id, name: saPath },
      details: { project: `${teamName}/${projectName}` },
    });
    return { serviceAccount: saPath };
  });
}

async function requireServiceAccountPath(db: Db | Tx, saPath: string) {
  const [team, name] = saPath.split("/");
  const sa = team && name ? await findServiceAccount(db, team, name) : null;
  if (!sa) throw new NotFound(`No service account ${saPath} (write it as <team>/<name>).`);
  return sa;
}

async function requireListableServiceAccount(db: Db | Tx, project: Project, saPath: string) {
  const sa = await requireServiceAccountPath(db, saPath);
  const fits = sa.scope === "org" ? sa.orgId === project.team.orgId : sa.teamId === project.team.id;
  if (!fits) {
    throw new Invalid(
      `${saPath} cannot be listed here: only team service accounts of ${project.team.name} and org service accounts of its organization can.`,
      { serviceAccount: ["Not a service account of this team or organization."] },
    );
  }
  return sa;
}

/** The service accounts listed on a restricted project, as `<team>/<name>`. */
export async function listProjectServiceAccounts(db: Db | Tx, project: Project) {
  if (!project.restrictedMembers.serviceAccountIds.length) return [];
  const rows = await db
    .select({
      id: serviceAccounts.id,
      name: serviceAccounts.name,
      team: teams.name,
      scope: serviceAccounts.scope,
    })
    .from(serviceAccounts)
    .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
    .where(inArray(serviceAccounts.id, project.restrictedMembers.serviceAccountIds))
    .orderBy(asc(teams.name), asc(serviceAccounts.name));
  return rows.map((r) => ({ ...r, path: `${r.team}/${r.name}` }));
}

/**
 * Who could be listed on a restricted project of `team`: its members (and the org's admins),
 * team-scoped service accounts of the team and org-scoped ones of its org.
 */
async function listableCandidates(db: Db | Tx, team: Team) {
  const [teamUsers, orgAdmins, accounts] = await Promise.all([
    db
      .select({ id: users.id, username: users.username })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, team.id)),
    db
      .select({ id: users.id, username: users.username })
      .from(organizationMembers)
      .innerJoin(users, eq(users.id, organizationMembers.userId))
      .where(and(eq(organizationMembers.orgId, team.orgId), eq(organizationMembers.role, "admin"))),
    db
      .select({
        id: serviceAccounts.id,
        name: serviceAccounts.name,
        team: teams.name,
        scope: serviceAccounts.scope,
      })
      .from(serviceAccounts)
      .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
      .where(
        and(
          ne(serviceAccounts.status, "deleted"),
          or(
            and(eq(serviceAccounts.scope, "team"), eq(serviceAccounts.teamId, team.id)),
            and(eq(serviceAccounts.scope, "org"), eq(serviceAccounts.orgId, team.orgId)),
          ),
        ),
      ),
  ]);
  const byName = <T extends { username?: string; name?: string }>(a: T, b: T) =>
    (a.username ?? a.name ?? "").localeCompare(b.username ?? b.name ?? "");
  const people = new Map([...teamUsers, ...orgAdmins].map((u) => [u.id, u]));
  return {
    users: [...people.values()].sort(byName),
    serviceAccounts: accounts.map((a) => ({ ...a, path: `${a.team}/${a.name}` })).sort(byName),
  };
}

/** Who could still be listed on the project: the candidates minus those already listed. */
export async function listableMembers(ctx: Ctx, project: Project) {
  authorize(ctx.actor, "project.manage_members", projectResource(project));
  const candidates = await listableCandidates(ctx.db, project.team);
  const listedUsers = new Set(project.restrictedMembers.userIds);
  const listedAccounts = new Set(project.restrictedMembers.serviceAccountIds);
  return {
    users: candidates.users.filter((u) => !listedUsers.has(u.id)),
    serviceAccounts: candidates.serviceAccounts.filter((a) => !listedAccounts.has(a.id)),
  };
}

/**
 * Whom the New project form offers as a restricted project's first members (the creator is listed
 * anyway, as its owner): for those who may create projects in the team.
 */
export async function firstMemberCandidates(ctx: Ctx, team: Team) {
  authorize(ctx.actor, "project.create", teamResource(team));
  const candidates = await listableCandidates(ctx.db, team);
  const me = ctx.actor.kind === "user" ? ctx.actor.id : null;
  return {
    users: candidates.users.filter((u) => u.id !== me).map((u) => u.username),
    serviceAccounts: candidates.serviceAccounts.map((a) => ({ path: a.path, scope: a.scope })),
  };
}

/**
 * A project page's project: visible to those who may read its data, and also to those who may only
 * manage its settings (an org admin or team admin not listed on a restricted project, SPEC section 3:
 * "settings only"). `canRead` tells the data pages (Runs) whether to answer 404.
 */
export async function getProjectForPages(
  ctx: Ctx,
  teamName: string,
  projectName: string,
): Promise<{ project: Project; canRead: boolean }> {
  const team = await findTeam(ctx.db, teamName);
  const project = team ? await findProject(ctx.db, team, projectName) : null;
  if (!project) throw new NotFound(`No project ${teamName}/${projectName}.`);
  const resource = projectResource(project);
  const canRead = allows(ctx.actor, "project.read", resource);
  const managesSettings =
    allows(ctx.actor, "project.update_visibility", resource) ||
    allows(ctx.actor, "project.manage_members", resource);
  if (!canRead && !managesSettings) authorize(ctx.actor, "project.read", resource); // the read refusal (404)
  return { project, canRead };
}
