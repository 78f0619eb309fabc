// Reading service accounts by id or `<team>/<name>`, shared by the service-account and API-key
// services and the credential verifier. No authorization here: callers decide.
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { ServiceAccountResource } from "@/lib/access/types";
import type { Db, Tx } from "@/lib/db/client";
import { organizations, serviceAccounts, teams, users } from "@/lib/db/schema";
import { NotFound } from "@/lib/errors";

export interface ServiceAccount {
  id: string;
  name: string;
  description: string;
  scope: "org" | "team";
  authMethod: "api_key" | "federated";
  status: "active" | "deactivated" | "deleted";
  orgId: string;
  orgSlug: string;
  orgPlan: "free" | "enterprise";
  teamId: string;
  teamName: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export function serviceAccountResource(sa: ServiceAccount): ServiceAccountResource {
  return {
    type: "service_account",
    id: sa.id,
    name: sa.name,
    orgId: sa.orgId,
    orgPlan: sa.orgPlan,
    scope: sa.scope,
    teamId: sa.teamId,
  };
}

const saColumns = {
  id: serviceAccounts.id,
  name: serviceAccounts.name,
  description: serviceAccounts.description,
  scope: serviceAccounts.scope,
  authMethod: serviceAccounts.authMethod,
  status: serviceAccounts.status,
  orgId: serviceAccounts.orgId,
  orgSlug: organizations.slug,
  orgPlan: organizations.plan,
  teamId: serviceAccounts.teamId,
  teamName: teams.name,
  createdBy: users.username,
  createdAt: serviceAccounts.createdAt,
  lastUsedAt: serviceAccounts.lastUsedAt,
};

export function selectServiceAccounts(db: Db | Tx) {
  return db
    .select(saColumns)
    .from(serviceAccounts)
    .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
    .innerJoin(organizations, eq(organizations.id, serviceAccounts.orgId))
    .leftJoin(users, eq(users.id, serviceAccounts.createdById));
}

export async function requireServiceAccountById(db: Db | Tx, id: string): Promise<ServiceAccount> {
  const [row] = await selectServiceAccounts(db).where(eq(serviceAccounts.id, id)).limit(1);
  if (!row) throw new NotFound("No such service account.");
  return row;
}

/** `<team>/<name>`: the service account's default or parent team and its name (deleted ones excluded). */
export async function findServiceAccount(
  db: Db | Tx,
  teamName: string,
  name: string,
): Promise<ServiceAccount | null> {
  const [row] = await selectServiceAccounts(db)
    .where(
      and(eq(teams.name, teamName), eq(serviceAccounts.name, name), ne(serviceAccounts.status, "deleted")),
    )
    .limit(1);
  return row ?? null;
}

/** The service account, if the actor may manage it (admins only); NotFound otherwise. */
export async function findServiceAccountById(db: Db | Tx, id: string): Promise<ServiceAccount | null> {
  const [row] = await selectServiceAccounts(db).where(eq(serviceAccounts.id, id)).limit(1);
  return row ?? null;
}
