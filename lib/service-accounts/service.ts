// Service accounts: org-scoped (default team) and team-scoped (parent team), their lifecycle
// (deactivate, reactivate, delete) and their listing on restricted projects.
import "server-only";
import { and, asc, eq, ilike, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { ENTERPRISE_FEATURE_REASON } from "@/lib/access";
import { parseExpiry } from "@/lib/api-keys/expiry";
import {
  type ApiKeySummary,
  type CreatedKey,
  createApiKey,
  type KeyOwner,
  listApiKeys,
  type RotationOverlap,
  revokeApiKey,
  rotateApiKey,
} from "@/lib/api-keys/service";
import { record } from "@/lib/audit";
import { publishAuthChange } from "@/lib/auth/invalidation";
import { allows, authorize, type Ctx, inTransaction } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { apiKeys, projectServiceAccounts, serviceAccounts } from "@/lib/db/schema";
import { asSentence, Conflict, Invalid, NotFound, ServiceError } from "@/lib/errors";
import {
  bindFederatedIdentity,
  type FederatedBinding,
  type ResolvedBinding,
  resolveFederatedBinding,
} from "@/lib/federation/bindings";
import { newId } from "@/lib/ids";
import { getOrganization, orgResource } from "@/lib/orgs/service";
import { findTeam, getTeam, teamResource } from "@/lib/teams/service";
import { fieldErrorsOf } from "@/lib/validation";
import {
  findServiceAccount,
  requireServiceAccountById,
  type ServiceAccount,
  selectServiceAccounts,
  serviceAccountResource,
} from "./lookup";

export type { ServiceAccount } from "./lookup";

export const serviceAccountNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required.")
  .max(64, "Name must be at most 64 characters.")
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    "Use lowercase letters, digits, '-' and '_', starting with a letter or digit.",
  );

const descriptionSchema = z
  .string()
  .trim()
  .max(500, "Description must be at most 500 characters.")
  .optional();

function parseName(name: string): string {
  const parsed = serviceAccountNameSchema.safeParse(name);
  if (!parsed.success) throw new Invalid("Check the name.", { name: fieldErrorsOf(parsed.error)._ ?? [] });
  return parsed.data;
}

export type NewServiceAccount =
  | { scope: "org"; org: string; defaultTeam: string; name: string; description?: string; withKey?: boolean }
  | {
      scope: "team";
      team: string;
      name: string;
      description?: string;
      withKey?: boolean;
      /** A federated account: bound to a JWT issuer of the team's org and an exact subject; no keys. */
      federated?: FederatedBinding;
    };

export interface CreatedServiceAccount {
  serviceAccount: ServiceAccount;
  /** The first API key, when asked for: its plaintext exists only here. */
  key: CreatedKey | null;
}

export function teamServiceAccountCreationDisabled(): boolean {
  return process.env.DISABLE_TEAM_SERVICE_ACCOUNT_CREATION === "true";
}

