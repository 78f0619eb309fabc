// The one credential check of every API route: `Authorization: Basic base64("<any>:<key>")` (what
// W&B clients send) or `Bearer <key>`. No header is the anonymous principal. Malformed keys are
// refused before any database work; verified keys are cached in process, so an authenticated
// request on a warm cache reads nothing for authentication.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Principal, ServiceAccountPrincipal, UserPrincipal } from "@/lib/access/types";
import { loadUserPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/client";
import { apiKeys, serviceAccounts, teamMembers, teams, users } from "@/lib/db/schema";
import { loadAccessTokenByHash } from "@/lib/federation/access-tokens";
import { parseAccessToken } from "@/lib/federation/token-format";
import { findServiceAccountById } from "@/lib/service-accounts/lookup";
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
  // A federation access token (stw_at-) is checked like a key: same hash, same cache, own table.
  const token = credential ? parseAccessToken(credential) : null;
  const parsed = token ? { keyId: token.tokenId } : credential ? parseKey(credential) : null;
  if (!credential || !parsed) return { ok: false, reason: "malformed" };
  const hash = hashKey(credential);
  let entry = keyCache.get(hash);
  if (!entry) {
    const loaded = token ? await loadAccessTokenByHash(db, hash) : await loadByHash(db, hash);
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

async function loadByHash(db: Db, hash: string): Promise<{ entry: Cached; tags: string[] } | null> {
  const [key] = await db
    .select({
      id: apiKeys.id,
      keyId: apiKeys.keyId,
      userId: apiKeys.userId,
      serviceAccountId: apiKeys.serviceAccountId,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.hash, hash))
    .limit(1);
  if (!key) return null;
  const tags = [`key:${key.keyId}`];
  // A revocation scheduled for later (rotation with overlap) is an expiry until then.
  const revokedNow = key.revokedAt !== null && key.revokedAt.getTime() <= Date.now();
  const expiresAt = minTime(key.expiresAt, key.revokedAt);
  const credential = { kind: "api_key" as const, keyId: key.keyId, state: "active" as const };

  if (key.userId) {
    tags.push(`user:${key.userId}`);
    if (revokedNow) return { entry: { ok: false, reason: "revoked", keyId: key.keyId }, tags };
    const [principal, entity] = await Promise.all([
      loadUserPrincipal(db, key.userId, credential),
      defaultEntityOfUser(db, key.userId),
    ]);
    if (!principal) return null;
    return {
      entry: {
        ok: true,
        identity: {
          principal,
          keyId: key.keyId,
          keyRowId: key.id,
          name: principal.username,
          org: null,
          entity,
          expiresAt,
        },
      },
      tags,
    };
  }

  const sa = await findServiceAccountById(db, key.serviceAccountId!);
  if (!sa) return null;
  tags.push(`sa:${sa.id}`, `org:${sa.orgId}`);
  if (revokedNow) return { entry: { ok: false, reason: "revoked", keyId: key.keyId }, tags };
  if (sa.status !== "active" || sa.orgPlan !== "enterprise") {
    return { entry: { ok: false, reason: "owner_inactive", keyId: key.keyId }, tags };
  }
  const principal: ServiceAccountPrincipal = {
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
    credential,
  };
  return {
    entry: {
      ok: true,
      identity: {
        principal,
        keyId: key.keyId,
        keyRowId: key.id,
        name: sa.name,
        org: sa.orgSlug,
        entity: sa.teamName,
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

/** The user's chosen default team, else the first team they joined. */
export async function defaultEntityOfUser(db: Db, userId: string): Promise<string | null> {
  const [chosen] = await db
    .select({ name: teams.name })
    .from(users)
    .innerJoin(
      teamMembers,
      and(eq(teamMembers.userId, users.id), eq(teamMembers.teamId, users.defaultTeamId)),
    )
    .innerJoin(teams, eq(teams.id, users.defaultTeamId))
    .where(eq(users.id, userId))
    .limit(1);
  if (chosen) return chosen.name;
  const [first] = await db
    .select({ name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teamMembers.createdAt), asc(teams.name))
    .limit(1);
  return first?.name ?? null;
}

/** The policy's principal for a check result (anonymous when no credential was sent). */
export function principalOf(identity: Identity | null): Principal {
  return identity?.principal ?? { kind: "anonymous" };
}

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
