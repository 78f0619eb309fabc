// POST /graphql: parses and validates with the `graphql` package against lib/wandb/schema.ts and
// resolves through the services (which authorize). Only translation lives here: W&B field and
// argument names in, service calls out, errors as GraphQL errors with the status the clients expect.
import "server-only";
import {
  buildSchema,
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
} from "graphql";
import type { Visibility } from "@/lib/access/types";
import type { Identity } from "@/lib/api-keys/verify";
import type { Ctx } from "@/lib/context";
import { isDatabaseUnavailable } from "@/lib/db/health";
import { Invalid, NotFound, ServiceError } from "@/lib/errors";
import { projectForRead, projectForWrite, resolveEntity } from "@/lib/ingest/target";
import { type Project, setProjectVisibility } from "@/lib/projects/service";
import { listRuns, type RunListItem, upsertRun } from "@/lib/runs/service";
import { readJsonBody } from "@/lib/server/body";
import { listTeamsOfUser, teamsOfOrg } from "@/lib/teams/service";
import { typeDefs } from "./schema";

let schema: GraphQLSchema | undefined;
function getSchema() {
  schema ??= buildSchema(typeDefs);
  return schema;
}

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphqlContext {
  ctx: Ctx;
  identity: Identity | null;
  /** X-WANDB-USERNAME / X-WANDB-USER-EMAIL, for attribution of a service account's runs. */
  attribution: { username: string | null; email: string | null };
}

/** W&B ids are base64 of "<Type>:<id>"; clients treat them as opaque. */
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

const entity = (name: string) => ({ id: gid("Entity", name), name });

/** W&B `access` values and our own lowercase names -> visibility (SPEC section 4). */
export function visibilityFromAccess(access: string | null | undefined): Visibility | undefined {
  if (!access) return undefined;
  const map: Record<string, Visibility> = {
    USER_WRITE: "open",
    USER_READ: "public",
    PRIVATE: "team",
    RESTRICTED: "restricted",
    open: "open",
    public: "public",
    team: "team",
    restricted: "restricted",
  };
  const visibility = map[access] ?? map[access.toUpperCase()];
  if (!visibility) {
    throw new Invalid(`Unknown access "${access}": use USER_WRITE, USER_READ, PRIVATE or RESTRICTED.`);
  }
  return visibility;
}

const ACCESS_OF: Record<Visibility, string> = {
  open: "USER_WRITE",
  public: "USER_READ",
  team: "PRIVATE",
  restricted: "RESTRICTED",
};

function parseJsonString(value: unknown, field: string): Record<string, unknown> | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string") throw new Invalid(`${field} must be a JSON string.`);
  try {
    const parsed = JSON.parse(value);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {}
  throw new Invalid(`${field} must be a JSON object encoded as a string.`);
}

function projectObject(g: GraphqlContext, project: Project) {
  return {
    id: gid("Project", project.id),
    name: project.name,
    description: project.description,
    entity: entity(project.team.name),
    entityName: project.team.name,
    visibility: project.visibility,
    access: ACCESS_OF[project.visibility],
    runs: async (args: { first?: number | null; after?: string | null }) => {
      const page = await listRuns(g.ctx, project, { first: args.first ?? 50, after: args.after });
      return {
        edges: page.runs.map((run) => ({ node: runObject(g, project, run), cursor: null })),
        pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
      };
    },
  };
}

function runObject(
  g: GraphqlContext,
  project: Project,
  run: Pick<RunListItem, "id" | "name" | "displayName" | "state" | "config" | "summary" | "createdAt"> &
    Partial<RunListItem> & { description?: string | null; sweepName?: string | null },
) {
  return {
    id: gid("Run", run.id),
    name: run.name,
    displayName: run.displayName,
    description: run.description ?? null,
    state: run.state,
    config: JSON.stringify(run.config ?? {}),
    summaryMetrics: JSON.stringify(run.summary ?? {}),
    sweepName: run.sweepName ?? null,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt?.toISOString() ?? null,
    user: run.attributedTo
      ? { id: gid("User", run.attributedTo), username: run.attributedTo, name: run.attributedTo }
      : null,
    loggedBy: run.loggedBy?.name ?? null,
    attributionNote: run.attributionNote ?? null,
    historyLineCount: run.historyLines ?? 0,
    project: () => projectObject(g, project),
  };
}