export async function createServiceAccount(
  ctx: Ctx,
  input: NewServiceAccount,
): Promise<CreatedServiceAccount> {
  const name = parseName(input.name);
  const description = descriptionSchema.safeParse(input.description);
  if (!description.success)
    throw new Invalid("Check the description.", { description: ["At most 500 characters."] });
  const federated = (input as { federated?: FederatedBinding }).federated;
  if (federated && (input.scope !== "team" || input.withKey)) {
    throw new Invalid(
      input.scope === "team"
        ? "A federated service account owns no API keys: its workloads exchange a JWT instead."
        : "Only team service accounts can use a federated identity.",
    );
  }
  return inTransaction(ctx, async (tx) => {
    let orgId: string;
    let teamId: string;
    let plan: "free" | "enterprise";
    let binding: ResolvedBinding | null = null;
    if (input.scope === "org") {
      const org = await getOrganization(tx, input.org);
      authorize(tx.actor, "service_account.create_org_scoped", orgResource(org));
      const team = await findTeam(tx.db, input.defaultTeam);
      if (!team || team.orgId !== org.id) {
        throw new Invalid(`Choose a default team of ${org.slug}.`, {
          defaultTeam: [`${org.slug} has no team ${input.defaultTeam}.`],
        });
      }
      orgId = org.id;
      teamId = team.id;
      plan = org.plan;
    } else {
      const team = await getTeam(tx, input.team);
      authorize(tx.actor, "service_account.create_team_scoped", teamResource(team));
      if (teamServiceAccountCreationDisabled()) {
        throw new Invalid(
          "Creating team service accounts is disabled on this instance; ask an org admin for an org service account.",
        );
      }
      orgId = team.orgId;
      teamId = team.id;
      plan = team.orgPlan;
    }
    // Also for the operator: service accounts of a free org could not authenticate anyway.
    if (plan !== "enterprise") throw new ServiceError(asSentence(ENTERPRISE_FEATURE_REASON), 403);
    if (federated) binding = await resolveFederatedBinding(tx.db, orgId, federated);
    const [row] = await tx.db
      .insert(serviceAccounts)
      .values({
        id: newId("sa"),
        orgId,
        teamId,
        scope: input.scope,
        name,
        description: description.data ?? "",
        authMethod: binding ? "federated" : "api_key",
        createdById: tx.actor.kind === "user" ? tx.actor.id : null,
      })
      .onConflictDoNothing()
      .returning({ id: serviceAccounts.id });
    if (!row) {
      throw new Conflict(`A service account named ${name} already exists in that team.`, {
        name: ["This name is already used in that team."],
      });
    }
    if (binding) await bindFederatedIdentity(tx.db, row.id, binding);
    const serviceAccount = await requireServiceAccountById(tx.db, row.id);
    const key = input.withKey
      ? await createApiKey(tx, { owner: { kind: "service_account", serviceAccount }, name: "default" })
      : null;
    await record(tx, {
      action: input.scope === "org" ? "org:create_service_account" : "team:create_service_account",
      orgId,
      teamId,
      target: { kind: "service_account", id: serviceAccount.id, name: `${serviceAccount.teamName}/${name}` },
      details: {
        scope: input.scope,
        authMethod: serviceAccount.authMethod,
        ...(binding ? { issuer: binding.issuerUrl, subject: binding.subject } : {}),
      },
    });
    return { serviceAccount, key };
  });
}

export async function getServiceAccount(ctx: Ctx, teamName: string, name: string): Promise<ServiceAccount> {
  const sa = await findServiceAccount(ctx.db, teamName, name);
  if (!sa) throw new NotFound(`No service account ${teamName}/${name}.`);
  authorize(ctx.actor, "service_account.manage", serviceAccountResource(sa));
  return sa;
}

export interface ServiceAccountListItem extends ServiceAccount {
  activeKeyCount: number;
}

export interface ListOptions {
  search?: string;
  limit?: number;
  /** Page by number (the tabs' numbered pages). */
  offset?: number;
  /** Keyset: only the accounts sorting after this one in (name, id) order (the REST API's cursors). */
  after?: { name: string; id: string };
}

