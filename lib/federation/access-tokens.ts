// Access tokens issued by the exchange: stored only as a hash, verified like API keys by
// lib/api-keys/verify.ts (which caches the result tagged key:/sa:/org:/issuer:), dead when they
// expire, when their service account is deactivated or deleted, or when their issuer is removed.
import "server-only";
import { eq, lt } from "drizzle-orm";
import type { ServiceAccountPrincipal } from "@/lib/access/types";
import type { Identity } from "@/lib/api-keys/verify";
import type { Db, Tx } from "@/lib/db/client";
import { accessTokens, jwtIssuers, usedJwtIds } from "@/lib/db/schema";
import { findServiceAccountById } from "@/lib/service-accounts/lookup";

type Loaded =
  | { ok: true; identity: Identity }
  | { ok: false; reason: "revoked" | "owner_inactive"; keyId: string };

/** The verified identity of the token with this hash (null: no such token), and its cache tags. */
export async function loadAccessTokenByHash(
  db: Db,
  hash: string,
): Promise<{ entry: Loaded; tags: string[] } | null> {
  const [token] = await db
    .select({
      id: accessTokens.id,
      tokenId: accessTokens.tokenId,
      serviceAccountId: accessTokens.serviceAccountId,
      issuerId: accessTokens.issuerId,
      expiresAt: accessTokens.expiresAt,
      issuerRemovedAt: jwtIssuers.removedAt,
    })
    .from(accessTokens)
    .innerJoin(jwtIssuers, eq(jwtIssuers.id, accessTokens.issuerId))
    .where(eq(accessTokens.hash, hash))
    .limit(1);
  if (!token) return null;
  const sa = await findServiceAccountById(db, token.serviceAccountId);
  if (!sa) return null;
  const tags = [`key:${token.tokenId}`, `sa:${sa.id}`, `org:${sa.orgId}`, `issuer:${token.issuerId}`];
  if (token.issuerRemovedAt) return { entry: { ok: false, reason: "revoked", keyId: token.tokenId }, tags };
  if (sa.status !== "active" || sa.orgPlan !== "enterprise" || sa.authMethod !== "federated") {
    return { entry: { ok: false, reason: "owner_inactive", keyId: token.tokenId }, tags };
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
    credential: { kind: "access_token", tokenId: token.tokenId, state: "active" },
  };
  return {
    entry: {
      ok: true,
      identity: {
        principal,
        keyId: token.tokenId,
        keyRowId: token.id,
        name: sa.name,
        org: sa.orgSlug,
        entity: sa.teamName,
        expiresAt: token.expiresAt.getTime(),
      },
    },
    tags,
  };
}

const g = globalThis as unknown as { __stewardFederationPurge?: number };

/**
 * Deletes expired access tokens and replay entries whose JWT has expired: at most once a minute
 * per process, from the exchange (cheap: both tables are indexed by expiry).
 */
export async function purgeExpired(db: Db | Tx, now = Date.now()): Promise<void> {
  if (now - (g.__stewardFederationPurge ?? 0) < 60_000) return;
  g.__stewardFederationPurge = now;
  const at = new Date(now);
  await db.delete(accessTokens).where(lt(accessTokens.expiresAt, at));
  await db.delete(usedJwtIds).where(lt(usedJwtIds.expiresAt, at));
}
