// Trace calls (W&B Weave): batches of starts and ends written whole or not at all, one row per
// (project, call id) whatever order the parts arrive in, and reading them back for calls/stream_query,
// call/read and the project pages. Access is decided through lib/traces/project.ts.
import "server-only";
import { randomBytes } from "node:crypto";
import {
  and,
  arrayOverlaps,
  asc,
  count,
  eq,
  inArray,
  isNotNull,
  isNull,
  like,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { type Ctx, inTransaction } from "@/lib/context";
import { serviceAccounts, traceCalls, users } from "@/lib/db/schema";
import type { Project } from "@/lib/projects/service";
import {
  projectIdOf,
  projectReader,
  type TraceOptions,
  type Writer,
  writeTarget,
  writeTargets,
} from "./project";
import { compileQuery, compileSort, type FieldSet } from "./query";
import { refsIn } from "./refs";
import type { CallBatchItem, CallEnd, CallStart, CallsFilter, CallsQuery } from "./wire";

export interface CallRecord {
  id: string;
  /** "entity/project" */
  projectId: string;
  opName: string;
  displayName: string | null;
  traceId: string;
  parentId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  attributes: Record<string, unknown>;
  inputs: Record<string, unknown>;
  output: unknown;
  exception: string | null;
  summary: Record<string, unknown>;
  wbRunId: string | null;
  /** The user the call counts for: the attributed user, or the user who wrote it. */
  wbUserId: string | null;
  loggedBy: { kind: "user" | "service_account" | "unknown"; name: string | null; deleted: boolean };
  attributedTo: string | null;
  attributionNote: string | null;
}

/** RFC 9562 UUIDv7, for a start that names no id (weave's clients always send one). */
export function uuidv7(): string {
  const bytes = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type CallRow = typeof traceCalls.$inferInsert;

function emptyRow(projectId: string, id: string, writer: Writer): CallRow {
  return {
    projectId,
    id,
    opName: null,
    displayName: null,
    traceId: null,
    parentId: null,
    startedAt: null,
    attributes: null,
    inputs: null,
    inputRefs: [],
    wbRunId: null,
    endedAt: null,
    output: null,
    outputRefs: [],
    exception: null,
    summary: null,
    renamedTo: null,
    ...writer,
  };
}

function applyStart(row: CallRow, start: CallStart & { id: string; trace_id: string }) {
  const inputs = start.inputs ?? {};
  Object.assign(row, {
    opName: start.op_name,
    displayName: start.display_name ?? null,
    traceId: start.trace_id,
    parentId: start.parent_id ?? null,
    startedAt: start.started_at,
    attributes: start.attributes ?? {},
    inputs,
    inputRefs: refsIn(inputs).filter((r) => !r.includes("\u0000")),
    wbRunId: start.wb_run_id ?? null,
  });
}

function applyEnd(row: CallRow, end: CallEnd) {
  const output = end.output ?? null;
  Object.assign(row, {
    endedAt: end.ended_at,
    output,
    outputRefs: refsIn(output).filter((r) => !r.includes("\u0000")),
    exception: end.exception ?? null,
    summary: end.summary ?? {},
  });
  if (end.display_name) row.renamedTo = end.display_name;
}

// A part that arrives writes its own columns and leaves the other part's as they are.
const fromStart = (column: string) =>
  sql.raw(`case when excluded.started_at is not null then excluded.${column} else trace_calls.${column} end`);
const fromEnd = (column: string) =>
  sql.raw(`case when excluded.ended_at is not null then excluded.${column} else trace_calls.${column} end`);
const newAttribution = (column: string) =>
  sql.raw(
    `case when excluded.attributed_user_id is not null or excluded.attribution_note is not null ` +
      `then excluded.${column} else trace_calls.${column} end`,
  );

const CHUNK = 500;

async function upsertRows(tx: Ctx, rows: CallRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.db
      .insert(traceCalls)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [traceCalls.projectId, traceCalls.id],
        set: {
          opName: fromStart("op_name"),
          displayName: fromStart("display_name"),
          traceId: fromStart("trace_id"),
          parentId: fromStart("parent_id"),
          startedAt: fromStart("started_at"),
          attributes: fromStart("attributes"),
          inputs: fromStart("inputs"),
          inputRefs: fromStart("input_refs"),
          wbRunId: fromStart("wb_run_id"),
          endedAt: fromEnd("ended_at"),
          output: fromEnd("output"),
          outputRefs: fromEnd("output_refs"),
          exception: fromEnd("exception"),
          summary: fromEnd("summary"),
          renamedTo: sql.raw("coalesce(excluded.renamed_to, trace_calls.renamed_to)"),
          attributedUserId: newAttribution("attributed_user_id"),
          attributionNote: newAttribution("attribution_note"),
          updatedAt: sql`now()`,
        },
      });
  }
}

