// API keys of users (personal) and of built-in service accounts: creation (the plaintext is
// returned once), listing by key ID, revocation. Verification lives in ./verify.ts.
import "server-only";
import { and, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { can } from "@/lib/access";
import type { ApiKeyResource } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { publishAuthChange } from "@/lib/auth/invalidation";
import { allows, authorize, type Ctx, inTransaction, requireSystem } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { apiKeys, organizations, serviceAccounts, teams, users } from "@/lib/db/schema";
import { AccessDenied, Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import {
  findServiceAccountById,
  type ServiceAccount,
  selectServiceAccounts,
  serviceAccountResource,
} from "@/lib/service-accounts/lookup";
import { generateKey, isKeyId, KEY_PREFIXES } from "./format";
import { hashKey } from "./hash";

export type KeyOwner =
  | { kind: "user"; userId: string; username: string }
  | { kind: "service_account"; serviceAccount: ServiceAccount };

export interface CreatedKey {
  /** The plaintext key. Shown once; never stored, logged or audited. */
  key: string;
  keyId: string;
  name: string;
  /** `<username>` or `<team>/<service account>`. */
  owner: string;
  expiresAt: Date | null;
}

export const keyNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required.")
  .max(100, "Name must be at most 100 characters.");

export function apiKeyResource(owner: KeyOwner): ApiKeyResource {
  return owner.kind === "user"
    ? { type: "api_key", ownerKind: "user", ownerId: owner.userId }
    : {
        type: "api_key",
        ownerKind: "service_account",
        serviceAccount: serviceAccountResource(owner.serviceAccount),
      };
}

/** Where a key event belongs in the audit log: its service account's org and team, or its user. */
function keyAuditScope(owner: KeyOwner) {
  if (owner.kind === "user") return { target: { kind: "user", id: owner.userId, name: owner.username } };
  const sa = owner.serviceAccount;
  return {
    orgId: sa.orgId,
    teamId: sa.teamId,
    target: { kind: "service_account", id: sa.id, name: `${sa.teamName}/${sa.name}` },
  };
}

function ownerLabel(owner: KeyOwner): string {
  return owner.kind === "user"
    ? owner.username
    : `${owner.serviceAccount.teamName}/${owner.serviceAccount.name}`;
}

export async function createApiKey(
  ctx: Ctx,
  input: { owner: KeyOwner; name: string; expiresAt?: Date | null },
): Promise<CreatedKey> {
  authorize(ctx.actor, "api_key.create", apiKeyResource(input.owner));
  const name = keyNameSchema.safeParse(input.name);
  if (!name.success) throw new Invalid("Check the key name.", { name: [name.error.issues[0]!.message] });
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new Invalid("The expiry must be in the future.", { expiresAt: ["Choose a moment in the future."] });
  }
  const { owner } = input;
  if (owner.kind === "service_account") {
    if (owner.serviceAccount.authMethod !== "api_key") {
      throw new Invalid(
        "A federated service account owns no API keys: its workloads exchange a JWT instead.",
      );
    }
    if (owner.serviceAccount.status === "deleted") throw new NotFound("No such service account.");
  }
  const { key, keyId } = generateKey(owner.kind === "user" ? KEY_PREFIXES.user : KEY_PREFIXES.serviceAccount);
  // The key and its audit event land together (a savepoint when the caller's transaction is open).
  const row = await inTransaction(ctx, async (tx) => {
    const [inserted] = await tx.db
      .insert(apiKeys)
      .values({
        id: newId("key"),
        keyId,
        hash: hashKey(key),
        name: name.data,
        userId: owner.kind === "user" ? owner.userId : null,
        serviceAccountId: owner.kind === "service_account" ? owner.serviceAccount.id : null,
        createdById: ctx.actor.kind === "user" ? ctx.actor.id : null,
        expiresAt: input.expiresAt ?? null,
      })
      .returning({ expiresAt: apiKeys.expiresAt });
    await record(tx, {
      ...keyAuditScope(owner),
      action: owner.kind === "user" ? "user:create_api_key" : "service_account:create_api_key",
      details: { keyId, name: name.data, expiresAt: inserted!.expiresAt },
    });
    return inserted!;
  });
  return { key, keyId, name: name.data, owner: ownerLabel(owner), expiresAt: row.expiresAt };
}

export type KeyStatus = "active" | "expired" | "revoked";

export interface ApiKeySummary {
  keyId: string;
  name: string;
  owner: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: KeyStatus;
}

export function keyStatus(
  k: { revokedAt: Date | null; expiresAt: Date | null },
  now = new Date(),
): KeyStatus {
  if (k.revokedAt && k.revokedAt <= now) return "revoked";
  if (k.expiresAt && k.expiresAt <= now) return "expired";
  return "active";
}

const creator = sql<
  string | null
>`(select ${users.username} from ${users} where ${users.id} = ${apiKeys.createdById})`;

const keyColumns = {
  keyId: apiKeys.keyId,
  name: apiKeys.name,
  createdAt: apiKeys.createdAt,
  createdBy: creator,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

/**
 * Keyset position: the keys created before `keyId`'s, in (created_at, id) order. An unknown key ID
 * (one deleted with its owner meanwhile) compares as null: nothing, an empty page.
 */
function olderThanKey(keyId: string): SQL {
  return sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (select c.created_at, c.id from api_keys c where c.key_id = ${keyId})`;
}

/**
 * The owner's keys, newest first (revoked ones included, marked): all of them, or one keyset page
 * (`after`: the key ID of the previous page's last key).
 */
export async function listApiKeys(
  ctx: Ctx,
  owner: KeyOwner,
  page: { after?: string; limit?: number } = {},
): Promise<ApiKeySummary[]> {
  // Whoever may create and revoke an owner's keys may list them.
  authorize(ctx.actor, "api_key.revoke", apiKeyResource(owner));
  const rows = ctx.db
    .select(keyColumns)
    .from(apiKeys)
    .where(
      and(
        owner.kind === "user"
          ? eq(apiKeys.userId, owner.userId)
          : eq(apiKeys.serviceAccountId, owner.serviceAccount.id),
        page.after === undefined ? undefined : olderThanKey(page.after),
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .$dynamic();
  const label = ownerLabel(owner);
  return (await (page.limit === undefined ? rows : rows.limit(page.limit))).map((r) => ({
    ...r,
    owner: label,
    status: keyStatus(r),
  }));
}

/** The key's owner, for authorization: who may revoke it is who may manage its owner. */
async function ownerOfKey(db: Db | Tx, keyId: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      revokedAt: apiKeys.revokedAt,
      userId: apiKeys.userId,
      username: users.username,
      serviceAccountId: apiKeys.serviceAccountId,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.keyId, keyId))
    .limit(1);
  return row ?? null;
}

/** Revokes a key by its key ID; it stops working on the next request, on every instance. */
export async function revokeApiKey(ctx: Ctx, keyId: string): Promise<{ keyId: string; revokedAt: Date }> {
  // Never echo the input: someone may paste a whole key here.
  if (!isKeyId(keyId)) throw new Invalid("That is not a key ID: key IDs look like stw_sa-AbCdEf123456.");
  return inTransaction(ctx, async (tx) => {
    const row = await ownerOfKey(tx.db, keyId);
    if (!row) throw new NotFound(`No key ${keyId}.`);
    const owner = await resolveOwner(tx.db, row);
    authorize(tx.actor, "api_key.revoke", apiKeyResource(owner));
    // Already revoked: nothing to do. A revocation scheduled by a rotation is brought forward.
    if (row.revokedAt && row.revokedAt.getTime() <= Date.now()) return { keyId, revokedAt: row.revokedAt };
    const [updated] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.revokedAt), sql`${apiKeys.revokedAt} > now()`)))
      .returning({ revokedAt: apiKeys.revokedAt });
    await publishAuthChange(tx.db, [`key:${keyId}`]);
    await record(tx, {
      ...keyAuditScope(owner),
      action: owner.kind === "user" ? "user:revoke_api_key" : "service_account:revoke_api_key",
      details: { keyId },
    });
    return { keyId, revokedAt: updated?.revokedAt ?? new Date() };
  });
}

async function resolveOwner(
  db: Db | Tx,
  row: { userId: string | null; username: string | null; serviceAccountId: string | null },
): Promise<KeyOwner> {
  if (row.userId) return { kind: "user", userId: row.userId, username: row.username ?? "" };
  const sa = await findServiceAccountById(db, row.serviceAccountId!);
  if (!sa) throw new NotFound("No such key.");
  return { kind: "service_account", serviceAccount: sa };
}

/** Every key of the instance, for the operator (CLI `key list`). */
export async function listAllApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  requireSystem(ctx.actor);
  const owner = sql<string>`coalesce(
    (select ${users.username} from ${users} where ${users.id} = ${apiKeys.userId}),
    (select t.name || '/' || sa.name from service_accounts sa join teams t on t.id = sa.team_id
      where sa.id = ${apiKeys.serviceAccountId}))`;
  const rows = await ctx.db
    .select({ ...keyColumns, owner })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, status: keyStatus(r) }));
}

export const ROTATION_OVERLAPS = { now: 0, "1h": 3600, "24h": 86_400, "7d": 7 * 86_400 } as const;
export type RotationOverlap = keyof typeof ROTATION_OVERLAPS;

/**
 * Rotation without downtime: a new key for the same owner (same name and lifetime), and the old
 * key revoked now or after an overlap, during which both work ("revokes at ..." until then).
 */
export async function rotateApiKey(
  ctx: Ctx,
  keyId: string,
  overlap: RotationOverlap,
): Promise<{ created: CreatedKey; old: { keyId: string; revokesAt: Date } }> {
  if (!isKeyId(keyId)) throw new Invalid("That is not a key ID: key IDs look like stw_sa-AbCdEf123456.");
  if (!(overlap in ROTATION_OVERLAPS))
    throw new Invalid("Choose when the old key stops working: now, 1h, 24h or 7d.");
  return inTransaction(ctx, async (tx) => {
    const row = await ownerOfKey(tx.db, keyId);
    if (!row) throw new NotFound(`No key ${keyId}.`);
    const owner = await resolveOwner(tx.db, row);
    authorize(tx.actor, "api_key.revoke", apiKeyResource(owner));
    const [old] = await tx.db
      .select({ name: apiKeys.name, expiresAt: apiKeys.expiresAt, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, row.id))
      .for("update")
      .limit(1);
    if (!old || keyStatus(old) !== "active") {
      throw new Invalid(`${keyId} is no longer active: create a new key instead of rotating it.`);
    }
    const created = await createApiKey(tx, {
      owner,
      name: old.name,
      expiresAt: old.expiresAt && old.expiresAt.getTime() > Date.now() ? old.expiresAt : null,
    });
    const revokesAt = new Date(Date.now() + ROTATION_OVERLAPS[overlap] * 1000);
    // Never push an earlier scheduled revocation later.
    const at = old.revokedAt && old.revokedAt < revokesAt ? old.revokedAt : revokesAt;
    await tx.db.update(apiKeys).set({ revokedAt: at }).where(eq(apiKeys.id, row.id));
    await publishAuthChange(tx.db, [`key:${keyId}`]);
    await record(tx, {
      ...keyAuditScope(owner),
      action: owner.kind === "user" ? "user:rotate_api_key" : "service_account:rotate_api_key",
      details: { oldKeyId: keyId, newKeyId: created.keyId, revokesAt: at, overlap },
    });
    return { created, old: { keyId, revokesAt: at } };
  });
}

/** The answer for a key that does not exist and for one the caller may not see: the same. */
const UNKNOWN_SELECTION =
  "Some of the selected keys do not exist or are not yours to revoke. Reload the list and try again.";

export const MAX_BULK_REVOKE = 500;

/**
 * Revokes several keys at once (the API keys lists): all of them or none. Every key is authorized
 * like a single revocation; one refused or unknown key refuses the whole selection.
 */
export async function revokeApiKeys(ctx: Ctx, keyIds: string[]): Promise<{ revoked: number }> {
  const unique = [...new Set(keyIds)];
  if (!unique.length) throw new Invalid("Select at least one key.");
  if (unique.length > MAX_BULK_REVOKE) throw new Invalid(`Revoke at most ${MAX_BULK_REVOKE} keys at a time.`);
  // Never echo the input: someone may paste a whole key here.
  if (!unique.every(isKeyId))
    throw new Invalid("Only key IDs can be revoked: reload the list and try again.");
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.db
      .select({
        id: apiKeys.id,
        keyId: apiKeys.keyId,
        revokedAt: apiKeys.revokedAt,
        userId: apiKeys.userId,
        username: users.username,
        serviceAccountId: apiKeys.serviceAccountId,
      })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.userId))
      .where(inArray(apiKeys.keyId, unique))
      .for("update", { of: apiKeys });
    if (rows.length !== unique.length) throw new NotFound(UNKNOWN_SELECTION);
    const saIds = [...new Set(rows.flatMap((r) => (r.serviceAccountId ? [r.serviceAccountId] : [])))];
    const accounts = new Map(
      (saIds.length ? await selectServiceAccounts(tx.db).where(inArray(serviceAccounts.id, saIds)) : []).map(
        (sa) => [sa.id, sa],
      ),
    );
    const owners = new Map<string, KeyOwner>();
    for (const row of rows) {
      const sa = row.serviceAccountId ? accounts.get(row.serviceAccountId) : undefined;
      if (!row.userId && !sa) throw new NotFound(UNKNOWN_SELECTION);
      const owner: KeyOwner = row.userId
        ? { kind: "user", userId: row.userId, username: row.username ?? "" }
        : { kind: "service_account", serviceAccount: sa! };
      const decision =
        tx.actor.kind === "system" ? null : can(tx.actor, "api_key.revoke", apiKeyResource(owner));
      if (decision && !decision.allowed) {
        // A key the caller may not see answers like a missing one; a visible refusal keeps its reason.
        if (decision.status === 404) throw new NotFound(UNKNOWN_SELECTION);
        throw new AccessDenied(decision);
      }
      owners.set(row.keyId, owner);
    }
    // Already revoked keys stay as they are; a revocation scheduled by a rotation is brought forward.
    const updated = await tx.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          inArray(
            apiKeys.id,
            rows.map((r) => r.id),
          ),
          or(isNull(apiKeys.revokedAt), sql`${apiKeys.revokedAt} > now()`),
        ),
      )
      .returning({ keyId: apiKeys.keyId });
    await publishAuthChange(
      tx.db,
      updated.map((u) => `key:${u.keyId}` as const),
    );
    for (const { keyId } of updated) {
      const owner = owners.get(keyId)!;
      await record(tx, {
        ...keyAuditScope(owner),
        action: owner.kind === "user" ? "user:revoke_api_key" : "service_account:revoke_api_key",
        details: { keyId, bulk: true },
      });
    }
    return { revoked: updated.length };
  });
}

export type KeyStatusFilter = KeyStatus | "all";

export interface KeyListFilter {
  /** Part of the key's name, key ID or owner (`<team>/<service account>`); a whole key ID matches exactly. */
  search?: string;
  status?: KeyStatusFilter;
  /** The key ID of the last key of the previous page (keyset pagination: newest first). */
  after?: string | null;
  limit?: number;
}

export interface ServiceAccountKey extends ApiKeySummary {
  serviceAccount: {
    team: string;
    name: string;
    scope: "org" | "team";
    status: "active" | "deactivated" | "deleted";
  };
  /** Whether the caller may revoke this key (the same policy the revocation enforces). */
  canRevoke: boolean;
}

export interface ServiceAccountKeyPage {
  keys: ServiceAccountKey[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const MAX_KEY_PAGE = 200;

/** Every service-account key of the org (the org's API keys tab), newest first. */
export async function listOrgServiceAccountKeys(
  ctx: Ctx,
  org: { id: string; slug: string; plan: "free" | "enterprise" },
  filter: KeyListFilter = {},
): Promise<ServiceAccountKeyPage> {
  authorize(ctx.actor, "organization.list_api_keys", {
    type: "organization",
    id: org.id,
    slug: org.slug,
    plan: org.plan,
  });
  return listServiceAccountKeys(ctx, eq(serviceAccounts.orgId, org.id), filter);
}

/**
 * The keys of the team's own (team-scoped) service accounts, for its Service Accounts tab: those a
 * team admin manages. Org service accounts' keys are managed on the org's API keys tab.
 */
export async function listTeamServiceAccountKeys(
  ctx: Ctx,
  team: { id: string; name: string; orgId: string; orgPlan: "free" | "enterprise" },
  filter: KeyListFilter = {},
): Promise<ServiceAccountKeyPage> {
  authorize(ctx.actor, "service_account.list_team", {
    type: "team",
    id: team.id,
    name: team.name,
    orgId: team.orgId,
    orgPlan: team.orgPlan,
  });
  return listServiceAccountKeys(
    ctx,
    and(eq(serviceAccounts.teamId, team.id), eq(serviceAccounts.scope, "team"))!,
    filter,
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const notRevoked = sql`(${apiKeys.revokedAt} is null or ${apiKeys.revokedAt} > now())`;
const STATUS_CONDITION = {
  revoked: sql`${apiKeys.revokedAt} <= now()`,
  expired: sql`${notRevoked} and ${apiKeys.expiresAt} <= now()`,
  active: sql`${notRevoked} and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
} as const;

/*
 * One page, newest first, by keyset: (created_at, id) below the cursor key's, so page 1,000 costs what
 * page 1 does. The plan: the accounts of the org or team (service_accounts_org_name_idx, or a scan of
 * a team's few accounts), their keys (api_keys_service_account_idx), a top-N sort. Keys of deleted
 * accounts are left out: all of them were revoked with their account, whose name may be reused.
 */
async function listServiceAccountKeys(
  ctx: Ctx,
  scope: SQL,
  filter: KeyListFilter,
): Promise<ServiceAccountKeyPage> {
  const limit = Math.max(1, Math.min(filter.limit ?? 50, MAX_KEY_PAGE));
  const conditions: SQL[] = [scope, ne(serviceAccounts.status, "deleted")];
  const search = filter.search?.trim();
  if (search && isKeyId(search)) {
    conditions.push(eq(apiKeys.keyId, search));
  } else if (search) {
    const like = `%${escapeLike(search)}%`;
    conditions.push(
      or(
        ilike(apiKeys.name, like),
        ilike(apiKeys.keyId, like),
        ilike(sql`${teams.name} || '/' || ${serviceAccounts.name}`, like),
      )!,
    );
  }
  const status = filter.status && filter.status !== "all" ? STATUS_CONDITION[filter.status] : undefined;
  if (status) conditions.push(status);
  if (filter.after) {
    conditions.push(olderThanKey(filter.after));
  }
  const rows = await ctx.db
    .select({
      ...keyColumns,
      saId: serviceAccounts.id,
      saName: serviceAccounts.name,
      saScope: serviceAccounts.scope,
      saStatus: serviceAccounts.status,
      saAuthMethod: serviceAccounts.authMethod,
      orgId: serviceAccounts.orgId,
      orgPlan: organizations.plan,
      teamId: serviceAccounts.teamId,
      teamName: teams.name,
    })
    .from(apiKeys)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
    .innerJoin(organizations, eq(organizations.id, serviceAccounts.orgId))
    .where(and(...conditions))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const keys = page.map(
    ({ saId, saName, saScope, saStatus, saAuthMethod, orgId, orgPlan, teamId, teamName, ...k }) => {
      const status = keyStatus(k);
      const resource: ApiKeyResource = {
        type: "api_key",
        ownerKind: "service_account",
        serviceAccount: {
          type: "service_account",
          id: saId,
          name: saName,
          orgId,
          orgPlan,
          scope: saScope,
          teamId,
        },
      };
      return {
        ...k,
        owner: `${teamName}/${saName}`,
        status,
        serviceAccount: { team: teamName, name: saName, scope: saScope, status: saStatus },
        canRevoke: status === "active" && allows(ctx.actor, "api_key.revoke", resource),
      };
    },
  );
  return { keys, nextCursor: rows.length > limit ? page[page.length - 1]!.keyId : null };
}
