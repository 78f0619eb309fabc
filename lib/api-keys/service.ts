// API keys of users (personal) and of built-in service accounts: creation (the plaintext is
// returned once), listing by key ID, revocation. Verification lives in ./verify.ts.
import "server-only";
import { and, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { ApiKeyResource } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { publishAuthChange } from "@/lib/auth/invalidation";
import { authorize, type Ctx, inTransaction, requireSystem } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { apiKeys, serviceAccounts, teams, users } from "@/lib/db/schema";
import { Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import {
  findServiceAccountById,
  type ServiceAccount,
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
  const [row] = await ctx.db
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
  await record(ctx, {
    ...keyAuditScope(owner),
    action: owner.kind === "user" ? "user:create_api_key" : "service_account:create_api_key",
    details: { keyId, name: name.data, expiresAt: row!.expiresAt },
  });
  return { key, keyId, name: name.data, owner: ownerLabel(owner), expiresAt: row!.expiresAt };
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

/** The owner's keys, newest first (revoked ones included, marked). */
export async function listApiKeys(ctx: Ctx, owner: KeyOwner): Promise<ApiKeySummary[]> {
  // Whoever may create and revoke an owner's keys may list them.
  authorize(ctx.actor, "api_key.revoke", apiKeyResource(owner));
  const rows = await ctx.db
    .select(keyColumns)
    .from(apiKeys)
    .where(
      owner.kind === "user"
        ? eq(apiKeys.userId, owner.userId)
        : eq(apiKeys.serviceAccountId, owner.serviceAccount.id),
    )
    .orderBy(desc(apiKeys.createdAt));
  const label = ownerLabel(owner);
  return rows.map((r) => ({ ...r, owner: label, status: keyStatus(r) }));
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

/** Revokes several keys at once (the org's API keys tab): all allowed, or none revoked. */
export async function revokeApiKeys(ctx: Ctx, keyIds: string[]): Promise<{ revoked: number }> {
  const unique = [...new Set(keyIds)];
  if (!unique.length) throw new Invalid("Select at least one key.");
  if (unique.length > 500) throw new Invalid("Revoke at most 500 keys at a time.");
  return inTransaction(ctx, async (tx) => {
    let revoked = 0;
    for (const keyId of unique) {
      const before = await ownerOfKey(tx.db, keyId);
      await revokeApiKey(tx, keyId);
      if (before && (!before.revokedAt || before.revokedAt.getTime() > Date.now())) revoked++;
    }
    return { revoked };
  });
}

export interface OrgKeyFilter {
  search?: string;
  status?: KeyStatus | "all";
  limit?: number;
  offset?: number;
}

/** Every service-account key of the org (the org's API keys tab), newest first. */
export async function listOrgServiceAccountKeys(
  ctx: Ctx,
  org: { id: string; slug: string; plan: "free" | "enterprise" },
  filter: OrgKeyFilter = {},
): Promise<{
  keys: Array<ApiKeySummary & { serviceAccount: { team: string; name: string } }>;
  total: number;
}> {
  authorize(ctx.actor, "organization.list_api_keys", {
    type: "organization",
    id: org.id,
    slug: org.slug,
    plan: org.plan,
  });
  const conditions = [eq(serviceAccounts.orgId, org.id)];
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(apiKeys.name, like),
        ilike(apiKeys.keyId, like),
        ilike(serviceAccounts.name, like),
        ilike(teams.name, like),
      )!,
    );
  }
  if (filter.status === "revoked") conditions.push(sql`${apiKeys.revokedAt} <= now()`);
  if (filter.status === "expired") {
    conditions.push(
      sql`(${apiKeys.revokedAt} is null or ${apiKeys.revokedAt} > now()) and ${apiKeys.expiresAt} <= now()`,
    );
  }
  if (filter.status === "active") {
    conditions.push(
      sql`(${apiKeys.revokedAt} is null or ${apiKeys.revokedAt} > now()) and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > now())`,
    );
  }
  const where = and(...conditions);
  const base = ctx.db
    .select({ ...keyColumns, saName: serviceAccounts.name, teamName: teams.name })
    .from(apiKeys)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
    .where(where);
  const [rows, [count]] = await Promise.all([
    base
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
      .limit(Math.min(filter.limit ?? 50, 500))
      .offset(filter.offset ?? 0),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
      .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
      .where(where),
  ]);
  return {
    keys: rows.map(({ saName, teamName, ...k }) => ({
      ...k,
      owner: `${teamName}/${saName}`,
      status: keyStatus(k),
      serviceAccount: { team: teamName, name: saName },
    })),
    total: count?.n ?? 0,
  };
}