export type BatchResult = { id: string; trace_id: string } | Record<string, never>;

/**
 * call/upsert_batch: every project the batch names is authorized (and created on first write) before
 * anything is stored, then all parts are written in the same transaction. Starts and ends of one call
 * land on one row in any order and across batches; a retried batch rewrites the same rows.
 */
export async function upsertCallBatch(
  ctx: Ctx,
  batch: CallBatchItem[],
  opts: TraceOptions = {},
): Promise<BatchResult[]> {
  const parts = batch.map((item) => {
    if (item.mode === "end") return { mode: "end" as const, end: item.req.end };
    const start = item.req.start;
    return {
      mode: "start" as const,
      start: { ...start, id: start.id ?? uuidv7(), trace_id: start.trace_id ?? uuidv7() },
    };
  });
  if (!parts.length) return [];
  return inTransaction(ctx, async (tx) => {
    const targets = await writeTargets(
      tx,
      parts.map((p) => (p.mode === "start" ? p.start.project_id : p.end.project_id)),
      opts,
    );
    const rows = new Map<string, CallRow>();
    const rowFor = (projectId: string, id: string) => {
      const target = targets.get(projectId)!;
      const key = `${target.project.id}\u0000${id}`;
      let row = rows.get(key);
      if (!row) {
        row = emptyRow(target.project.id, id, target.writer);
        rows.set(key, row);
      }
      return row;
    };
    const results: BatchResult[] = [];
    for (const part of parts) {
      if (part.mode === "start") {
        applyStart(rowFor(part.start.project_id, part.start.id), part.start);
        results.push({ id: part.start.id, trace_id: part.start.trace_id });
      } else {
        applyEnd(rowFor(part.end.project_id, part.end.id), part.end);
        results.push({});
      }
    }
    // One lock order for every writer (concurrent batches touching the same calls cannot deadlock).
    const ordered = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    await upsertRows(tx, ordered);
    return results;
  });
}

