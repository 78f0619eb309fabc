// Builds the policy's view of a user (org and team roles) from the database. Read on every
// request, so a role change applies at once: one query, the roles aggregated beside the user row.
import "server-only";
import { eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Credential, OrgRole, TeamRole, UserPrincipal } from "@/lib/access/types";
import type { Db, Tx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

/** `[id, role]` pairs as json_agg returns them (null for none; a string if the driver left it raw). */
type RolePairs = [string, string][] | string | null;

/**
 * The user's org and team roles as two JSON columns, for any query that knows the user's id (the
 * user row itself, or an API key's owner): no extra round trip for the roles.
 */
export function roleColumns(userId: AnyPgColumn | SQL) {
  return {
    orgRoles: sql<RolePairs>`(select json_agg(json_build_array(om.org_id, om.role)) from organization_members om where om.user_id = ${userId})`,
    teamRoles: sql<RolePairs>`(select json_agg(json_build_array(tm.team_id, tm.role)) from team_members tm where tm.user_id = ${userId})`,
  };
}

function pairs(value: RolePairs): [string, string][] {
  if (value === null) return [];
  return typeof value === "string" ? (JSON.parse(value) as [string, string][]) : value;
}

/** The principal from a row holding the user's id, username and `roleColumns`. */
export function userPrincipalFromRow(
  row: { id: string; username: string; orgRoles: RolePairs; teamRoles: RolePairs },
  credential: Credential,
): UserPrincipal {
  const orgRoles: Record<string, OrgRole> = {};
  for (const [orgId, role] of pairs(row.orgRoles)) orgRoles[orgId] = role as OrgRole;
  const teamRoles: Record<string, TeamRole> = {};
  for (const [teamId, role] of pairs(row.teamRoles)) teamRoles[teamId] = role as TeamRole;
  return { kind: "user", id: row.id, username: row.username, orgRoles, teamRoles, credential };
}

export async function loadUserPrincipal(
  db: Db | Tx,
  userId: string,
  credential: Credential,
): Promise<UserPrincipal | null> {
  const [row] = await db
    .select({ id: users.id, username: users.username, ...roleColumns(users.id) })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ? userPrincipalFromRow(row, credential) : null;
}
