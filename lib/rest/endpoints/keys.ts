// /api/v1 API keys of service accounts: list, create (the secret is in the creation response only),
// and revoke any key by its key ID (a service account's, or one's own personal key).
import { z } from "zod";
import { isKeyId } from "@/lib/api-keys/format";
import { createApiKey, keyNameSchema, listApiKeys, revokeApiKey } from "@/lib/api-keys/service";
import { getServiceAccount } from "@/lib/service-accounts/service";
import { apiKeyDto, createdKeyDto, withoutSecret } from "../dto";
import { defineEndpoint } from "../endpoint";
import { decodeCursor, keyset, keysetPage, pageQuerySchema } from "../pagination";
import { keyIdParam, serviceAccountParam, teamParam } from "../params";
import { apiKeyPageSchema, createdApiKeySchema, iso, revokedKeySchema } from "../schemas";
import { orgOfKey, orgOfTeam } from "../scope";

const TAG = "API keys";
const account = z.object({ team: teamParam, name: serviceAccountParam });

// Newest first: the position is the last key's ID, whose (created_at, id) the service compares exactly.
const keysByAge = keyset("keys", z.tuple([z.string().refine(isKeyId)]));

export const listServiceAccountKeysEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/teams/{team}/service-accounts/{name}/keys",
  operationId: "listServiceAccountKeys",
  tag: TAG,
  summary: "List a service account's API keys",
  description: "Newest first, revoked and expired ones included (see `status`). Never the secrets.",
  access: "Org admins; team admins for the team's own service accounts.",
  params: account,
  query: pageQuerySchema,
  response: { status: 200, schema: apiKeyPageSchema, description: "A page of keys." },
  problems: [403, 404],
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: async ({ params, query, ctx }) => {
    const serviceAccount = await getServiceAccount(ctx, params.team, params.name);
    const after = decodeCursor(keysByAge, query.cursor)?.[0];
    const keys = await listApiKeys(
      ctx,
      { kind: "service_account", serviceAccount },
      { after, limit: query.limit + 1 },
    );
    return keysetPage(keys, query.limit, keysByAge, (k) => [k.keyId] as const, apiKeyDto);
  },
});

export const createServiceAccountKeyEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/teams/{team}/service-accounts/{name}/keys",
  operationId: "createServiceAccountKey",
  tag: TAG,
  summary: "Create an API key for a service account",
  description:
    "The response holds the secret key: it is shown once and stored only hashed. Honours " +
    "`Idempotency-Key`; a replay answers the key's metadata without the secret (see `note`), " +
    "because the secret is never stored.",
  access: "Org admins; team admins for the team's own service accounts. Not for federated accounts.",
  params: account,
  body: z.object({
    name: keyNameSchema,
    expiresAt: z.iso
      .datetime({ offset: true, error: "Use an ISO 8601 date-time such as 2027-01-31T00:00:00Z." })
      .nullable()
      .optional()
      .describe("When the key stops working; omit or null for never."),
  }),
  response: { status: 201, schema: createdApiKeySchema, description: "The key, with its secret." },
  problems: [403, 404, 409, 422],
  idempotent: { redact: withoutSecret },
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: async ({ params, body, ctx }) => {
    const serviceAccount = await getServiceAccount(ctx, params.team, params.name);
    const created = await createApiKey(ctx, {
      owner: { kind: "service_account", serviceAccount },
      name: body.name,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
    });
    return createdKeyDto(created);
  },
});

export const revokeKeyEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/keys/{keyId}",
  operationId: "revokeKey",
  tag: TAG,
  summary: "Revoke an API key",
  description:
    "Works for a service account's key and for one's own personal key. Revoking a revoked key " +
    "changes nothing; a revocation scheduled by a rotation is brought forward.",
  access: "Whoever manages the key's service account; the owner of a personal key.",
  params: z.object({ keyId: keyIdParam }),
  response: { status: 200, schema: revokedKeySchema, description: "The key and when it was revoked." },
  problems: [403, 404],
  scope: ({ keyId }, ctx) => orgOfKey(ctx, keyId),
  handle: async ({ params, ctx }) => {
    const revoked = await revokeApiKey(ctx, params.keyId);
    return { keyId: revoked.keyId, revokedAt: iso(revoked.revokedAt) };
  },
});
