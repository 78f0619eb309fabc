// A service account's effective access: every project it can read or write, with the rule that
// decided, and the projects someone might expect it to reach but it cannot, with how access would
// be granted. One query, then the same pure policy the API enforces, so the view cannot drift.
import "server-only";
import { eq, inArray, or } from "drizzle-orm";
import { can } from "@/lib/access";
import type { ProjectResource, ServiceAccountPrincipal } from "@/lib/access/types";
import type { Ctx } from "@/lib/context";
import { projectServiceAccounts, projects, teams } from "@/lib/db/schema";
import type { ServiceAccount } from "./lookup";
import { getServiceAccount } from "./service";

export interface AccessEntry {
  projectId: string;
  team: string;
  project: string;
  visibility: ProjectResource["visibility"];
  read: boolean;
  write: boolean;
  /** The policy's reason for the answer. */
  reason: string;
  /** For a project out of reach: what would grant access. */
  howToGrant?: string;
}

export interface EffectiveAccess {
  serviceAccount: ServiceAccount;
  /** Projects it can read or write, grouped by team name (its own team first). */
  reachable: Array<{ team: string; projects: AccessEntry[] }>;
  /** Projects of its org someone might expect it to reach. */
  unreachable: AccessEntry[];
}

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

export async function effectiveAccess(ctx: Ctx, teamName: string, name: string): Promise<EffectiveAccess> {
  const sa = await getServiceAccount(ctx, teamName, name);
  const principal = principalOfServiceAccount(sa);
  // Its org's projects, and open or public projects anywhere (any credential may use those).
  const rows = await ctx.db
    .select({
      id: projects.id,
      name: projects.name,
      visibility: projects.visibility,
      ownerId: projects.ownerId,
      teamId: projects.teamId,
      teamName: teams.name,
      orgId: teams.orgId,
    })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .where(or(eq(teams.orgId, sa.orgId), inArray(projects.visibility, ["open", "public"])));
  const listed = new Set(
    (
      await ctx.db
        .select({ projectId: projectServiceAccounts.projectId })
        .from(projectServiceAccounts)
        .where(eq(projectServiceAccounts.serviceAccountId, sa.id))
    ).map((r) => r.projectId),
  );

  const reachable = new Map<string, AccessEntry[]>();
  const unreachable: AccessEntry[] = [];
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
      restrictedMembers: { userIds: [], serviceAccountIds: listed.has(row.id) ? [sa.id] : [] },
    };
    const read = can(principal, "project.read", resource);
    const write = can(principal, "project.write", resource);
    const entry: AccessEntry = {
      projectId: row.id,
      team: row.teamName,
      project: row.name,
      visibility: row.visibility,
      read: read.allowed,
      write: write.allowed,
      reason: write.allowed ? write.reason : read.reason,
    };
    if (entry.read || entry.write) {
      reachable.set(row.teamName, [...(reachable.get(row.teamName) ?? []), entry]);
    } else if (row.orgId === sa.orgId) {
      entry.howToGrant =
        row.visibility === "restricted"
          ? `An admin of ${row.teamName} (or an org admin, or the project's owner) lists ${sa.name} on the project's Users tab.`
          : `Only ${row.teamName}'s own service accounts and org service accounts reach its team projects: use an org service account, or make the project public (read) or open (read and write).`;
      unreachable.push(entry);
    }
  }
  const byName = (a: AccessEntry, b: AccessEntry) => a.project.localeCompare(b.project);
  const groups = [...reachable.entries()]
    .map(([team, list]) => ({ team, projects: list.sort(byName) }))
    .sort((a, b) =>
      a.team === sa.teamName ? -1 : b.team === sa.teamName ? 1 : a.team.localeCompare(b.team),
    );
  return {
    serviceAccount: sa,
    reachable: groups,
    unreachable: unreachable.sort((a, b) => a.team.localeCompare(b.team) || byName(a, b)),
  };
}
