// Reads a service account's page through the services (which authorize: anyone who may not manage
// it gets a 404), shaped for the browser. The layout and the page share one read per request.
import "server-only";
import { cache } from "react";
import { formatMoment } from "@/components/settings/format";
import type { ApiKeySummary } from "@/lib/api-keys/service";
import type { Ctx } from "@/lib/context";
import { federatedIdentityOf } from "@/lib/federation/bindings";
import { layoutContext, orNotFound } from "@/lib/server/page";
import {
  getServiceAccount,
  listServiceAccountKeys,
  type ServiceAccount,
} from "@/lib/service-accounts/service";
import type { KeyView, Moment, ServiceAccountView, WorkloadIdentityView } from "./types";

const moment = (at: Date): Moment => ({ iso: at.toISOString(), text: formatMoment(at) });

/**
 * The account if the signed-in viewer may manage it, the 404 page otherwise; null when signed out
 * (the page sends the visitor to sign in). Cached per request: the layout and the page share it.
 */
export const loadServiceAccount = cache(
  async (team: string, name: string): Promise<{ ctx: Ctx; sa: ServiceAccount } | null> => {
    const ctx = await layoutContext();
    if (!ctx) return null;
    return { ctx, sa: await orNotFound(getServiceAccount(ctx, team, name)) };
  },
);

export function toView(sa: ServiceAccount): ServiceAccountView {
  return {
    name: sa.name,
    description: sa.description,
    scope: sa.scope,
    team: sa.teamName,
    orgSlug: sa.orgSlug,
    authMethod: sa.authMethod,
    // getServiceAccount never returns a deleted account.
    status: sa.status === "active" ? "active" : "deactivated",
    createdBy: sa.createdBy,
    created: moment(sa.createdAt),
    lastUsed: sa.lastUsedAt ? moment(sa.lastUsedAt) : null,
  };
}

export function toKeyView(k: ApiKeySummary, now = new Date()): KeyView {
  // A revoked key says when; an active one whose rotation scheduled its revocation says until when.
  const scheduled = k.status === "active" && k.revokedAt !== null && k.revokedAt > now;
  const revokedAt = k.status === "revoked" || scheduled ? k.revokedAt : null;
  return {
    keyId: k.keyId,
    name: k.name,
    status: k.status,
    createdBy: k.createdBy,
    created: moment(k.createdAt),
    lastUsed: k.lastUsedAt ? { ...moment(k.lastUsedAt), ip: k.lastUsedIp } : null,
    expires: k.expiresAt ? moment(k.expiresAt) : null,
    revoked: revokedAt ? { ...moment(revokedAt), scheduled } : null,
  };
}

export async function loadKeys(ctx: Ctx, sa: ServiceAccount): Promise<KeyView[]> {
  const keys = await listServiceAccountKeys(ctx, sa.teamName, sa.name);
  const now = new Date();
  return keys.map((k) => toKeyView(k, now));
}

/** Issuer and subject of a federated account (null for built-in accounts). */
export async function loadWorkloadIdentity(
  ctx: Ctx,
  sa: ServiceAccount,
): Promise<WorkloadIdentityView | null> {
  if (sa.authMethod !== "federated") return null;
  return federatedIdentityOf(ctx.db, sa.id);
}
