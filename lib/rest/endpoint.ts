// One REST endpoint = one definition: method, absolute path, the zod schemas of its path, query and
// body, its answer's schema and its handler. The route files serve definitions (`restHandler`), and
// the OpenAPI document is generated from the same definitions (./openapi.ts), so the two cannot drift.
import "server-only";
import type { z } from "zod";
import type { Identity } from "@/lib/api-keys/verify";
import type { Ctx } from "@/lib/context";
import { AccessDenied, asSentence, ServiceError } from "@/lib/errors";
import { readJsonBody } from "@/lib/server/body";
import { apiRoute, UNAUTHENTICATED } from "@/lib/server/route";
import { fieldErrorsOf } from "@/lib/validation";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  IDEMPOTENCY_HEADER,
  type IdempotentRequest,
  parseIdempotencyKey,
  REPLAYED_HEADER,
  releaseIdempotencyKey,
} from "./idempotency";
import { asProblem, problemFromError, problemResponse, RestProblem } from "./problem";
import { callerBelongsTo, type OrgScope } from "./scope";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface HandlerInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  ctx: Ctx;
  identity: Identity;
}

export interface Endpoint<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Absolute, OpenAPI style: `/api/v1/teams/{team}/service-accounts`. */
  path: `/api/v1/${string}`;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it, in words, for the document. The services decide. */
  access: string;
  /** Served without credentials (the document itself); everything else needs a key. */
  public?: true;
  params: P;
  query?: Q;
  body?: B;
  response: { status: 200 | 201 | 204; schema?: R; description: string };
  /** Statuses of the documented problems besides 401 (and 400 when there is input). */
  problems: readonly (400 | 403 | 404 | 409 | 413 | 422)[];
  /** Creates honour Idempotency-Key; `redact` strips secrets from what a replay may show. */
  idempotent?: { redact: (body: z.input<R>) => z.input<R> };
  /** The organization the path points into: a refusal 404 becomes 403 for its members. */
  scope?: (params: z.output<P>, ctx: Ctx) => Promise<OrgScope | null>;
  handle: (input: HandlerInput<P, Q, B>) => Promise<z.input<R> | undefined>;
}

export function defineEndpoint<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType,
>(endpoint: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return endpoint;
}

type NextHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const handlers = new Map<Endpoint, NextHandler>();
const endpointsByHandler = new Map<NextHandler, Endpoint>();

/** The route handler serving `endpoint` (one per definition, so tests can map handlers back). */
export function restHandler(endpoint: Endpoint): NextHandler {
  const existing = handlers.get(endpoint);
  if (existing) return existing;
  const authenticated = apiRoute<Record<string, string>>(async (req, api) => {
    if (!api.identity && !endpoint.public) {
      return problemResponse("unauthenticated", UNAUTHENTICATED, {
        headers: { "www-authenticate": 'Basic realm="steward"' },
      });
    }
    try {
      return await serve(endpoint, req, api.params, api.ctx, api.identity as Identity);
    } catch (err) {
      // Anything untyped goes on to the shared wrapper: it answers database outages (503) and hides
      // the rest behind a 500; `asProblem` restates those as problems.
      if (err instanceof RestProblem || err instanceof ServiceError) return problemFromError(err, req);
      throw err;
    }
  });
  const handler: NextHandler = async (req, ctx) => {
    try {
      return await asProblem(await authenticated(req, ctx));
    } catch (err) {
      return problemFromError(err, req);
    }
  };
  handlers.set(endpoint, handler);
  endpointsByHandler.set(handler, endpoint);
  return handler;
}

/** Which definition a route handler serves (for the route-table test). */
export function endpointOf(handler: unknown): Endpoint | undefined {
  return endpointsByHandler.get(handler as NextHandler);
}

function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new RestProblem(
    "validation-failed",
    `Check the ${what}: ${parsed.error.issues[0]!.message}`,
    fieldErrorsOf(parsed.error),
  );
}

async function serve(
  endpoint: Endpoint,
  req: Request,
  rawParams: Record<string, string>,
  ctx: Ctx,
  identity: Identity,
): Promise<Response> {
  let params: Record<string, unknown> = rawParams;
  try {
    // Next passes no params object to routes without dynamic segments.
    params = parseOrRefuse(endpoint.params, rawParams ?? {}, "path");
    const query = endpoint.query
      ? parseOrRefuse(endpoint.query, Object.fromEntries(new URL(req.url).searchParams), "query parameters")
      : {};
    const rawBody = endpoint.body ? await readJsonBody(req) : undefined;
    const body = endpoint.body ? parseOrRefuse(endpoint.body, rawBody, "request body") : undefined;
    const input = { params, query, body, ctx, identity };
    if (!endpoint.idempotent) return respond(endpoint, await endpoint.handle(input));
    const key = parseIdempotencyKey(req.headers.get(IDEMPOTENCY_HEADER));
    if (key === null) return respond(endpoint, await endpoint.handle(input));
    return await idempotently(
      endpoint,
      ctx,
      {
        principal: `${identity.principal.kind}:${identity.principal.id}`,
        key,
        endpoint: `${endpoint.method} ${new URL(req.url).pathname}`,
        requestHash: hashRequest(rawBody),
      },
      () => endpoint.handle(input),
    );
  } catch (err) {
    throw await refusalForMembers(err, endpoint, params, ctx);
  }
}

async function idempotently(
  endpoint: Endpoint,
  ctx: Ctx,
  request: IdempotentRequest,
  run: () => Promise<unknown>,
): Promise<Response> {
  const claim = await claimIdempotencyKey(ctx.db, request);
  if (claim.kind === "replay") {
    return Response.json(claim.body, {
      status: claim.status,
      headers: { [REPLAYED_HEADER]: "true", "cache-control": "no-store" },
    });
  }
  let result: unknown;
  try {
    result = await run();
  } catch (err) {
    await releaseIdempotencyKey(ctx.db, request);
    throw err;
  }
  await completeIdempotencyKey(
    ctx.db,
    request,
    endpoint.response.status,
    endpoint.idempotent!.redact(result),
  );
  return respond(endpoint, result);
}

function respond(endpoint: Endpoint, result: unknown): Response {
  const { status } = endpoint.response;
  if (status === 204) return new Response(null, { status, headers: { "cache-control": "no-store" } });
  return Response.json(result, { status, headers: { "cache-control": "no-store" } });
}

/**
 * The policy hides what a caller may not see behind a 404 (an admin-only tab "does not exist").
 * The REST API is more direct with the organization's own members and service accounts: they know
 * the org exists, so a refusal there is a 403 with the policy's reason. Outsiders still get 404.
 */
async function refusalForMembers(
  err: unknown,
  endpoint: Endpoint,
  params: Record<string, unknown>,
  ctx: Ctx,
): Promise<unknown> {
  if (!(err instanceof AccessDenied) || err.status !== 404 || !endpoint.scope) return err;
  const org = await endpoint.scope(params as never, ctx).catch(() => null);
  if (!org || !callerBelongsTo(ctx, org)) return err;
  return new RestProblem("forbidden", asSentence(err.decision.reason));
}
