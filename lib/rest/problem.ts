// Errors of the REST API as RFC 9457 problem details (`application/problem+json`): a stable `type` per
// kind of problem (documented on /api-docs), a title, the status, a sentence saying what to do next, and
// field errors when the input was wrong. Typed service errors map here; nothing internal leaks.
import { z } from "zod";
import { ServiceError } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Each kind of problem: its stable `type` is `/api-docs#problem-<slug>`, its title never changes. */
export const PROBLEM_TYPES = {
  "bad-request": { status: 400, title: "The request is malformed" },
  "validation-failed": { status: 400, title: "The input is invalid" },
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Not allowed" },
  "not-found": { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict with the current state" },
  "idempotency-key-in-use": { status: 409, title: "A request with this Idempotency-Key is still running" },
  "payload-too-large": { status: 413, title: "The request body is too large" },
  "idempotency-key-reused": { status: 422, title: "This Idempotency-Key was used for another request" },
  "too-many-requests": { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Temporarily unavailable" },
  internal: { status: 500, title: "Internal server error" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const problemType = (slug: ProblemSlug) => `/api-docs#problem-${slug}`;

export const problemSchema = z.object({
  type: z.string().describe("Stable URI reference naming the kind of problem (see /api-docs)."),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().describe("What went wrong and what to do next."),
  errors: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe("Field errors: the field's path (dotted) to its messages; `_` for the whole input."),
});

export type Problem = z.infer<typeof problemSchema>;

/** A problem raised by the REST layer itself (idempotency, input parsing). */
export class RestProblem extends Error {
  constructor(
    readonly slug: ProblemSlug,
    detail: string,
    readonly fieldErrors?: Record<string, string[]>,
    readonly headers?: HeadersInit,
  ) {
    super(detail);
  }
}

const SLUG_BY_STATUS: Record<number, ProblemSlug> = {
  400: "bad-request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  413: "payload-too-large",
  422: "idempotency-key-reused",
  429: "too-many-requests",
  503: "unavailable",
};

export function slugForStatus(status: number, hasFieldErrors = false): ProblemSlug {
  if (status === 400 && hasFieldErrors) return "validation-failed";
  return SLUG_BY_STATUS[status] ?? "internal";
}

export function problemResponse(
  slug: ProblemSlug,
  detail: string,
  opts: { errors?: Record<string, string[]>; headers?: HeadersInit; status?: number } = {},
): Response {
  const status = opts.status ?? PROBLEM_TYPES[slug].status;
  const body: Problem = {
    type: problemType(slug),
    title: PROBLEM_TYPES[slug].title,
    status,
    detail,
    ...(opts.errors ? { errors: opts.errors } : {}),
  };
  const headers = new Headers(opts.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

/** A thrown error as a problem; anything not typed is logged and answered as a bare 500. */
export function problemFromError(err: unknown, req: Request): Response {
  if (err instanceof RestProblem) {
    return problemResponse(err.slug, err.message, {
      errors: err.fieldErrors,
      headers: err.headers,
    });
  }
  if (err instanceof ServiceError) {
    const errors = err.fieldErrors && Object.keys(err.fieldErrors).length ? err.fieldErrors : undefined;
    return problemResponse(slugForStatus(err.status, errors !== undefined), err.message, {
      errors,
      status: err.status,
    });
  }
  // The path is not logged: a key pasted where a key ID belongs would land in the log.
  console.error(`[rest] ${req.method} failed:`, err);
  return problemResponse("internal", "Something went wrong on our side; try again later.");
}

/**
 * The shared API wrapper (lib/server/route.ts) answers refused credentials and rate limits with its
 * own `{ error }` JSON; the REST API restates those as problems, keeping status and headers.
 */
export async function asProblem(res: Response): Promise<Response> {
  if (res.status < 400 || res.headers.get("content-type")?.startsWith(PROBLEM_CONTENT_TYPE)) return res;
  const body = (await res.json().catch(() => ({}))) as { error?: unknown };
  const detail = typeof body.error === "string" ? body.error : PROBLEM_TYPES[slugForStatus(res.status)].title;
  const headers = new Headers();
  for (const name of ["www-authenticate", "retry-after"]) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return problemResponse(slugForStatus(res.status), detail, {
    headers,
    status: res.status,
  });
}
