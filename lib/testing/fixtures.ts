// Small fixture builders for integration tests. They go through the services as the operator, so
// fixtures obey the same naming and membership rules as real data; names are unique per process,
// so tests sharing one database never collide.
import { asc } from "drizzle-orm";
import { expect } from "vitest";
import type { OrgRole, TeamRole, UserPrincipal, Visibility } from "@/lib/access/types";
import { loadUserPrincipal } from "@/lib/auth/principal";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import {
  apiKeys,
  auditEvents,
  organizationMembers,
  organizations,
  projectMembers,
  projectServiceAccounts,
  projects,
  serviceAccounts,
  teamMembers,
  teams,
  users,
} from "@/lib/db/schema";
import { ServiceError } from "@/lib/errors";
import { addOrganizationMember, createOrganization, type Organization } from "@/lib/orgs/service";
import { addProjectMember, createProject, type Project } from "@/lib/projects/service";
import { addTeamMember, createTeam, type Team } from "@/lib/teams/service";
import { createUser, type UserSummary } from "@/lib/users/service";
import { SYSTEM } from "./db";

export const PASSWORD = "correct horse battery";

let counter = 0;
const run = Math.random().toString(36).slice(2, 6);

/** A fresh name that satisfies every naming rule (lowercase, digits and '-'). */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${run}${counter}`;
}

const system = (db: Db): Ctx => ({ db, actor: SYSTEM });

export async function makeUser(db: Db, username = uniqueName("u")): Promise<UserSummary> {
  return createUser(system(db), { username, email: `${username}@example.test`, password: PASSWORD });
}

export async function makeOrg(db: Db, plan: "free" | "enterprise" = "enterprise"): Promise<Organization> {
  return createOrganization(system(db), { slug: uniqueName("org"), plan });
}

export async function addToOrg(db: Db, org: Organization, user: UserSummary, role: OrgRole): Promise<void> {
  await addOrganizationMember(system(db), org.slug, { kind: "existing", login: user.username, role });
}

export async function makeTeam(db: Db, org: Organization): Promise<Team> {
  return createTeam(system(db), org.slug, uniqueName("team"));
}

export async function addToTeam(db: Db, team: Team, user: UserSummary, role: TeamRole): Promise<void> {
  await addTeamMember(system(db), team.name, user.username, role);
}

export async function makeProject(
  db: Db,
  team: Team,
  opts: { visibility?: Visibility; owner?: UserSummary; listed?: UserSummary[] } = {},
): Promise<Project> {
  const project = await createProject(system(db), team.name, {
    name: uniqueName("proj"),
    visibility: opts.visibility ?? "team",
    owner: opts.owner?.username,
  });
  for (const user of opts.listed ?? [])
    await addProjectMember(system(db), team.name, project.name, user.username);
  return project;
}

/** The user's context as a signed-in browser session, with their roles as they are now. */
export async function as(db: Db, user: UserSummary): Promise<Ctx & { actor: UserPrincipal }> {
  const principal = await loadUserPrincipal(db, user.id, { kind: "session" });
  if (!principal) throw new Error(`fixture: no user ${user.username}`);
  return { db, actor: principal };
}

/**
 * One org with a team and everyone the rules tell apart: the org admin (not in the team), the team's
 * admin, member and viewer, an org member who is in another team only (that team's admin), an org
 * viewer outside the team, and the admin of another org.
 */
export async function makeWorld(db: Db) {
  const [orgAdmin, teamAdmin, member, viewer, otherTeamAdmin, orgViewer, outsider] = await Promise.all(
    ["oadm", "tadm", "mem", "view", "otadm", "oview", "out"].map((p) => makeUser(db, uniqueName(p))),
  );
  const org = await makeOrg(db);
  await addToOrg(db, org, orgAdmin, "admin");
  await addToOrg(db, org, teamAdmin, "member");
  await addToOrg(db, org, member, "member");
  await addToOrg(db, org, viewer, "viewer");
  await addToOrg(db, org, otherTeamAdmin, "member");
  await addToOrg(db, org, orgViewer, "viewer");
  const team = await makeTeam(db, org);
  await addToTeam(db, team, teamAdmin, "admin");
  await addToTeam(db, team, member, "member");
  await addToTeam(db, team, viewer, "viewer");
  const otherTeam = await makeTeam(db, org);
  await addToTeam(db, otherTeam, otherTeamAdmin, "admin");
  const otherOrg = await makeOrg(db);
  await addToOrg(db, otherOrg, outsider, "admin");
  const outsiderTeam = await makeTeam(db, otherOrg);
  await addToTeam(db, outsiderTeam, outsider, "admin");
  return {
    org,
    team,
    otherTeam,
    otherOrg,
    outsiderTeam,
    users: { orgAdmin, teamAdmin, member, viewer, otherTeamAdmin, orgViewer, outsider },
  };
}

/** Every row of the tenancy and credential tables, in a stable order: compare before and after a refused call. */
export async function dbState(db: Db) {
  return {
    users: await db.select().from(users).orderBy(asc(users.id)),
    organizations: await db.select().from(organizations).orderBy(asc(organizations.id)),
    organizationMembers: await db
      .select()
      .from(organizationMembers)
      .orderBy(asc(organizationMembers.orgId), asc(organizationMembers.userId)),
    teams: await db.select().from(teams).orderBy(asc(teams.id)),
    teamMembers: await db
      .select()
      .from(teamMembers)
      .orderBy(asc(teamMembers.teamId), asc(teamMembers.userId)),
    projects: await db.select().from(projects).orderBy(asc(projects.id)),
    projectMembers: await db
      .select()
      .from(projectMembers)
      .orderBy(asc(projectMembers.projectId), asc(projectMembers.userId)),
    serviceAccounts: await db.select().from(serviceAccounts).orderBy(asc(serviceAccounts.id)),
    projectServiceAccounts: await db
      .select()
      .from(projectServiceAccounts)
      .orderBy(asc(projectServiceAccounts.projectId), asc(projectServiceAccounts.serviceAccountId)),
    // last-used bookkeeping is written off the request path and may land at any time
    auditEvents: await db.select().from(auditEvents).orderBy(asc(auditEvents.id)),
    apiKeys: (await db.select().from(apiKeys).orderBy(asc(apiKeys.id))).map(
      ({ lastUsedAt, lastUsedIp, ...k }) => k,
    ),
  };
}

/**
 * Runs a call that must be refused with `status`, and checks that it left every table as it was.
 * Returns the error for further assertions (its message, its field errors).
 */
export async function expectRefused(
  db: Db,
  call: () => Promise<unknown>,
  status: number,
): Promise<Error & { status: number; fieldErrors?: Record<string, string[]> }> {
  const before = await dbState(db);
  const err = await call().then(
    () => {
      throw new Error(`expected a refusal with status ${status}, but the call succeeded`);
    },
    (e: unknown) => e as Error & { status: number; fieldErrors?: Record<string, string[]> },
  );
  expect(err, err.message).toBeInstanceOf(ServiceError);
  expect(err.status, err.message).toBe(status);
  expect(await dbState(db), "a refused call must change nothing").toEqual(before);
  return err;
}
