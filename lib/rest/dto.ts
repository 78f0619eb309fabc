// Service results -> the REST API's allow-listed JSON shapes (./schemas.ts).
import type { z } from "zod";
import type { ApiKeySummary, CreatedKey } from "@/lib/api-keys/service";
import type { Project } from "@/lib/projects/service";
import type { ServiceAccount } from "@/lib/service-accounts/service";
import {
  type apiKeySchema,
  type createdApiKeySchema,
  iso,
  isoOrNull,
  type projectSchema,
  type serviceAccountSchema,
} from "./schemas";

export function serviceAccountDto(sa: ServiceAccount): z.input<typeof serviceAccountSchema> {
  return {
    id: sa.id,
    name: sa.name,
    team: sa.teamName,
    org: sa.orgSlug,
    scope: sa.scope,
    authMethod: sa.authMethod,
    status: sa.status,
    description: sa.description,
    createdBy: sa.createdBy,
    createdAt: iso(sa.createdAt),
    lastUsedAt: isoOrNull(sa.lastUsedAt),
  };
}

export function apiKeyDto(k: ApiKeySummary): z.input<typeof apiKeySchema> {
  return {
    keyId: k.keyId,
    name: k.name,
    owner: k.owner,
    status: k.status,
    createdAt: iso(k.createdAt),
    createdBy: k.createdBy,
    lastUsedAt: isoOrNull(k.lastUsedAt),
    lastUsedIp: k.lastUsedIp,
    expiresAt: isoOrNull(k.expiresAt),
    revokedAt: isoOrNull(k.revokedAt),
  };
}

export function createdKeyDto(k: CreatedKey): z.input<typeof createdApiKeySchema> {
  return { keyId: k.keyId, name: k.name, owner: k.owner, expiresAt: isoOrNull(k.expiresAt), key: k.key };
}

export const SECRET_WITHHELD =
  "Replayed response: the key's secret was shown only in the original response and is never stored. " +
  "If it was lost, revoke this key and create a new one.";

/** What a replay may show of a created key: everything but the secret, and why it is missing. */
export function withoutSecret(k: z.input<typeof createdApiKeySchema>): z.input<typeof createdApiKeySchema> {
  const { key: _secret, ...metadata } = k;
  return { ...metadata, note: SECRET_WITHHELD };
}

export function projectDto(p: Project): z.input<typeof projectSchema> {
  return {
    id: p.id,
    name: p.name,
    team: p.team.name,
    description: p.description,
    visibility: p.visibility,
    createdAt: iso(p.createdAt),
  };
}
