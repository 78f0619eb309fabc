// Reads one page of service-account keys through the service (which authorizes), shaped for the
// browser. Used by the pages (first render) and by the list actions (TanStack Query refetches).
import "server-only";
import { dayStamp, momentStamp } from "@/components/settings/format";
import {
  listOrgServiceAccountKeys,
  listTeamServiceAccountKeys,
  type ServiceAccountKey,
} from "@/lib/api-keys/service";
import type { Ctx } from "@/lib/context";
import { getOrganization } from "@/lib/orgs/service";
import { getTeam } from "@/lib/teams/service";
import {
  KEY_PAGE_SIZE,
  type KeyListScope,
  normalizeKeySearch,
  normalizeKeyStatus,
  type ServiceAccountKeyPage,
  type ServiceAccountKeyRow,
} from "./types";

export function toKeyRow(k: ServiceAccountKey, now = new Date()): ServiceAccountKeyRow {
  return {
    keyId: k.keyId,
    name: k.name,
    status: k.status,
    owner: {
      team: k.serviceAccount.team,
      name: k.serviceAccount.name,
      scope: k.serviceAccount.scope,
      deactivated: k.serviceAccount.status === "deactivated",
    },
    created: dayStamp(k.createdAt),
    createdBy: k.createdBy,
    lastUsed: k.lastUsedAt ? { ...momentStamp(k.lastUsedAt), ip: k.lastUsedIp } : null,
    expires: k.expiresAt ? dayStamp(k.expiresAt) : null,
    revoked: k.revokedAt ? { ...momentStamp(k.revokedAt), scheduled: k.revokedAt > now } : null,
    canRevoke: k.canRevoke,
  };
}

export async function loadKeyPage(
  ctx: Ctx,
  where: KeyListScope,
  input: {
    q?: string | string[] | null;
    status?: string | string[] | null;
    after?: string | null;
  },
): Promise<ServiceAccountKeyPage> {
  const q = normalizeKeySearch(input.q);
  const status = normalizeKeyStatus(input.status);
  const after = input.after || null;
  const filter = { search: q, status, after, limit: KEY_PAGE_SIZE };
  const page =
    where.scope === "org"
      ? await listOrgServiceAccountKeys(ctx, await getOrganization(ctx, where.org), filter)
      : await listTeamServiceAccountKeys(ctx, await getTeam(ctx, where.team), filter);
  return { q, status, after, keys: page.keys.map((k) => toKeyRow(k)), nextCursor: page.nextCursor };
}
