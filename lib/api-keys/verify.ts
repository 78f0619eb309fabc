// The one credential check of every API route: `Authorization: Basic base64("<any>:<key>")` (what
// W&B clients send) or `Bearer <key>`. No header is the anonymous principal. Malformed keys are
// refused before any database work; verified keys are cached in process, so an authenticated
// request on a warm cache reads nothing for authentication.
import "server-only";
import { writeFileSync } from "node:fs";
import { eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Principal, ServiceAccountPrincipal, UserPrincipal } from "@/lib/access/types";
import { roleColumns, userPrincipalFromRow } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/client";
import { apiKeys, organizations, serviceAccounts, teams, users } from "@/lib/db/schema";
import { loadAccessTokenByHash } from "@/lib/federation/access-tokens";
import { parseAccessToken } from "@/lib/federation/token-format";
import { TaggedCache } from "./cache";
import { parseKey } from "./format";
import { hashKey } from "./hash";

/** Who a verified credential is, with what the API answers need besides the policy's principal. */
export interface Identity {
  principal: UserPrincipal | ServiceAccountPrincipal;
  /** The public key ID of the credential used. */
  keyId: string;
  /** The key's row id (for last-used bookkeeping). */
  keyRowId: string;
  /** Username, or the service account's name. */
  name: string;
  /** The service account's org slug (null for users). */
  org: string | null;
  /** The team a request that names no entity goes to: default/parent team, or the user's default team. */
  entity: string | null;
  expiresAt: number | null;
}

export type FailureReason = "malformed" | "unknown" | "revoked" | "expired" | "owner_inactive";

export type CredentialCheck =
  | { ok: true; identity: Identity | null }
  | { ok: false; reason: FailureReason; keyId?: string };

type Cached =
  | { ok: true; identity: Identity }
  | { ok: false; reason: "revoked" | "owner_inactive"; keyId: string };

const g = globalThis as unknown as { __stewardKeyCache?: TaggedCache<Cached> };
g.__stewardKeyCache ??= new TaggedCache<Cached>(Number(process.env.KEY_CACHE_SIZE ?? 50_000), 60_000);
/** One cache per process (Next evaluates modules in several bundles). */
export const keyCache: TaggedCache<Cached> = g.__stewardKeyCache;

/** The key (or token) carried by an Authorization header; null when the header is unusable. */
export function credentialFromHeader(header: string): string | null {
  const space = header.indexOf(" ");
  if (space < 0 || header.length > 4096) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === "bearer") return value || null;
  if (scheme !== "basic") return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // W&B clients send "api:<key>"; the user part is ignored.
  return colon >= 0 ? decoded.slice(colon + 1) || null : null;
}

export async function verifyAuthorization(header: string | null, db: Db): Promise<CredentialCheck> {
  if (header === null || header.trim() === "") return { ok: true, identity: null };
  const credential = credentialFromHeader(header);
  if (!credential) return { ok: false, reason: "malformed" };
  const hash = hashKey(credential);
  // Only a well-formed credential is ever cached: on a hit, its format was checked when it was.
  let entry = keyCache.get(hash);
  if (!entry) {
    // A federation access token (stw_at-) is checked like a key: same hash, same cache, own table.
    const token = parseAccessToken(credential);
    const parsed = token ? { keyId: token.tokenId } : parseKey(credential);
    if (!parsed) return { ok: false, reason: "malformed" };
    const reader = benchCounter ? benchCounter.wrap(db) : db;
    const loaded = token ? await loadAccessTokenByHash(reader, hash) : await loadByHash(reader, hash);
    if (!loaded) return { ok: false, reason: "unknown", keyId: parsed.keyId };
    entry = loaded.entry;
    keyCache.set(hash, entry, loaded.tags);
  }
  if (!entry.ok) return entry;
  if (entry.identity.expiresAt !== null && entry.identity.expiresAt <= Date.now()) {
    return { ok: false, reason: "expired", keyId: entry.identity.keyId };
  }
  return entry;
}

/**
 * The key and everything its identity needs in one query: the owner (service account with its
 * team and org, or user with their roles and default team), so a cache miss is one round trip.
 */
