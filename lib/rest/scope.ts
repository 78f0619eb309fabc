// Which organization a REST path points into (by org slug, team name or key ID), read without
// authorization: only to tell the org's own members a 403 from outsiders' 404 (./endpoint.ts).
import "server-only";
import { eq } from "drizzle-orm";
import { allows, type Ctx } from "@/lib/context";
import { apiKeys, organizations, serviceAccounts } from "@/lib/db/schema";
import { type Organization, orgResource } from "@/lib/orgs/service";
import { findTeam } from "@/lib/teams/service";

export type OrgScope = Organization;

const orgColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  plan: organizations.plan,
};

export async function orgBySlug(ctx: Ctx, slug: string): Promise<OrgScope | null> {
  const [org] = await ctx.db
    .select(orgColumns)
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  return org ?? null;
}

export async function orgOfTeam(ctx: Ctx, teamName: string): Promise<OrgScope | null> {
  const team = await findTeam(ctx.db, teamName);
  return team ? { id: team.orgId, slug: team.orgSlug, name: team.orgName, plan: team.orgPlan } : null;
}

/** The org of a service account's key; personal keys belong to no org. */
export async function orgOfKey(ctx: Ctx, keyId: string): Promise<OrgScope | null> {
  const [org] = await ctx.db
    .select(orgColumns)
    .from(apiKeys)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .innerJoin(organizations, eq(organizations.id, serviceAccounts.orgId))
    .where(eq(apiKeys.keyId, keyId))
    .limit(1);
  return org ?? null;
}

/** Members of the org (any role) and its service accounts: whoever the policy lets see the org. */
export function callerBelongsTo(ctx: Ctx, org: OrgScope): boolean {
  return allows(ctx.actor, "organization.read", orgResource(org));
}
