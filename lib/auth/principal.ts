// Builds the policy's view of a user (org and team roles) from the database. Read on every
// request, so a role change applies at once.
import "server-only";
import { eq } from "drizzle-orm";
import type { Credential, OrgRole, TeamRole, UserPrincipal } from "@/lib/access/types";
import type { Db, Tx } from "@/lib/db/client";
import { organizationMembers, teamMembers, users } from "@/lib/db/schema";

export async function loadUserPrincipal(
  db: Db | Tx,
  userId: string,
  credential: Credential,
): Promise<UserPrincipal | null> {
  const [user, orgRows, teamRows] = await Promise.all([
    db.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, userId)).limit(1),
    db
      .select({ orgId: organizationMembers.orgId, role: organizationMembers.role })
      .from(organizationMembers)
      .where(eq(organizationMembers.userId, userId)),
    db
      .select({ teamId: teamMembers.teamId, role: teamMembers.role })
      .from(teamMembers)
      .where(eq(teamMembers.userId, userId)),
  ]);
  if (!user[0]) return null;
  const orgRoles: Record<string, OrgRole> = {};
  for (const r of orgRows) orgRoles[r.orgId] = r.role;
  const teamRoles: Record<string, TeamRole> = {};
  for (const r of teamRows) teamRoles[r.teamId] = r.role;
  return { kind: "user", id: user[0].id, username: user[0].username, orgRoles, teamRoles, credential };
}
