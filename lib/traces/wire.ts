// The request bodies of the trace server paths (weave's generated traceServerApi, WIRE.md section 1),
// validated at the edge. Unknown fields are dropped; a bad field answers 400 naming its path.
import { z } from "zod";
import { Invalid } from "@/lib/errors";

/** Ids: the client's UUIDs, or anything printable up to 128 characters. */
const id = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");

/** Free text the database stores as `text`: NUL characters (which it cannot hold) are dropped. */
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => s.replaceAll("\u0000", ""));

/** ISO 8601 date-time; one without a zone is UTC (Python's naive datetimes). */
export const timestamp = z.string().transform((s, ctx) => {
  const zoned = /(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/.test(s) || !/T|\s\d/.test(s) ? s : `${s}Z`;
  const date = new Date(zoned);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time" });
    return z.NEVER;
  }
  return date;
});

const jsonObject = z.record(z.string(), z.unknown());
const projectId = z.string().min(1, "must name entity/project").max(300);
const limit = z.number().int().min(0).max(1_000_000).nullish();
const offset = z.number().int().min(0).nullish();
const sortBy = z
  .array(z.object({ field: z.string().min(1).max(500), direction: z.enum(["asc", "desc"]).default("asc") }))
  .max(10)
  .nullish();

export const callStartSchema = z.object({
  project_id: projectId,
  id: id.nullish(),
  op_name: text(4096).pipe(z.string().min(1, "must not be empty")),
  display_name: text(1024).nullish(),
  trace_id: id.nullish(),
  parent_id: id.nullish(),
  started_at: timestamp,
  attributes: jsonObject.nullish(),
  inputs: jsonObject.nullish(),
  wb_run_id: text(512).nullish(),
});
export type CallStart = z.infer<typeof callStartSchema>;

export const callEndSchema = z.object({
  project_id: projectId,
  id,
  ended_at: timestamp,
  exception: text(100_000).nullish(),
  output: z.unknown(),
  summary: jsonObject.nullish(),
  display_name: text(1024).nullish(),
});
export type CallEnd = z.infer<typeof callEndSchema>;

export const callBatchItemSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("start"), req: z.object({ start: callStartSchema }) }),
  z.object({ mode: z.literal("end"), req: z.object({ end: callEndSchema }) }),
]);
export type CallBatchItem = z.infer<typeof callBatchItemSchema>;

export const callUpsertBatchSchema = z.object({ batch: z.array(callBatchItemSchema) });
export const callStartReqSchema = z.object({ start: callStartSchema });
export const callEndReqSchema = z.object({ end: callEndSchema });

export const callReadSchema = z.object({ project_id: projectId, id });

export const callUpdateSchema = z.object({
  project_id: projectId,
  call_id: id,
  display_name: text(1024).nullish(),
});

export const callsFilterSchema = z
  .object({
    op_names: z.array(z.string().max(4096)).max(1000).nullish(),
    input_refs: z.array(z.string().max(2048)).max(1000).nullish(),
    output_refs: z.array(z.string().max(2048)).max(1000).nullish(),
    parent_ids: z.array(id).max(10_000).nullish(),
    trace_ids: z.array(id).max(10_000).nullish(),
    call_ids: z.array(id).max(10_000).nullish(),
    trace_roots_only: z.boolean().nullish(),
    wb_user_ids: z.array(z.string().max(128)).max(1000).nullish(),
    wb_run_ids: z.array(z.string().max(512)).max(1000).nullish(),
  })
  .nullish();
export type CallsFilter = z.infer<typeof callsFilterSchema>;

/** `{"$expr": ...}`: compiled (and checked) by lib/traces/query.ts. */
const querySchema = z.object({ $expr: z.unknown() }).nullish();

export const callsQuerySchema = z.object({
  project_id: projectId,
  filter: callsFilterSchema,
  query: querySchema,
  limit,
  offset,
  sort_by: sortBy,
  columns: z.array(z.string().max(500)).max(500).nullish(),
  include_costs: z.boolean().nullish(),
  include_feedback: z.boolean().nullish(),
  expand_columns: z.array(z.string()).nullish(),
});
export type CallsQuery = z.infer<typeof callsQuerySchema>;

export const callsQueryStatsSchema = z.object({
  project_id: projectId,
  filter: callsFilterSchema,
  query: querySchema,
  limit,
});

/** Object ids as weave names them (objectNameToId, uuidv7): word characters, '.', '-'. */
export const objectId = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[A-Za-z0-9_.-]+$/, "may contain only letters, digits, '_', '.' and '-'");

export const objCreateSchema = z.object({
  obj: z.object({
    project_id: projectId,
    object_id: objectId,
    val: z.unknown(),
    builtin_object_class: z.string().max(128).nullish(),
    set_base_object_class: z.string().max(128).nullish(),
  }),
});

const digestLike = z.string().min(1).max(128);

export const objReadSchema = z.object({ project_id: projectId, object_id: objectId, digest: digestLike });

export const objsQuerySchema = z.object({
  project_id: projectId,
  filter: z
    .object({
      base_object_classes: z.array(z.string().max(128)).max(100).nullish(),
      object_ids: z.array(z.string().max(128)).max(10_000).nullish(),
      is_op: z.boolean().nullish(),
      latest_only: z.boolean().nullish(),
    })
    .nullish(),
  limit,
  offset,
  sort_by: sortBy,
  metadata_only: z.boolean().nullish(),
});
export type ObjsQuery = z.infer<typeof objsQuerySchema>;

export const tableCreateSchema = z.object({
  table: z.object({ project_id: projectId, rows: z.array(jsonObject) }),
});

export const tableQuerySchema = z.object({
  project_id: projectId,
  digest: digestLike,
  filter: z.object({ row_digests: z.array(digestLike).max(100_000).nullish() }).nullish(),
  limit,
  offset,
  sort_by: sortBy,
});
export type TableQuery = z.infer<typeof tableQuerySchema>;

export const fileContentSchema = z.object({ project_id: projectId, digest: digestLike });

export const refsReadBatchSchema = z.object({ refs: z.array(z.string().max(4096)).max(1000) });

/** A `\u0000` or `\uD800`-`\uDFFF` escape: the text may decode to a NUL or a lone surrogate. */
const SUSPECT_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/**
 * PostgreSQL stores json text with a NUL or a lone UTF-16 surrogate (a string cut inside an emoji)
 * but cannot read such a string back out (`#>>` in queries and sorts fails for the whole query), so
 * both become U+FFFD, as a UTF-8 decoder would make them. Checks the raw text first: ordinary bodies
 * are not walked.
 */
export function withWellFormedStrings<T>(value: T, rawText: string): T {
  if (!SUSPECT_ESCAPE.test(rawText)) return value;
  const fix = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === "object") {
      const obj = v as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const item = fix(obj[key]);
        if (clean(key) === key) {
          obj[key] = item;
        } else {
          delete obj[key];
          Object.defineProperty(obj, clean(key), {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return obj;
    }
    return v;
  };
  return fix(value) as T;
}

function clean(s: string): string {
  const wellFormed = s.isWellFormed() ? s : s.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\ufffd") : wellFormed;
}

/** Parses a request body, or answers 400 naming the first offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? issue.path.join(".") : "the body";
  throw new Invalid(`Invalid request: ${where}: ${issue.message.replace(/\.$/, "")}.`);
}