/** Reads answer null for a project the caller may not see, as for one that does not exist. */
async function readableProject(g: GraphqlContext, name: string | null, entityName: string | null) {
  if (!name) return null;
  try {
    const project = await projectForRead(g.ctx, resolveEntity(entityName, g.identity?.entity ?? null), name);
    return projectObject(g, project);
  } catch (err) {
    if (err instanceof ServiceError && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
}

function rootValue(g: GraphqlContext) {
  return {
    viewer: () => {
      const identity = g.identity;
      if (!identity) return null;
      const p = identity.principal;
      const defaultEntity = identity.entity ? entity(identity.entity) : null;
      return {
        id: gid(p.kind === "user" ? "User" : "ServiceAccount", p.id),
        name: identity.name,
        username: identity.name,
        email: null,
        entity: identity.entity,
        defaultEntity,
        flags: "{}",
        teams: async () => {
          const names =
            p.kind === "user"
              ? (await listTeamsOfUser(g.ctx.db, p.id)).map((t) => t.name)
              : p.scope === "org"
                ? await teamsOfOrg(g.ctx.db, p.orgId)
                : [p.teamName];
          return { edges: names.map((name) => ({ node: entity(name) })) };
        },
      };
    },
    project: (args: { name: string | null; entityName: string | null }) =>
      readableProject(g, args.name, args.entityName),
    model: (args: { name: string | null; entityName: string | null }) =>
      readableProject(g, args.name, args.entityName),
    upsertBucket: async ({ input }: { input: Record<string, unknown> }) => {
      const str = (k: string) => (typeof input[k] === "string" ? (input[k] as string) : null);
      const { run, inserted } = await upsertRun(g.ctx, {
        entity: resolveEntity(str("entityName"), g.identity?.entity ?? null),
        project: str("modelName") || "uncategorized",
        name: str("name") ?? str("id"),
        displayName: str("displayName"),
        description: str("description"),
        notes: str("notes"),
        groupName: str("groupName"),
        jobType: str("jobType"),
        host: str("host"),
        program: str("jobProgram"),
        commit: str("commit"),
        sweep: str("sweep"),
        state: str("state"),
        tags: Array.isArray(input.tags) ? (input.tags as string[]) : null,
        config: parseJsonString(input.config, "config"),
        summary: parseJsonString(input.summaryMetrics, "summaryMetrics"),
        attributionHeaders: g.attribution,
      });
      return { bucket: runObject(g, run.project, run), inserted };
    },
    upsertModel: async ({ input }: { input: Record<string, unknown> }) => {
      const name = typeof input.name === "string" ? input.name : "";
      if (!name) throw new Invalid("upsertModel needs a project name.");
      const entityName = resolveEntity(input.entityName as string | null, g.identity?.entity ?? null);
      const visibility = visibilityFromAccess(input.access as string | null);
      const description = typeof input.description === "string" ? input.description : undefined;
      const existing = await projectForRead(g.ctx, entityName, name).catch((err) => {
        if (err instanceof NotFound || (err instanceof ServiceError && err.status === 404)) return null;
        throw err;
      });
      let project = existing ?? (await projectForWrite(g.ctx, entityName, name, { visibility, description }));
      if (existing && visibility && visibility !== existing.visibility) {
        project = await setProjectVisibility(g.ctx, entityName, name, visibility);
      }
      const model = projectObject(g, project);
      return { model, project: model, inserted: !existing };
    },
  };
}

export interface GraphqlResponse {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

type Checked = { document: DocumentNode } | { errors: Array<{ message: string }> };

/**
 * The W&B clients send the same few documents again and again: each distinct text is parsed and
 * validated once and kept (at most DOCUMENT_CACHE_SIZE, least recently used out first), which
 * takes parsing and validation off the hot path of every request.
 */
const documentCache = new Map<string, DocumentNode>();
const DOCUMENT_CACHE_SIZE = 200;
const CACHEABLE_QUERY_LENGTH = 20_000;

export function checkedDocument(query: string): Checked {
  const cached = documentCache.get(query);
  if (cached) {
    documentCache.delete(query);
    documentCache.set(query, cached);
    return { document: cached };
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 10_000 });
  } catch (err) {
    return { errors: [{ message: (err as GraphQLError).message }] };
  }
  const validationErrors = validate(getSchema(), document);
  if (validationErrors.length) {
    return { errors: validationErrors.slice(0, 20).map((e) => ({ message: e.message })) };
  }
  if (query.length <= CACHEABLE_QUERY_LENGTH) {
    documentCache.set(query, document);
    if (documentCache.size > DOCUMENT_CACHE_SIZE) documentCache.delete(documentCache.keys().next().value!);
  }
  return { document };
}

/** Runs one GraphQL request. The HTTP status is the most telling error's (401, 403, 404, 400), else 200. */
export async function runGraphql(request: GraphqlRequest, g: GraphqlContext): Promise<GraphqlResponse> {
  if (!request || typeof request !== "object" || Array.isArray(request)) {
    return { status: 400, body: { errors: [{ message: "Send a JSON object with a GraphQL `query`." }] } };
  }
  if (typeof request.query !== "string" || !request.query.trim()) {
    return { status: 400, body: { errors: [{ message: "Send a GraphQL document in `query`." }] } };
  }
  if (
    request.variables != null &&
    (typeof request.variables !== "object" || Array.isArray(request.variables))
  ) {
    return { status: 400, body: { errors: [{ message: "`variables` must be an object." }] } };
  }
  const checked = checkedDocument(request.query);
  if ("errors" in checked) return { status: 400, body: { errors: checked.errors } };
  const { document } = checked;
  const result = await execute({
    schema: getSchema(),
    document,
    rootValue: rootValue(g),
    variableValues: (request.variables as Record<string, unknown>) ?? {},
    operationName: typeof request.operationName === "string" ? request.operationName : undefined,
  });
  if (!result.errors?.length) return { status: 200, body: { data: result.data } };
  // PostgreSQL unavailable: rethrown so the route answers 503 with Retry-After, not a 500.
  const unavailable = result.errors.find((e) => isDatabaseUnavailable(e.originalError))?.originalError;
  if (unavailable) throw unavailable;
  let status = 200;
  const errors = result.errors.map((e) => {
    const original = e.originalError;
    if (original instanceof ServiceError) {
      status = mostTelling(status, original.status);
      return { message: original.message, path: e.path, extensions: { code: codeOf(original.status) } };
    }
    if (original) {
      console.error("[graphql] resolver failed:", original);
      status = mostTelling(status, 500);
      return { message: "Internal server error.", path: e.path };
    }
    status = mostTelling(status, 400);
    return { message: e.message, path: e.path };
  });
  return { status, body: { data: result.data, errors } };
}

/**
 * The HTTP side of POST /graphql for a verified caller (app/graphql/route.ts, behind apiRoute): the
 * JSON body in, the attribution headers read, JSON out with the status runGraphql chose.
 */
export async function graphqlHttp(req: Request, caller: Pick<GraphqlContext, "ctx" | "identity">) {
  const body = await readJsonBody(req);
  const nonEmpty = (name: string) => req.headers.get(name)?.trim() || null;
  const { status, body: result } = await runGraphql(body as Record<string, unknown>, {
    ...caller,
    attribution: { username: nonEmpty("x-wandb-username"), email: nonEmpty("x-wandb-user-email") },
  });
  // Both clients require application/json, whatever the status.
  return Response.json(result, { status });
}

const PRIORITY = [401, 403, 404, 409, 400, 429, 503, 500];
function mostTelling(current: number, next: number): number {
  if (current === 200) return next;
  return PRIORITY.indexOf(next) < PRIORITY.indexOf(current) ? next : current;
}

function codeOf(status: number): string {
  return (
    { 400: "BAD_USER_INPUT", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT" }[
      status
    ] ?? "INTERNAL_SERVER_ERROR"
  );
}