async function listWhere(ctx: Ctx, where: ReturnType<typeof and>, opts: ListOptions) {
  const conditions = [where, ne(serviceAccounts.status, "deleted")];
  if (opts.search?.trim())
    conditions.push(ilike(serviceAccounts.name, `%${escapeLike(opts.search.trim())}%`));
  if (opts.after) {
    // `name >=` lets the (org, name) index start at the cursor; the row comparison breaks name ties.
    const { name, id } = opts.after;
    conditions.push(
      sql`${serviceAccounts.name} >= ${name} and (${serviceAccounts.name}, ${serviceAccounts.id}) > (${name}, ${id})`,
    );
  }
  const rows = await selectServiceAccounts(ctx.db)
    .where(and(...conditions))
    .orderBy(asc(serviceAccounts.name), asc(serviceAccounts.id))
    .limit(Math.min(opts.limit ?? 50, 500))
    .offset(opts.offset ?? 0);
  const counts = await activeKeyCounts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, activeKeyCount: counts.get(r.id) ?? 0 }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function activeKeyCounts(db: Db | Tx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: apiKeys.serviceAccountId, n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(
      and(
        inArray(apiKeys.serviceAccountId, ids),
        sql`${apiKeys.revokedAt} is null and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
      ),
    )
    .groupBy(apiKeys.serviceAccountId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

/** Every service account of the org, org- and team-scoped (the org's Service Accounts tab). */
export async function listOrgServiceAccounts(ctx: Ctx, orgSlug: string, opts: ListOptions = {}) {
  const org = await getOrganization(ctx, orgSlug);
  authorize(ctx.actor, "service_account.list_org", orgResource(org));
  return listWhere(ctx, eq(serviceAccounts.orgId, org.id), opts);
}

/** The team's own service accounts and the org-scoped ones whose default team it is. */
export async function listTeamServiceAccounts(ctx: Ctx, teamName: string, opts: ListOptions = {}) {
  const team = await getTeam(ctx, teamName);
  authorize(ctx.actor, "service_account.list_team", teamResource(team));
  return listWhere(ctx, eq(serviceAccounts.teamId, team.id), opts);
}

export async function setServiceAccountStatus(
  ctx: Ctx,
  teamName: string,
  name: string,
  status: "active" | "deactivated",
): Promise<ServiceAccount> {
  return inTransaction(ctx, async (tx) => {
    const sa = await getServiceAccount(tx, teamName, name);
    if (sa.status === status) return sa;
    await tx.db.update(serviceAccounts).set({ status }).where(eq(serviceAccounts.id, sa.id));
    await publishAuthChange(tx.db, [`sa:${sa.id}`]);
    await record(tx, {
      action: status === "active" ? "service_account:reactivate" : "service_account:deactivate",
      orgId: sa.orgId,
      teamId: sa.teamId,
      target: { kind: "service_account", id: sa.id, name: `${sa.teamName}/${sa.name}` },
      details: { before: sa.status, after: status },
    });
    return { ...sa, status };
  });
}

/**
 * Deletes a service account: revokes its keys, drops its project listings and frees its name.
 * The row stays (status deleted), so its runs and traces keep naming who logged them.
 */
export async function deleteServiceAccount(
  ctx: Ctx,
  teamName: string,
  name: string,
): Promise<ServiceAccount> {
  return inTransaction(ctx, async (tx) => {
    const sa = await getServiceAccount(tx, teamName, name);
    await tx.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.serviceAccountId, sa.id), sql`${apiKeys.revokedAt} is null`));
    await tx.db.delete(projectServiceAccounts).where(eq(projectServiceAccounts.serviceAccountId, sa.id));
    await tx.db
      .update(serviceAccounts)
      .set({ status: "deleted", deletedAt: sql`now()` })
      .where(eq(serviceAccounts.id, sa.id));
    await publishAuthChange(tx.db, [`sa:${sa.id}`]);
    await record(tx, {
      action: "service_account:delete",
      orgId: sa.orgId,
      teamId: sa.teamId,
      target: { kind: "service_account", id: sa.id, name: `${sa.teamName}/${sa.name}` },
      details: { before: sa.status },
    });
    return { ...sa, status: "deleted" };
  });
}

/** Which controls to show for a service account: the same policy the server enforces. */
export function serviceAccountPermissions(ctx: Ctx, sa: ServiceAccount) {
  return { manage: allows(ctx.actor, "service_account.manage", serviceAccountResource(sa)) };
}

/** Renames a service account and/or edits its description (its keys keep working). */
export async function updateServiceAccount(
  ctx: Ctx,
  teamName: string,
  name: string,
  changes: { name?: string; description?: string },
): Promise<ServiceAccount> {
  const newName = changes.name === undefined ? undefined : parseName(changes.name);
  const description = descriptionSchema.safeParse(changes.description);
  if (!description.success)
    throw new Invalid("Check the description.", { description: ["At most 500 characters."] });
  return inTransaction(ctx, async (tx) => {
    const sa = await getServiceAccount(tx, teamName, name);
    const set: { name?: string; description?: string } = {};
    if (newName !== undefined && newName !== sa.name) set.name = newName;
    if (description.data !== undefined) set.description = description.data;
    if (!Object.keys(set).length) return sa;
    const updated = await tx.db
      .update(serviceAccounts)
      .set(set)
      .where(eq(serviceAccounts.id, sa.id))
      .returning({ id: serviceAccounts.id })
      .catch((err: unknown) => {
        // the partial unique index on (team, name) of live accounts
        if (
          (err as { code?: string }).code === "23505" ||
          String(err).includes("service_accounts_team_name_unique")
        ) {
          throw new Conflict(`A service account named ${newName} already exists in ${sa.teamName}.`, {
            name: ["This name is already used in that team."],
          });
        }
        throw err;
      });
    if (!updated.length) throw new NotFound(`No service account ${teamName}/${name}.`);
    if (set.name) await publishAuthChange(tx.db, [`sa:${sa.id}`]);
    await record(tx, {
      action: set.name ? "service_account:rename" : "service_account:update",
      orgId: sa.orgId,
      teamId: sa.teamId,
      target: { kind: "service_account", id: sa.id, name: `${sa.teamName}/${sa.name}` },
      details: {
        before: { name: sa.name, description: sa.description },
        after: { name: set.name ?? sa.name, description: set.description ?? sa.description },
      },
    });
    return { ...sa, ...set };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The keys of one service account (its page). Each call names the account, so a key ID posted for
// another account is refused even when the caller may manage both: the page acts on what it shows.

function keyOwnerOf(sa: ServiceAccount): KeyOwner {
  return { kind: "service_account", serviceAccount: sa };
}

/** Its keys, newest first (revoked and expired ones included, marked). */
export async function listServiceAccountKeys(
  ctx: Ctx,
  teamName: string,
  name: string,
): Promise<ApiKeySummary[]> {
  const sa = await getServiceAccount(ctx, teamName, name);
  return listApiKeys(ctx, keyOwnerOf(sa));
}

export const newKeyInputSchema = z.object({
  name: z.string(),
  /** "never", a lifetime such as "30d", or "custom" (then `expiresOn` holds the date). */
  expiry: z.string().trim().default("never"),
  expiresOn: z.string().trim().optional(),
});
export type NewKeyInput = z.input<typeof newKeyInputSchema>;

function expiryOf(input: z.infer<typeof newKeyInputSchema>): Date | null {
  const custom = input.expiry === "custom";
  if (custom && !input.expiresOn) {
    throw new Invalid("Choose the date the key expires.", { expiresOn: ["Choose a date."] });
  }
  const expiresAt = parseExpiry(custom ? input.expiresOn : input.expiry);
  if (expiresAt && "error" in expiresAt) {
    throw new Invalid(expiresAt.error, { [custom ? "expiresOn" : "expiry"]: [expiresAt.error] });
  }
  return expiresAt;
}

/** A new key for the account; its plaintext is in the result, once. */
export async function createServiceAccountKey(
  ctx: Ctx,
  teamName: string,
  name: string,
  input: NewKeyInput,
): Promise<CreatedKey> {
  const parsed = newKeyInputSchema.safeParse(input);
  if (!parsed.success) throw new Invalid("Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return inTransaction(ctx, async (tx) => {
    const sa = await getServiceAccount(tx, teamName, name);
    // Checked before the expiry, so a refused caller learns nothing from a validation message.
    return createApiKey(tx, {
      owner: keyOwnerOf(sa),
      name: parsed.data.name,
      expiresAt: expiryOf(parsed.data),
    });
  });
}

/** One of the account's keys, or NotFound (never repeating the input: it may be a pasted key). */
async function keyOf(ctx: Ctx, sa: ServiceAccount, keyId: string): Promise<ApiKeySummary> {
  const key = (await listApiKeys(ctx, keyOwnerOf(sa))).find((k) => k.keyId === keyId);
  if (!key)
    throw new NotFound(`Service account ${sa.name} has no such key: reload the page to see its keys.`);
  return key;
}

/** Revokes one of its keys: it stops working on the next request, on every instance. */
export async function revokeServiceAccountKey(
  ctx: Ctx,
  teamName: string,
  name: string,
  keyId: string,
): Promise<{ keyId: string; name: string; revokedAt: Date }> {
  return inTransaction(ctx, async (tx) => {
    const sa = await getServiceAccount(tx, teamName, name);
    const key = await keyOf(tx, sa, keyId);
    return { ...(await revokeApiKey(tx, keyId)), name: key.name };
  });
}

/** Replaces one of its keys: a new key now, the old one revoked now or after an overlap. */
export async function rotateServiceAccountKey(
  ctx: Ctx,
  teamName: string,
  name: string,
  keyId: string,
  overlap: RotationOverlap,
): Promise<Awaited<ReturnType<typeof rotateApiKey>>> {
  return inTransaction(ctx, async (tx) => {
    const sa = await getServiceAccount(tx, teamName, name);
    await keyOf(tx, sa, keyId);
    return rotateApiKey(tx, keyId, overlap);
  });
}
