// What the project's Traces tab reads: a trace's root calls newest first, a call's children, one
// call's full payloads, and the published objects and datasets. Pages of a keyset (never an offset:
// a project may hold 100,000 calls), payloads cut to a preview, access decided by lib/traces/project.ts.
import "server-only";
import { and, asc, desc, eq, gt, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Ctx } from "@/lib/context";
import { traceCalls, traceObjects } from "@/lib/db/schema";
import { Invalid } from "@/lib/errors";
import { type CallRecord, loggedByOf, readCall, type WriterRow, writerColumns } from "./calls";
import { projectReader } from "./project";
import { parseRef } from "./refs";

/** How much of a payload's JSON text a list shows; the rest is read when asked for. */
export const PREVIEW_CHARS = 300;

export type CallStatus = "success" | "error" | "running";

export interface CallListItem {
  id: string;
  /** The op's own name ("add" for `weave:///e/p/op/add:<digest>`), or the op_name as sent. */
  opName: string;
  displayName: string | null;
  traceId: string;
  parentId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  status: CallStatus;
  exception: string | null;
  inputs: PayloadPreview;
  output: PayloadPreview;
  childCount: number;
  loggedBy: CallRecord["loggedBy"];
  attributedTo: string | null;
  attributionNote: string | null;
}

export interface PayloadPreview {
  /** The JSON text, cut at PREVIEW_CHARS characters (null: no payload yet, the call is running). */
  text: string | null;
  /** The length of the whole JSON text, in characters. */
  length: number;
}

