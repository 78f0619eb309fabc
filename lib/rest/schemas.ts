// The shapes the REST API answers with. Every one is registered under a name, so the OpenAPI
// document (./openapi.ts) lists it once under components.schemas and the handlers' return types are
// checked against the same zod schema (z.input).
import { z } from "zod";
import { problemSchema } from "./problem";

/** Named response schemas: the document's components. */
export const componentSchemas = z.registry<{ id: string; description?: string }>();

function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  componentSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

named("Problem", problemSchema, "An error, as RFC 9457 problem details (application/problem+json).");

const moment = z.iso.datetime({ offset: true });
const momentOrNull = moment.nullable();

export const serviceAccountSchema = named(
  "ServiceAccount",
  z.object({
    id: z.string(),
    name: z.string(),
    team: z.string().describe("The default team (org scope) or parent team (team scope)."),
    org: z.string().describe("The organization's slug."),
    scope: z.enum(["org", "team"]),
    authMethod: z.enum(["api_key", "federated"]),
    status: z.enum(["active", "deactivated", "deleted"]),
    description: z.string(),
    createdBy: z.string().nullable().describe("Username of the creator; null when created by the operator."),
    createdAt: moment,
    lastUsedAt: momentOrNull,
  }),
  "A service account: org-scoped (with a default team) or team-scoped (with a parent team).",
);

export const serviceAccountListItemSchema = named(
  "ServiceAccountListItem",
  serviceAccountSchema.extend({ activeKeyCount: z.number().int().min(0) }),
);

export const apiKeySchema = named(
  "ApiKey",
  z.object({
    keyId: z.string().describe("The public part of the key: safe to log and show."),
    name: z.string(),
    owner: z.string().describe("`<team>/<service account>` or a username."),
    status: z.enum(["active", "expired", "revoked"]),
    createdAt: moment,
    createdBy: z.string().nullable(),
    lastUsedAt: momentOrNull,
    lastUsedIp: z.string().nullable(),
    expiresAt: momentOrNull,
    revokedAt: momentOrNull.describe(
      "When it stopped (or, after a rotation with overlap, will stop) working.",
    ),
  }),
  "An API key's metadata. The secret itself is never returned again after its creation.",
);

export const createdApiKeySchema = named(
  "CreatedApiKey",
  z.object({
    keyId: z.string(),
    name: z.string(),
    owner: z.string(),
    expiresAt: momentOrNull,
    key: z
      .string()
      .optional()
      .describe(
        "The secret key, present only in the response that created it: store it now. " +
          "A replay of the request (same Idempotency-Key) omits it and says so in `note`.",
      ),
    note: z.string().optional(),
  }),
  "A newly created API key.",
);

export const createdServiceAccountSchema = named(
  "CreatedServiceAccount",
  z.object({ serviceAccount: serviceAccountSchema, key: createdApiKeySchema.nullable() }),
  "The created service account and, when asked for (`withKey`), its first API key.",
);

export const revokedKeySchema = named(
  "RevokedApiKey",
  z.object({ keyId: z.string(), revokedAt: moment }),
  "The key stops working on the next request, on every instance.",
);

export const teamSchema = named(
  "Team",
  z.object({
    id: z.string(),
    name: z.string(),
    memberCount: z.number().int().min(0),
    projectCount: z.number().int().min(0),
  }),
);

export const projectSchema = named(
  "Project",
  z.object({
    id: z.string(),
    name: z.string(),
    team: z.string(),
    description: z.string(),
    visibility: z.enum(["open", "public", "team", "restricted"]),
    createdAt: moment,
  }),
  "A project the caller may read.",
);

export const projectMemberSchema = named(
  "ProjectMember",
  z.object({
    kind: z.enum(["users", "service-accounts"]),
    name: z.string().describe("A username, or a service account as `<team>/<name>`."),
    project: z.string().describe("`<team>/<project>`."),
  }),
  "A listing of a user or service account on a restricted project.",
);

export const whoamiSchema = named(
  "Whoami",
  z.object({
    kind: z.enum(["user", "service_account"]),
    name: z.string(),
    org: z.string().nullable(),
    entity: z.string().nullable(),
    keyId: z.string(),
    scope: z.enum(["org", "team"]).optional(),
  }),
  "Who the credential authenticates as.",
);

export const auditEventSchema = named(
  "AuditEvent",
  z.object({
    id: z.string().describe("Stable and unique."),
    at: moment,
    action: z.string().describe("A stable name such as `team:create_service_account`."),
    actor: z.object({
      kind: z.enum(["user", "service_account", "cli", "anonymous"]),
      id: z.string().nullable(),
      name: z.string().nullable(),
      credentialId: z.string().nullable().describe("The key ID or token ID used; never the secret."),
    }),
    target: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }).nullable(),
    teamId: z.string().nullable(),
    team: z.string().nullable().describe("The team's current name."),
    projectId: z.string().nullable(),
    project: z.string().nullable().describe("`<team>/<project>`, current names."),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    outcome: z.enum(["success", "failure"]),
    details: z.record(z.string(), z.unknown()).nullable().describe("Before / after values, counts, reasons."),
  }),
  "One entry of the audit log.",
);

export const openApiDocumentSchema = named(
  "OpenApiDocument",
  z.object({ openapi: z.string(), info: z.record(z.string(), z.unknown()) }).catchall(z.unknown()),
);

/** A page of a list: `nextCursor` is null on the last page; pass it back as `?cursor=` otherwise. */
export function pageOf<S extends z.ZodType>(id: string, item: S) {
  return named(id, z.object({ items: z.array(item), nextCursor: z.string().nullable() }));
}

export const serviceAccountPageSchema = pageOf("ServiceAccountPage", serviceAccountListItemSchema);
export const apiKeyPageSchema = pageOf("ApiKeyPage", apiKeySchema);
export const teamPageSchema = pageOf("TeamPage", teamSchema);
export const projectPageSchema = pageOf("ProjectPage", projectSchema);
export const auditEventPageSchema = pageOf("AuditEventPage", auditEventSchema);

/** Dates as the API writes them. */
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
