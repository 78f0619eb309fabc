// A service account's effective access: every project it can read or write, with the rule that
// decided, and the projects someone might expect it to reach but it cannot, with how access would
// be granted. One query, then the same pure policy the API enforces, so the view cannot drift.
import "server-only";
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { can } from "@/lib/access";
import type { ProjectResource, ServiceAccountPrincipal, Visibility } from "@/lib/access/types";
import type { Ctx } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { projectServiceAccounts, projects, teams } from "@/lib/db/schema";
import type { ServiceAccount } from "./lookup";
import { getServiceAccount } from "./service";

export interface AccessEntry {
  projectId: string;
  team: string;
  project: string;
  visibility: Visibility;
  read: boolean;
  write: boolean;
  /** The policy's reason for the answer. */
  reason: string;
  /** For a project out of reach: what would grant access. */
  howToGrant?: string;
}

export interface EffectiveAccess {
  serviceAccount: ServiceAccount;
  /** Projects it can read or write, its own team first, then by team and project name. */
  reachable: AccessEntry[];
  /** Projects of its org someone might expect it to reach, by team and project name. */
  unreachable: AccessEntry[];
}

/** One project as the query returns it: enough for the policy, plus whether the account is listed. */
export interface AccessRow {
  id: string;
  name: string;
  visibility: Visibility;
  ownerId: string | null;
  teamId: string;
  teamName: string;
  orgId: string;
  listed: boolean;
}

/** The principal the API would see for this account's credential (an active key or access token). */
export function principalOfServiceAccount(sa: ServiceAccount): ServiceAccountPrincipal {
  return {
    kind: "service_account",
    id: sa.id,
    name: sa.name,
    orgId: sa.orgId,
    orgPlan: sa.orgPlan,
    scope: sa.scope,
    teamId: sa.teamId,
    teamName: sa.teamName,
    authMethod: sa.authMethod,
    status: sa.status,
    credential:
      sa.authMethod === "federated"
        ? { kind: "access_token", tokenId: "", state: "active" }
        : { kind: "api_key", keyId: "", state: "active" },
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The one query: its org's projects, and open or public projects of any org (any credential reads
 * those), each with whether the account is listed on it. `search` narrows by project name.
 */
export async function accessRows(db: Db | Tx, sa: ServiceAccount, search = ""): Promise<AccessRow[]> {
  const where = or(eq(teams.orgId, sa.orgId), inArray(projects.visibility, ["open", "public"]));
  const text = search.trim();
  return (
    db
      .select({
        id: projects.id,
        name: projects.name,
        visibility: projects.visibility,
        ownerId: projects.ownerId,
        teamId: projects.teamId,
        teamName: teams.name,
        orgId: teams.orgId,
        listed: sql<boolean>`${projectServiceAccounts.projectId} is not null`,
      })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      // The account's own listings (project_service_accounts_sa_idx), joined in: no query per project.
      .leftJoin(
        projectServiceAccounts,
        and(
          eq(projectServiceAccounts.projectId, projects.id),
          eq(projectServiceAccounts.serviceAccountId, sa.id),
        ),
      )
      .where(text ? and(where, ilike(projects.name, `%${escapeLike(text)}%`)) : where)
      .orderBy(asc(teams.name), asc(projects.name))
  );
}

function howToGrant(sa: ServiceAccount, row: AccessRow): string {
  if (row.visibility === "restricted") {
    return `An admin of ${row.teamName}, an org admin or the project's owner adds ${sa.teamName}/${sa.name} on the project's Users tab.`;
  }
  return (
    `Only ${row.teamName}'s own service accounts and the org's service accounts reach its team projects: ` +
    `use an org service account, or have the project made public (read) or open (read and write).`
  );
}

/**
 * Pure: what the policy answers for each row (rows sorted by team and project name). A project out
 * of reach is worth showing only inside the account's org: elsewhere nobody would expect access.
 */
export function evaluateAccess(sa: ServiceAccount, rows: readonly AccessRow[]) {
  const principal = principalOfServiceAccount(sa);
  const own: AccessEntry[] = [];
  const others: AccessEntry[] = [];
  const unreachable: AccessEntry[] = [];
  const listedHere = [sa.id];
  for (const row of rows) {
    const resource: ProjectResource = {
      type: "project",
      id: row.id,
      name: row.name,
      teamId: row.teamId,
      teamName: row.teamName,
      orgId: row.orgId,
      visibility: row.visibility,
      ownerId: row.ownerId,
      restrictedMembers: { userIds: [], serviceAccountIds: row.listed ? listedHere : [] },
    };
    // Whoever may write may read (the policy's levels are none, read, read and write): one call
    // decides most rows.
    const write = can(principal, "project.write", resource);
    const read = write.allowed ? write : can(principal, "project.read", resource);
    const entry: AccessEntry = {
      projectId: row.id,
      team: row.teamName,
      project: row.name,
      visibility: row.visibility,
      read: read.allowed,
      write: write.allowed,
      reason: read.reason,
    };
    if (entry.read || entry.write) (row.teamName === sa.teamName ? own : others).push(entry);
    else if (row.orgId === sa.orgId && sa.status === "active" && sa.orgPlan === "enterprise") {
      unreachable.push({ ...entry, howToGrant: howToGrant(sa, row) });
    }
  }
  return { reachable: [...own, ...others], unreachable };
}

/** For the account's page: NotFound unless the actor may manage the account (service_account.manage). */
export async function effectiveAccess(
  ctx: Ctx,
  teamName: string,
  name: string,
  search = "",
): Promise<EffectiveAccess> {
  const sa = await getServiceAccount(ctx, teamName, name);
  return { serviceAccount: sa, ...evaluateAccess(sa, await accessRows(ctx.db, sa, search)) };
}