export interface CallPage {
  calls: CallListItem[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The op's name from its ref, for people (the digest is in the ref, the name is what they wrote). */
export function opShortName(opName: string): string {
  const ref = parseRef(opName);
  return ref && ref.kind !== "table" && ref.kind !== "call" ? ref.name : opName;
}

// Microseconds and UTC, whatever the session's time zone: a cursor must name its row exactly
// (Python clients send microseconds, a JS Date would round them away).
const startedKey = sql<string>`to_char(${traceCalls.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const preview = (column: SQL) => ({
  text: sql<string | null>`left((${column})::text, ${sql.raw(String(PREVIEW_CHARS))})`,
  length: sql<number | null>`length((${column})::text)`,
});

const listColumns = {
  id: traceCalls.id,
  opName: traceCalls.opName,
  displayName: sql<string | null>`coalesce(${traceCalls.renamedTo}, ${traceCalls.displayName})`,
  traceId: traceCalls.traceId,
  parentId: traceCalls.parentId,
  startedAt: traceCalls.startedAt,
  startedKey,
  endedAt: traceCalls.endedAt,
  exception: traceCalls.exception,
  inputsText: preview(sql`${traceCalls.inputs}`).text,
  inputsLength: preview(sql`${traceCalls.inputs}`).length,
  outputText: preview(sql`${traceCalls.output}`).text,
  outputLength: preview(sql`${traceCalls.output}`).length,
  // trace_calls_project_parent_idx
  childCount: sql<number>`(select count(*)::int from trace_calls c
    where c.project_id = trace_calls.project_id and c.parent_id = trace_calls.id and c.started_at is not null)`,
  ...writerColumns,
};

interface ListRow extends WriterRow {
  id: string;
  opName: string | null;
  displayName: string | null;
  traceId: string | null;
  parentId: string | null;
  startedAt: Date;
  startedKey: string;
  endedAt: Date | null;
  exception: string | null;
  inputsText: string | null;
  inputsLength: number | null;
  outputText: string | null;
  outputLength: number | null;
  childCount: number;
}

function toItem(r: ListRow): CallListItem {
  const ended = r.endedAt !== null;
  return {
    id: r.id,
    opName: opShortName(r.opName ?? ""),
    displayName: r.displayName,
    traceId: r.traceId ?? r.id,
    parentId: r.parentId,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    durationMs: ended ? Math.max(0, r.endedAt!.getTime() - r.startedAt.getTime()) : null,
    status: r.exception !== null ? "error" : ended ? "success" : "running",
    exception: r.exception,
    // An end not yet arrived has no output: say so rather than show "null".
    inputs: { text: r.inputsText, length: Number(r.inputsLength ?? 0) },
    // (a JSON null output is stored as SQL NULL: it reads back as "null")
    output: ended
      ? { text: r.outputText ?? "null", length: Number(r.outputLength ?? 4) }
      : { text: null, length: 0 },
    childCount: Number(r.childCount),
    loggedBy: loggedByOf(r),
    attributedTo: r.attributedTo,
    attributionNote: r.attributionNote,
  };
}

interface Cursor {
  at: string;
  id: string;
}

function encodeCursor(row: { startedKey: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.startedKey, row.id])).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && typeof id === "string" && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {}
  throw new Invalid("Invalid cursor.");
}

const clampPageSize = (first: number | undefined) => Math.min(Math.max(first ?? 25, 1), 200);

async function callPage(
  ctx: Ctx,
  where: SQL,
  direction: "newest" | "oldest",
  first: number,
  cursor: Cursor | null,
): Promise<CallPage> {
  // A row comparison, so the index scan starts right at the cursor.
  const past = cursor
    ? sql`(${traceCalls.startedAt}, ${traceCalls.id}) ${sql.raw(direction === "newest" ? "<" : ">")} (${cursor.at}::timestamptz, ${cursor.id})`
    : undefined;
  const order =
    direction === "newest"
      ? [desc(traceCalls.startedAt), desc(traceCalls.id)]
      : [asc(traceCalls.startedAt), asc(traceCalls.id)];
  const rows = (await ctx.db
    .select(listColumns)
    .from(traceCalls)
    .where(and(where, past))
    .orderBy(...order)
    .limit(first + 1)) as ListRow[];
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return {
    calls: page.map(toItem),
    endCursor: last ? encodeCursor(last) : null,
    hasNextPage: rows.length > first,
  };
}

/**
 * The project's traces, newest first: their root calls (a call with no parent). Walks
 * trace_calls_project_started_idx backwards, skipping children (see the note on indexes in the
 * report: a partial index on roots would spare that).
 */
export async function listTraceRoots(
  ctx: Ctx,
  projectId: string,
  opts: { first?: number; after?: string | null } = {},
): Promise<CallPage> {
  const project = await projectReader(ctx, {})(projectId);
  const where = and(
    eq(traceCalls.projectId, project.id),
    isNull(traceCalls.parentId),
    isNotNull(traceCalls.startedAt),
  )!;
  return callPage(ctx, where, "newest", clampPageSize(opts.first), decodeCursor(opts.after));
}

/** A call's children in the order they started (trace_calls_project_parent_idx). */
export async function listChildCalls(
  ctx: Ctx,
  projectId: string,
  parentId: string,
  opts: { first?: number; after?: string | null } = {},
): Promise<CallPage> {
  const project = await projectReader(ctx, {})(projectId);
  const where = and(
    eq(traceCalls.projectId, project.id),
    eq(traceCalls.parentId, parentId),
    isNotNull(traceCalls.startedAt),
  )!;
  return callPage(ctx, where, "oldest", clampPageSize(opts.first), decodeCursor(opts.after));
}

export interface CallPayloads {
  inputs: Record<string, unknown>;
  /** Undefined while the call runs (no end yet). */
  output?: unknown;
  exception: string | null;
}

/** One call's whole inputs and output, for "show all" (null: no such call in the project). */
export async function readCallPayloads(
  ctx: Ctx,
  projectId: string,
  callId: string,
): Promise<CallPayloads | null> {
  const call = await readCall(ctx, { projectId, id: callId });
  if (!call) return null;
  return {
    inputs: call.inputs,
    ...(call.endedAt ? { output: call.output } : {}),
    exception: call.exception,
  };
}

// ---------------------------------------------------------------------------------------------------
// Objects

export interface PublishedObject {
  objectId: string;
  /** "Dataset", "Model"... for weave's object classes, else "Object". */
  kind: string;
  digest: string;
  /** The latest version's number (v0, v1...): versionIndex + 1 versions exist. */
  versionIndex: number;
  createdAt: Date;
}

export interface ObjectPage {
  objects: PublishedObject[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * Published objects and datasets (not ops: those are the code of the calls above), their latest
 * version each, by name: keyset on the primary key (project_id, object_id, digest), the latest
 * version found through trace_objects_project_object_version_unique.
 */
export async function listPublishedObjects(
  ctx: Ctx,
  projectId: string,
  opts: { first?: number; after?: string | null } = {},
): Promise<ObjectPage> {
  const project = await projectReader(ctx, {})(projectId);
  const first = clampPageSize(opts.first);
  let after: string | null = null;
  if (opts.after) {
    after = Buffer.from(opts.after, "base64url").toString("utf8");
    if (!after) throw new Invalid("Invalid cursor.");
  }
  const rows = await ctx.db
    .select({
      objectId: traceObjects.objectId,
      digest: traceObjects.digest,
      versionIndex: traceObjects.versionIndex,
      kind: traceObjects.kind,
      baseObjectClass: traceObjects.baseObjectClass,
      createdAt: traceObjects.createdAt,
    })
    .from(traceObjects)
    .where(
      and(
        eq(traceObjects.projectId, project.id),
        sql`${traceObjects.kind} <> 'op'`,
        sql`${traceObjects.versionIndex} = (select max(o2.version_index) from trace_objects o2
          where o2.project_id = trace_objects.project_id and o2.object_id = trace_objects.object_id)`,
        after === null ? undefined : gt(traceObjects.objectId, after),
      ),
    )
    .orderBy(asc(traceObjects.objectId))
    .limit(first + 1);
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return {
    objects: page.map((r) => ({
      objectId: r.objectId,
      kind: r.baseObjectClass ?? "Object",
      digest: r.digest,
      versionIndex: r.versionIndex,
      createdAt: r.createdAt,
    })),
    endCursor: last ? Buffer.from(last.objectId).toString("base64url") : null,
    hasNextPage: rows.length > first,
  };
}
