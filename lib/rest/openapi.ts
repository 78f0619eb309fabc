// The OpenAPI 3.1 document of /api/v1, generated from the route table (./table.ts): the same zod
// schemas the handlers validate their input with and type their answers by. Paths are absolute.
import { z } from "zod";
import type { Endpoint } from "./endpoint";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemSlug, problemType } from "./problem";
import { componentSchemas } from "./schemas";
import { ENDPOINTS } from "./table";

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

const toJson = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return json;
};

/** A response schema: a reference when it is a named component, inline otherwise. */
function responseSchema(schema: z.ZodType): JsonSchema {
  const id = componentSchemas.get(schema)?.id;
  return id ? ref(id) : toJson(schema, "output");
}

function components(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(componentSchemas, {
    target: "draft-2020-12",
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  for (const [id, { $schema: _dialect, $id: _id, id: _meta, ...schema }] of Object.entries(schemas)) {
    out[id] = schema;
  }
  return out;
}

/** `?limit=` and friends: one parameter per field of the query schema. */
function parameters(endpoint: Endpoint) {
  const list: JsonSchema[] = [];
  for (const [name, field] of Object.entries(endpoint.params.shape)) {
    const { description, ...schema } = toJson(field as z.ZodType, "input");
    list.push({ name, in: "path", required: true, description, schema });
  }
  for (const [name, field] of Object.entries(endpoint.query?.shape ?? {})) {
    const { description, ...schema } = toJson(field as z.ZodType, "input");
    const required = !(field as z.ZodType).safeParse(undefined).success;
    list.push({ name, in: "query", required, description, schema });
  }
  if (endpoint.idempotent) {
    list.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "A unique key per logical request (e.g. a UUID), kept 24 hours. A retry with the same key and body " +
        "replays the first response (header `Idempotent-Replayed: true`); another body answers 422; a retry " +
        "while the first request runs answers 409. A failed request stores nothing.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return list;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON, or input that breaks a rule (`errors` names the fields).",
  401: "Missing, invalid, revoked or expired credentials.",
  403: "The caller belongs to the organization but may not do this (`detail` says why).",
  404: "No such object, or the caller may not know that it exists (callers outside the organization).",
  409: "Conflicts with the current state (a taken name), or the Idempotency-Key's first request is still running.",
  413: "The request body is larger than 10 MiB.",
  422: "The Idempotency-Key was already used for a different request.",
  503: "The database is unavailable for a moment: retry after `Retry-After` seconds. Nothing was written.",
};

const problem = (status: number) => ({
  description: PROBLEM_DESCRIPTIONS[status] ?? "A problem.",
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ref("Problem") } },
});

function operation(endpoint: Endpoint) {
  const { response } = endpoint;
  const responses: Record<string, unknown> = {
    [response.status]: {
      description: response.description,
      ...(response.schema
        ? { content: { "application/json": { schema: responseSchema(response.schema) } } }
        : {}),
    },
  };
  const hasInput =
    Object.keys(endpoint.params.shape).length > 0 ||
    endpoint.query !== undefined ||
    endpoint.body !== undefined;
  const statuses = new Set<number>([
    ...(hasInput ? [400] : []),
    ...(endpoint.public ? [] : [401]),
    ...endpoint.problems,
    ...(endpoint.body ? [413] : []),
    ...(endpoint.idempotent ? [409, 422] : []),
    503,
  ]);
  for (const status of [...statuses].sort((a, b) => a - b)) responses[status] = problem(status);
  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: [endpoint.description, `**Who may call it:** ${endpoint.access}`]
      .filter(Boolean)
      .join("\n\n"),
    parameters: parameters(endpoint),
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: toJson(endpoint.body, "input") } },
          },
        }
      : {}),
    responses,
    ...(endpoint.public ? { security: [] } : {}),
  };
}

/** The problem types, for the docs page and the document's description. */
export const PROBLEM_CATALOGUE = (Object.keys(PROBLEM_TYPES) as ProblemSlug[]).map((slug) => ({
  slug,
  type: problemType(slug),
  ...PROBLEM_TYPES[slug],
}));

function build() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Steward REST API",
      version: "1",
      description:
        "Automate service accounts, their keys, project listings and the audit log. Authenticate like " +
        "the W&B clients do: `Authorization: Basic base64(api:<key>)` or `Authorization: Bearer <key>`; " +
        "a personal key acts with its owner's rights. Lists are cursor-paginated (`limit`, `cursor` → " +
        "`nextCursor`). Errors are RFC 9457 problem details (`application/problem+json`) whose `type` " +
        "is stable; see /api-docs for the list.",
    },
    tags: [...new Set(ENDPOINTS.map((e) => e.tag))].map((name) => ({ name })),
    security: [{ basic: [] }, { bearer: [] }],
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        basic: {
          type: "http",
          scheme: "basic",
          description: "Any user name (W&B clients send `api`) and an API key as the password.",
        },
        bearer: { type: "http", scheme: "bearer", description: "An API key, or a federation access token." },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof build>;

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  cached ??= build();
  return cached;
}
