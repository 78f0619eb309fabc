// Where a W&B client's write lands: entity (team) + project, creating the project on first use
// when the caller may (SPEC section 4), and who the write is attributed to. Shared by the runs
// API (GraphQL, file_stream) and the trace server.
import "server-only";
import { and, eq } from "drizzle-orm";
import { can } from "@/lib/access";
import type { ProjectResource, Visibility } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { authorize, type Ctx, inTransaction } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { projectMembers, projectServiceAccounts, projects, teamMembers, users } from "@/lib/db/schema";
import { AccessDenied, Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { findProject, getProjectFor, type Project, projectResource } from "@/lib/projects/service";
import { findTeam } from "@/lib/teams/service";
import { projectNameSchema } from "@/lib/validation";

export interface Target {
  /** The entity named by the client (WANDB_ENTITY), or null/"" for the caller's default. */
  entity: string | null | undefined;
  project: string;
}

/** The team a request writes to: the named entity, else the caller's default or parent team. */
export function resolveEntity(named: string | null | undefined, defaultEntity: string | null): string {
  const entity = named?.trim() || defaultEntity;
  if (!entity) {
    throw new Invalid("No entity: set WANDB_ENTITY to a team, or choose a default team in your settings.");
  }
  return entity;
}

/** Resolves a project the caller may read (404 otherwise). */
export async function projectForRead(ctx: Ctx, entity: string, project: string): Promise<Project> {
  return getProjectFor(ctx, entity, project, "project.read");
}

/**
 * Resolves the project for a write, creating it (visibility `team`) when it does not exist and
 * the caller may write the team's projects. Refusals answer as SPEC section 3 says: 404 when the
 * caller could not even read such a project (a missing project's existence is not revealed
 * either), 403 when it may read but not write, 401 for anonymous callers.
 */
export async function projectForWrite(
  ctx: Ctx,
  entity: string,
  projectName: string,
  /** Settings for a project this write creates (upsertModel's description and access). */
  initial: { visibility?: Visibility; description?: string } = {},
): Promise<Project> {
  const name = projectNameSchema.safeParse(projectName);
  if (!name.success)
    throw new Invalid(`Invalid project name "${projectName}": ${name.error.issues[0]!.message}`);
  const team = await findTeam(ctx.db, entity);
  if (!team) throw new NotFound(`No project ${entity}/${projectName}.`);
  const existing = await findProject(ctx.db, team, name.data);
  if (existing) {
    authorize(ctx.actor, "project.write", projectResource(existing));
    return existing;
  }
  if (ctx.actor.kind === "system") throw new NotFound(`No project ${entity}/${projectName}.`);
  const createDecision = can(ctx.actor, "project.create", {
    type: "team",
    id: team.id,
    name: team.name,
    orgId: team.orgId,
    orgPlan: team.orgPlan,
  });
  if (!createDecision.allowed) {
    // Answer as for an existing team-visibility project, so a refusal reveals nothing.
    const asIfExisting = can(ctx.actor, "project.write", hypotheticalProject(team, name.data));
    throw new AccessDenied(
      asIfExisting.allowed ? createDecision : { ...asIfExisting, reason: createDecision.reason },
    );
  }
  const visibility = initial.visibility ?? "team";
  if (team.futureProjectsPrivate && (visibility === "open" || visibility === "public")) {
    throw new Invalid(`${team.name} keeps new projects private: choose team or restricted visibility.`);
  }
  // The project, its first listing and its audit event go in together, or not at all.
  await inTransaction(ctx, async (tx) => {
    const [inserted] = await tx.db
      .insert(projects)
      .values({
        id: newId("proj"),
        teamId: team.id,
        name: name.data,
        description: initial.description?.slice(0, 2000) ?? "",
        visibility,
        ownerId: tx.actor.kind === "user" ? tx.actor.id : null,
      })
      .onConflictDoNothing() // a concurrent first write created it: use that one
      .returning({ id: projects.id });
    if (inserted && visibility === "restricted") {
      // Whoever creates a restricted project is listed on it, or it could not write there itself.
      if (tx.actor.kind === "user") {
        await tx.db.insert(projectMembers).values({ projectId: inserted.id, userId: tx.actor.id });
      } else if (tx.actor.kind === "service_account") {
        await tx.db
          .insert(projectServiceAccounts)
          .values({ projectId: inserted.id, serviceAccountId: tx.actor.id });
      }
    }
    if (inserted) {
      await record(tx, {
        action: "team:create_project",
        orgId: team.orgId,
        teamId: team.id,
        projectId: inserted.id,
        target: { kind: "project", id: inserted.id, name: `${team.name}/${name.data}` },
        details: { visibility, via: "first write" },
      });
    }
  });
  const created = await findProject(ctx.db, team, name.data);
  if (!created) throw new NotFound(`No project ${entity}/${projectName}.`);
  authorize(ctx.actor, "project.write", projectResource(created));
  return created;
}

function hypotheticalProject(
  team: { id: string; name: string; orgId: string },
  name: string,
): ProjectResource {
  return {
    type: "project",
    id: "",
    name,
    teamId: team.id,
    teamName: team.name,
    orgId: team.orgId,
    visibility: "team",
    ownerId: null,
    restrictedMembers: { userIds: [], serviceAccountIds: [] },
  };
}

export interface Attribution {
  attributedUserId: string | null;
  /** Why the requested attribution was ignored (shown in the UI), or null. */
  note: string | null;
}

/**
 * SPEC section 4: a service account's write may be attributed to a user named by
 * X-WANDB-USERNAME (wins) or X-WANDB-USER-EMAIL, only if that user is a member of the team that
 * owns the target project. Headers on a user's own request are ignored (no impersonation).
 */
export async function resolveAttribution(
  db: Db | Tx,
  actor: Ctx["actor"],
  project: Project,
  headers: { username?: string | null; email?: string | null },
): Promise<Attribution> {
  if (actor.kind !== "service_account") return { attributedUserId: null, note: null };
  const username = headers.username?.trim();
  const email = headers.email?.trim().toLowerCase();
  if (!username && !email) return { attributedUserId: null, note: null };
  const asked = username ? `username ${username}` : `email ${email}`;
  const [user] = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(username ? eq(users.username, username.toLowerCase()) : eq(users.email, email!))
    .limit(1);
  if (!user) return { attributedUserId: null, note: `attribution ignored: no user with ${asked}` };
  const [member] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, project.team.id), eq(teamMembers.userId, user.id)))
    .limit(1);
  if (!member) {
    return {
      attributedUserId: null,
      note: `attribution ignored: ${user.username} is not a member of team ${project.team.name}`,
    };
  }
  return { attributedUserId: user.id, note: null };
}
