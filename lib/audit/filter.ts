// The Audit log's filters as URL search parameters, so a filtered view is a link people can share,
// and the export downloads exactly what the page shows. Times are UTC (`2026-11-30T14:05`).
import { z } from "zod";
import { type AuditFilter, MAX_PAGE_SIZE } from "./query";

/** The filters, and `limit` (events per page), which links keep too. */
export const FILTER_PARAMS = ["action", "actor", "target", "since", "until", "limit"] as const;
export type FilterParams = Partial<Record<(typeof FILTER_PARAMS)[number], string>>;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((v) => v || undefined)
    .optional();

/** A date or date-time without a zone is read as UTC; with a zone, as written. */
const utcTime = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(v) ? v : `${v}${v.includes("T") ? "" : "T00:00"}Z`;
    const date = new Date(zoned);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use a date and time such as 2026-11-30T14:05 (UTC)." });
      return z.NEVER;
    }
    return date;
  })
  .optional();

const filterSchema = z
  .object({
    action: text(100),
    actor: text(200),
    target: text(500),
    since: utcTime,
    until: utcTime,
    limit: z.coerce
      .number()
      .int("A whole number of events per page.")
      .min(1, "At least 1 event per page.")
      .max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} events per page.`)
      .optional(),
  })
  .refine((f) => !f.since || !f.until || f.since < f.until, {
    path: ["until"],
    message: "The end of the range must come after its start.",
  });

export type ParsedFilter =
  | { ok: true; filter: AuditFilter; limit?: number; params: FilterParams }
  | { ok: false; errors: Record<string, string>; params: FilterParams };

/** Reads the filters of a page's `searchParams` or a request's URL. */
export function parseAuditFilter(
  source: URLSearchParams | Record<string, string | string[] | undefined>,
): ParsedFilter {
  const params: FilterParams = {};
  for (const name of FILTER_PARAMS) {
    const raw = source instanceof URLSearchParams ? source.get(name) : source[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value) params[name] = value;
  }
  const parsed = filterSchema.safeParse(params);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors, params };
  }
  const { action, actor, target, since, until, limit } = parsed.data;
  const filter: AuditFilter = {};
  if (action) filter.action = action;
  if (actor) filter.actor = actor;
  if (target) filter.target = target;
  if (since) filter.since = since;
  if (until) filter.until = until;
  return { ok: true, filter, limit, params };
}

/** The query string of `params` plus `extra` (e.g. a cursor), without empty values. */
export function filterQuery(params: FilterParams, extra: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...params, ...extra })) if (value) search.set(name, value);
  const query = search.toString();
  return query ? `?${query}` : "";
}