async function loadByHash(db: Db, hash: string): Promise<{ entry: Cached; tags: string[] } | null> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      keyId: apiKeys.keyId,
      userId: apiKeys.userId,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      username: users.username,
      ...roleColumns(apiKeys.userId),
      userEntity: defaultEntitySql(apiKeys.userId),
      saId: serviceAccounts.id,
      saName: serviceAccounts.name,
      saScope: serviceAccounts.scope,
      saAuthMethod: serviceAccounts.authMethod,
      saStatus: serviceAccounts.status,
      orgId: serviceAccounts.orgId,
      orgSlug: organizations.slug,
      orgPlan: organizations.plan,
      teamId: serviceAccounts.teamId,
      teamName: teams.name,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.userId))
    .leftJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .leftJoin(teams, eq(teams.id, serviceAccounts.teamId))
    .leftJoin(organizations, eq(organizations.id, serviceAccounts.orgId))
    .where(eq(apiKeys.hash, hash))
    .limit(1);
  if (!row) return null;
  const tags = [`key:${row.keyId}`];
  // A revocation scheduled for later (rotation with overlap) is an expiry until then.
  const revokedNow = row.revokedAt !== null && row.revokedAt.getTime() <= Date.now();
  const expiresAt = minTime(row.expiresAt, row.revokedAt);
  const credential = { kind: "api_key" as const, keyId: row.keyId, state: "active" as const };

  if (row.userId) {
    tags.push(`user:${row.userId}`);
    if (revokedNow) return { entry: { ok: false, reason: "revoked", keyId: row.keyId }, tags };
    if (row.username === null) return null;
    const principal = userPrincipalFromRow({ ...row, id: row.userId, username: row.username }, credential);
    return {
      entry: {
        ok: true,
        identity: {
          principal,
          keyId: row.keyId,
          keyRowId: row.id,
          name: principal.username,
          org: null,
          entity: row.userEntity,
          expiresAt,
        },
      },
      tags,
    };
  }

  const { saId, saName, saScope, saAuthMethod, saStatus, orgId, orgSlug, orgPlan, teamId, teamName } = row;
  if (
    !saId ||
    !saName ||
    !saScope ||
    !saAuthMethod ||
    !saStatus ||
    !orgId ||
    !orgPlan ||
    !teamId ||
    !teamName
  )
    return null;
  tags.push(`sa:${saId}`, `org:${orgId}`);
  if (revokedNow) return { entry: { ok: false, reason: "revoked", keyId: row.keyId }, tags };
  if (saStatus !== "active" || orgPlan !== "enterprise") {
    return { entry: { ok: false, reason: "owner_inactive", keyId: row.keyId }, tags };
  }
  const principal: ServiceAccountPrincipal = {
    kind: "service_account",
    id: saId,
    name: saName,
    orgId,
    orgPlan,
    scope: saScope,
    teamId,
    teamName,
    authMethod: saAuthMethod,
    status: saStatus,
    credential,
  };
  return {
    entry: {
      ok: true,
      identity: {
        principal,
        keyId: row.keyId,
        keyRowId: row.id,
        name: saName,
        org: orgSlug,
        entity: teamName,
        expiresAt,
      },
    },
    tags,
  };
}

function minTime(a: Date | null, b: Date | null): number | null {
  const times = [a, b].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? Math.min(...times) : null;
}

/**
 * The user's chosen default team (while they are still a member), else the first team they
 * joined: a column for any query that knows the user's id.
 */
function defaultEntitySql(userId: AnyPgColumn | SQL) {
  return sql<string | null>`coalesce(
    (select dt.name from users du
       join team_members dm on dm.user_id = du.id and dm.team_id = du.default_team_id
       join teams dt on dt.id = du.default_team_id
     where du.id = ${userId}),
    (select ft.name from team_members fm join teams ft on ft.id = fm.team_id
     where fm.user_id = ${userId} order by fm.created_at, ft.name limit 1))`;
}

/** The user's chosen default team, else the first team they joined. */
export async function defaultEntityOfUser(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ name: defaultEntitySql(sql`${userId}`) }).from(sql`(select 1) as one`);
  return row?.name ?? null;
}

/** The policy's principal for a check result (anonymous when no credential was sent). */
export function principalOf(identity: Identity | null): Principal {
  return identity?.principal ?? { kind: "anonymous" };
}

/**
 * `npm run bench` only (BENCH_COUNTERS_FILE set): counts the queries credential verification
 * issues and writes the running total to that file, so the benchmark can report database reads
 * for authentication per request. Absent otherwise: no proxy, no timer.
 */
const benchCounter = process.env.BENCH_COUNTERS_FILE
  ? (() => {
      const file = process.env.BENCH_COUNTERS_FILE;
      const g = globalThis as { __stewardAuthQueries?: { n: number } };
      g.__stewardAuthQueries ??= { n: 0 };
      const state = g.__stewardAuthQueries;
      let written = -1;
      setInterval(() => {
        if (state.n === written) return;
        written = state.n;
        writeFileSync(file, JSON.stringify({ authQueries: state.n }));
      }, 200).unref();
      const issuing = new Set(["select", "selectDistinct", "execute", "insert", "update", "delete"]);
      return {
        wrap: (db: Db): Db =>
          new Proxy(db, {
            get(target, prop, receiver) {
              if (issuing.has(String(prop))) state.n++;
              return Reflect.get(target, prop, receiver);
            },
          }),
      };
    })()
  : null;

// Last-used bookkeeping: at most one write per key a minute, never awaited by the request.
const lastWrite = new Map<string, number>();

export function recordKeyUse(db: Db, identity: Identity, ip: string | null): void {
  const now = Date.now();
  if (now - (lastWrite.get(identity.keyRowId) ?? 0) < 60_000) return;
  lastWrite.set(identity.keyRowId, now);
  if (lastWrite.size > 100_000) lastWrite.clear();
  const at = new Date(now);
  void (async () => {
    if (identity.principal.credential.kind === "api_key")
      await db
        .update(apiKeys)
        .set({ lastUsedAt: at, lastUsedIp: ip })
        .where(eq(apiKeys.id, identity.keyRowId));
    if (identity.principal.kind === "service_account") {
      await db
        .update(serviceAccounts)
        .set({ lastUsedAt: at })
        .where(eq(serviceAccounts.id, identity.principal.id));
    }
  })().catch((err) =>
    console.warn("[auth] could not record key use:", err instanceof Error ? err.message : err),
  );
}