/** call/update: renames a call (its start may still be on its way: the name waits for it). */
export async function renameCall(
  ctx: Ctx,
  input: { projectId: string; callId: string; displayName: string | null | undefined },
  opts: TraceOptions = {},
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { project, writer } = await writeTarget(tx, input.projectId, opts);
    if (input.displayName === null || input.displayName === undefined) return;
    const row = emptyRow(project.id, input.callId, writer);
    row.renamedTo = input.displayName;
    await upsertRows(tx, [row]);
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading

const effectiveName = sql<string | null>`coalesce(${traceCalls.renamedTo}, ${traceCalls.displayName})`;
const wbUserId = sql<string | null>`coalesce(${traceCalls.attributedUserId}, ${traceCalls.loggedByUserId})`;
const status = sql<string>`(case when ${traceCalls.exception} is not null then 'error'
  when ${traceCalls.endedAt} is null then 'running' else 'success' end)`;

export const CALL_FIELDS: FieldSet = {
  columns: {
    id: { sql: sql`${traceCalls.id}`, kind: "text" },
    trace_id: { sql: sql`${traceCalls.traceId}`, kind: "text" },
    parent_id: { sql: sql`${traceCalls.parentId}`, kind: "text" },
    op_name: { sql: sql`${traceCalls.opName}`, kind: "text" },
    display_name: { sql: effectiveName, kind: "text" },
    started_at: { sql: sql`${traceCalls.startedAt}`, kind: "time" },
    ended_at: { sql: sql`${traceCalls.endedAt}`, kind: "time" },
    exception: { sql: sql`${traceCalls.exception}`, kind: "text" },
    wb_run_id: { sql: sql`${traceCalls.wbRunId}`, kind: "text" },
    wb_user_id: { sql: wbUserId, kind: "text" },
    "summary.weave.status": { sql: status, kind: "text" },
    "summary.weave.latency_ms": {
      sql: sql`(extract(epoch from (${traceCalls.endedAt} - ${traceCalls.startedAt})) * 1000)`,
      kind: "number",
    },
    "summary.weave.trace_name": {
      sql: sql`coalesce(${effectiveName}, regexp_replace(${traceCalls.opName}, '^weave:///[^/]+/[^/]+/op/([^:/]+).*$', '\\1'))`,
      kind: "text",
    },
  },
  json: {
    inputs: sql`${traceCalls.inputs}`,
    output: sql`${traceCalls.output}`,
    attributes: sql`${traceCalls.attributes}`,
    summary: sql`${traceCalls.summary}`,
  },
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterConditions(filter: CallsFilter): SQL[] {
  const where: SQL[] = [];
  if (!filter) return where;
  const nonEmpty = <T>(list: T[] | null | undefined): list is T[] => Array.isArray(list) && list.length > 0;
  if (nonEmpty(filter.op_names)) {
    const exact = filter.op_names.filter((n) => !n.endsWith(":*"));
    const prefixes = filter.op_names.filter((n) => n.endsWith(":*")).map((n) => n.slice(0, -1));
    const options: SQL[] = [];
    if (exact.length) options.push(inArray(traceCalls.opName, exact));
    for (const prefix of prefixes) options.push(like(traceCalls.opName, `${escapeLike(prefix)}%`));
    where.push(or(...options)!);
  }
  if (nonEmpty(filter.input_refs)) where.push(arrayOverlaps(traceCalls.inputRefs, filter.input_refs));
  if (nonEmpty(filter.output_refs)) where.push(arrayOverlaps(traceCalls.outputRefs, filter.output_refs));
  if (nonEmpty(filter.parent_ids)) where.push(inArray(traceCalls.parentId, filter.parent_ids));
  if (nonEmpty(filter.trace_ids)) where.push(inArray(traceCalls.traceId, filter.trace_ids));
  if (nonEmpty(filter.call_ids)) where.push(inArray(traceCalls.id, filter.call_ids));
  if (filter.trace_roots_only) where.push(isNull(traceCalls.parentId));
  if (nonEmpty(filter.wb_user_ids)) where.push(inArray(wbUserId, filter.wb_user_ids));
  if (nonEmpty(filter.wb_run_ids)) where.push(inArray(traceCalls.wbRunId, filter.wb_run_ids));
  return where;
}

/** The calls a query selects: started calls of the project (an end whose start is pending waits). */
function whereOf(project: Project, query: Pick<CallsQuery, "filter" | "query">): SQL {
  return and(
    eq(traceCalls.projectId, project.id),
    isNotNull(traceCalls.startedAt),
    ...filterConditions(query.filter),
    compileQuery(CALL_FIELDS, query.query),
  )!;
}

const HEAVY = ["attributes", "inputs", "output", "summary"] as const;
type Heavy = (typeof HEAVY)[number];

/** Which JSON payloads to read: all, or those `columns` asks for (weave's UI asks for a few). */
function payloadsFor(columns: string[] | null | undefined): Set<Heavy> {
  if (!columns?.length) return new Set(HEAVY);
  return new Set(HEAVY.filter((h) => columns.some((c) => c === h || c.startsWith(`${h}.`))));
}

/** Who wrote a call and for whom, by name (read back by the API and the Traces tab alike). */
export const writerColumns = {
  loggedByUserId: traceCalls.loggedByUserId,
  loggedByServiceAccountId: traceCalls.loggedByServiceAccountId,
  loggedByUser: sql<
    string | null
  >`(select ${users.username} from ${users} where ${users.id} = ${traceCalls.loggedByUserId})`,
  loggedBySa: sql<
    string | null
  >`(select ${serviceAccounts.name} from ${serviceAccounts} where ${serviceAccounts.id} = ${traceCalls.loggedByServiceAccountId})`,
  loggedBySaStatus: sql<
    string | null
  >`(select ${serviceAccounts.status}::text from ${serviceAccounts} where ${serviceAccounts.id} = ${traceCalls.loggedByServiceAccountId})`,
  attributedTo: sql<
    string | null
  >`(select ${users.username} from ${users} where ${users.id} = ${traceCalls.attributedUserId})`,
  attributionNote: traceCalls.attributionNote,
};

export interface WriterRow {
  loggedByUserId: string | null;
  loggedByServiceAccountId: string | null;
  loggedByUser: string | null;
  loggedBySa: string | null;
  loggedBySaStatus: string | null;
  attributedTo: string | null;
  attributionNote: string | null;
}

/** The principal that wrote the call (a deleted service account keeps its name, marked deleted). */
export function loggedByOf(r: WriterRow): CallRecord["loggedBy"] {
  if (r.loggedByServiceAccountId)
    return { kind: "service_account", name: r.loggedBySa, deleted: r.loggedBySaStatus === "deleted" };
  if (r.loggedByUserId) return { kind: "user", name: r.loggedByUser, deleted: false };
  return { kind: "unknown", name: null, deleted: true };
}

function selection(payloads: Set<Heavy>) {
  const payload = (h: Heavy) =>
    payloads.has(h) ? sql<string | null>`(${traceCalls[h]})::text` : sql<string | null>`null`;
  return {
    id: traceCalls.id,
    opName: traceCalls.opName,
    displayName: effectiveName,
    traceId: traceCalls.traceId,
    parentId: traceCalls.parentId,
    startedAt: traceCalls.startedAt,
    endedAt: traceCalls.endedAt,
    exception: traceCalls.exception,
    wbRunId: traceCalls.wbRunId,
    wbUserId,
    attributes: payload("attributes"),
    inputs: payload("inputs"),
    output: payload("output"),
    summary: payload("summary"),
    ...writerColumns,
  };
}

type Selected = {
  [K in keyof ReturnType<typeof selection>]: unknown;
} & {
  id: string;
  opName: string | null;
  displayName: string | null;
  traceId: string | null;
  parentId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  exception: string | null;
  wbRunId: string | null;
  wbUserId: string | null;
  attributes: string | null;
  inputs: string | null;
  output: string | null;
  summary: string | null;
} & WriterRow;

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toRecord(project: Project, r: Selected): CallRecord {
  return {
    id: r.id,
    projectId: projectIdOf(project),
    opName: r.opName ?? "",
    displayName: r.displayName,
    traceId: r.traceId ?? r.id,
    parentId: r.parentId,
    startedAt: r.startedAt!,
    endedAt: r.endedAt,
    attributes: (parseJson(r.attributes) as Record<string, unknown> | null) ?? {},
    inputs: (parseJson(r.inputs) as Record<string, unknown> | null) ?? {},
    output: parseJson(r.output),
    exception: r.exception,
    summary: (parseJson(r.summary) as Record<string, unknown> | null) ?? {},
    wbRunId: r.wbRunId,
    wbUserId: r.wbUserId,
    loggedBy: loggedByOf(r),
    attributedTo: r.attributedTo,
    attributionNote: r.attributionNote,
  };
}

const PAGE = 200;

/**
 * calls/stream_query: checks read access and the query before anything streams, then yields the
 * matching calls page by page (started_at order unless sort_by says otherwise).
 */
export async function queryCalls(
  ctx: Ctx,
  query: CallsQuery,
  opts: TraceOptions = {},
): Promise<{ project: Project; calls: AsyncGenerator<CallRecord> }> {
  const project = await projectReader(ctx, opts)(query.project_id);
  const where = whereOf(project, query);
  const order = [...compileSort(CALL_FIELDS, query.sort_by), asc(traceCalls.startedAt), asc(traceCalls.id)];
  const columns = selection(payloadsFor(query.columns));
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  async function* calls(): AsyncGenerator<CallRecord> {
    let offset = query.offset ?? 0;
    let remaining = limit;
    while (remaining > 0) {
      const size = Math.min(PAGE, remaining);
      const rows = (await ctx.db
        .select(columns)
        .from(traceCalls)
        .where(where)
        .orderBy(...order)
        .limit(size)
        .offset(offset)) as Selected[];
      for (const row of rows) yield toRecord(project, row);
      if (rows.length < size) return;
      offset += rows.length;
      remaining -= rows.length;
    }
  }
  return { project, calls: calls() };
}

/** Every call of a query at once (tests, server components): the stream, collected. */
export async function listCalls(ctx: Ctx, query: CallsQuery, opts: TraceOptions = {}): Promise<CallRecord[]> {
  const { calls } = await queryCalls(ctx, query, opts);
  const out: CallRecord[] = [];
  for await (const call of calls) out.push(call);
  return out;
}

/** calls/query_stats: how many calls a query selects (capped at `limit`). */
export async function countCalls(
  ctx: Ctx,
  query: Pick<CallsQuery, "project_id" | "filter" | "query" | "limit">,
  opts: TraceOptions = {},
): Promise<number> {
  const project = await projectReader(ctx, opts)(query.project_id);
  const [row] = await ctx.db.select({ n: count() }).from(traceCalls).where(whereOf(project, query));
  const n = Number(row?.n ?? 0);
  return query.limit === null || query.limit === undefined ? n : Math.min(n, query.limit);
}

/** call/read: one started call, or null. */
export async function readCall(
  ctx: Ctx,
  input: { projectId: string; id: string },
  opts: TraceOptions = {},
): Promise<CallRecord | null> {
  const project = await projectReader(ctx, opts)(input.projectId);
  const [row] = (await ctx.db
    .select(selection(new Set(HEAVY)))
    .from(traceCalls)
    .where(
      and(eq(traceCalls.projectId, project.id), eq(traceCalls.id, input.id), isNotNull(traceCalls.startedAt)),
    )
    .limit(1)) as Selected[];
  return row ? toRecord(project, row) : null;
}
