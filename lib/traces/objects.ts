// Weave objects (ops, datasets, published values: versioned per object id), tables (content-addressed
// rows, in order), files (content-addressed bytes) and refs into them. Digests are the client's own
// (lib/traces/digest.ts), so creating the same thing twice stores it once and answers the same digest.
import "server-only";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Ctx, inTransaction } from "@/lib/context";
import { traceFiles, traceObjects, traceTableRows, traceTables } from "@/lib/db/schema";
import { Invalid, NotFound } from "@/lib/errors";
import type { Project } from "@/lib/projects/service";
import { computeDigest, tableDigest, valDigest } from "./digest";
import { projectIdOf, projectReader, type TraceOptions, writeTarget } from "./project";
import { compileSort, type FieldSet } from "./query";
import { parseRef, type WeaveRef } from "./refs";
import type { ObjsQuery, TableQuery } from "./wire";

/** Rows of a raw query, whichever driver ran it (PGlite answers { rows }, postgres.js an array). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

// ---------------------------------------------------------------------------------------------------
// Objects

export interface ObjectRecord {
  /** "entity/project" */
  projectId: string;
  objectId: string;
  digest: string;
  versionIndex: number;
  isLatest: boolean;
  kind: string;
  baseObjectClass: string | null;
  val: unknown;
  createdAt: Date;
  wbUserId: string | null;
}

/** weave's get_type: a custom type's weave_type.type, else `_type`. */
function kindOf(val: unknown): "op" | "object" {
  if (!val || typeof val !== "object" || Array.isArray(val)) return "object";
  const v = val as { _type?: unknown; weave_type?: { type?: unknown } };
  const type = v.weave_type && typeof v.weave_type === "object" ? v.weave_type.type : v._type;
  return type === "Op" ? "op" : "object";
}

/** weave's base object class: the class below Object/BaseModel ("Dataset", "Model", ...). */
function baseClassOf(val: unknown): string | null {
  if (!val || typeof val !== "object" || Array.isArray(val)) return null;
  const { _bases: bases, _class_name: className } = val as { _bases?: unknown; _class_name?: unknown };
  if (!Array.isArray(bases) || bases.length < 2) return null;
  if (bases[bases.length - 1] !== "BaseModel" || bases[bases.length - 2] !== "Object") return null;
  if (bases.length > 2) return typeof bases[bases.length - 3] === "string" ? bases[bases.length - 3] : null;
  return typeof className === "string" ? className : null;
}

/** obj/create: a new version of the object, or the existing one with the same digest. */
export async function createObject(
  ctx: Ctx,
  input: { projectId: string; objectId: string; val: unknown; builtinObjectClass?: string | null },
  opts: TraceOptions = {},
): Promise<{ digest: string }> {
  const val = input.val === undefined ? null : input.val;
  const digest = valDigest(val);
  return inTransaction(ctx, async (tx) => {
    const { project, writer } = await writeTarget(tx, input.projectId, opts);
    // Versions are numbered in creation order: concurrent creates of one object id take turns.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${project.id}/${input.objectId}`}))`);
    const key = and(eq(traceObjects.projectId, project.id), eq(traceObjects.objectId, input.objectId));
    const [existing] = await tx.db
      .select({ digest: traceObjects.digest })
      .from(traceObjects)
      .where(and(key, eq(traceObjects.digest, digest)))
      .limit(1);
    if (existing) return { digest };
    const [last] = await tx.db
      .select({ n: sql<number>`coalesce(max(${traceObjects.versionIndex}), -1)` })
      .from(traceObjects)
      .where(key);
    await tx.db.insert(traceObjects).values({
      projectId: project.id,
      objectId: input.objectId,
      digest,
      versionIndex: Number(last?.n ?? -1) + 1,
      kind: kindOf(val),
      baseObjectClass: input.builtinObjectClass ?? baseClassOf(val),
      val,
      ...writer,
    });
    return { digest };
  });
}

function objectColumns(project: Project, withVal: boolean) {
  return {
    objectId: traceObjects.objectId,
    digest: traceObjects.digest,
    versionIndex: traceObjects.versionIndex,
    kind: traceObjects.kind,
    baseObjectClass: traceObjects.baseObjectClass,
    val: withVal ? sql<string | null>`(${traceObjects.val})::text` : sql<string | null>`'{}'`,
    createdAt: traceObjects.createdAt,
    wbUserId: sql<string | null>`coalesce(${traceObjects.attributedUserId}, ${traceObjects.loggedByUserId})`,
    isLatest: sql<boolean>`(${traceObjects.versionIndex} = (select max(o2.version_index) from trace_objects o2
      where o2.project_id = ${project.id} and o2.object_id = ${traceObjects.objectId}))`,
  };
}

type ObjectRow = {
  objectId: string;
  digest: string;
  versionIndex: number;
  kind: string;
  baseObjectClass: string | null;
  val: string | null;
  createdAt: Date;
  wbUserId: string | null;
  isLatest: boolean;
};

function toObject(project: Project, r: ObjectRow): ObjectRecord {
  return {
    projectId: projectIdOf(project),
    objectId: r.objectId,
    digest: r.digest,
    versionIndex: r.versionIndex,
    isLatest: Boolean(r.isLatest),
    kind: r.kind,
    baseObjectClass: r.baseObjectClass,
    val: r.val === null ? null : JSON.parse(r.val),
    createdAt: r.createdAt,
    wbUserId: r.wbUserId,
  };
}

/** One version of an object: by digest, "latest" or "v<n>"; null when there is none. */
async function findObject(ctx: Ctx, project: Project, objectId: string, version: string) {
  const key = and(eq(traceObjects.projectId, project.id), eq(traceObjects.objectId, objectId));
  const numbered = /^v(\d{1,9})$/.exec(version);
  const [row] = (await ctx.db
    .select(objectColumns(project, true))
    .from(traceObjects)
    .where(
      version === "latest"
        ? key
        : numbered
          ? and(key, eq(traceObjects.versionIndex, Number(numbered[1])))
          : and(key, eq(traceObjects.digest, version)),
    )
    .orderBy(desc(traceObjects.versionIndex))
    .limit(1)) as ObjectRow[];
  return row ? toObject(project, row) : null;
}

/** obj/read */
export async function readObject(
  ctx: Ctx,
  input: { projectId: string; objectId: string; digest: string },
  opts: TraceOptions = {},
): Promise<ObjectRecord> {
  const project = await projectReader(ctx, opts)(input.projectId);
  const found = await findObject(ctx, project, input.objectId, input.digest);
  if (!found) throw new NotFound(`No object ${input.objectId}:${input.digest} in ${projectIdOf(project)}.`);
  return found;
}

const OBJECT_SORT: Record<string, SQL> = {
  object_id: sql`${traceObjects.objectId}`,
  created_at: sql`${traceObjects.createdAt}`,
  version_index: sql`${traceObjects.versionIndex}`,
  digest: sql`${traceObjects.digest}`,
};

/** objs/query */
export async function queryObjects(
  ctx: Ctx,
  query: ObjsQuery,
  opts: TraceOptions = {},
): Promise<ObjectRecord[]> {
  const project = await projectReader(ctx, opts)(query.project_id);
  const f = query.filter ?? {};
  const columns = objectColumns(project, !query.metadata_only);
  const where = and(
    eq(traceObjects.projectId, project.id),
    f.object_ids?.length ? inArray(traceObjects.objectId, f.object_ids) : undefined,
    f.base_object_classes?.length ? inArray(traceObjects.baseObjectClass, f.base_object_classes) : undefined,
    f.is_op === true
      ? eq(traceObjects.kind, "op")
      : f.is_op === false
        ? sql`${traceObjects.kind} <> 'op'`
        : undefined,
    f.latest_only ? columns.isLatest : undefined,
  );
  const order: SQL[] = [];
  for (const { field, direction } of query.sort_by ?? []) {
    const column = OBJECT_SORT[field];
    if (!column) throw new Invalid(`Objects sort by ${Object.keys(OBJECT_SORT).join(", ")}, not "${field}".`);
    order.push(direction === "desc" ? sql`${column} desc` : sql`${column} asc`);
  }
  let q = ctx.db
    .select(columns)
    .from(traceObjects)
    .where(where)
    .orderBy(...order, asc(traceObjects.objectId), asc(traceObjects.versionIndex))
    .$dynamic();
  if (query.limit !== null && query.limit !== undefined) q = q.limit(query.limit);
  if (query.offset) q = q.offset(query.offset);
  return ((await q) as ObjectRow[]).map((r) => toObject(project, r));
}

// ---------------------------------------------------------------------------------------------------
// Tables

const ROW_CHUNK = 1000;

/** table/create: the rows (stored once per content) and the table listing them in order. */
export async function createTable(
  ctx: Ctx,
  input: { projectId: string; rows: Record<string, unknown>[] },
  opts: TraceOptions = {},
): Promise<{ digest: string; rowDigests: string[] }> {
  const rowDigests = input.rows.map((row) => valDigest(row));
  const digest = tableDigest(rowDigests);
  const unique = new Map<string, Record<string, unknown>>();
  for (const [i, row] of input.rows.entries()) unique.set(rowDigests[i]!, row);
  await inTransaction(ctx, async (tx) => {
    const { project, writer } = await writeTarget(tx, input.projectId, opts);
    const values = [...unique].map(([d, val]) => ({ projectId: project.id, digest: d, val }));
    for (let i = 0; i < values.length; i += ROW_CHUNK) {
      await tx.db
        .insert(traceTableRows)
        .values(values.slice(i, i + ROW_CHUNK))
        .onConflictDoNothing();
    }
    await tx.db
      .insert(traceTables)
      .values({ projectId: project.id, digest, rowDigests, ...writer })
      .onConflictDoNothing();
  });
  return { digest, rowDigests };
}

export interface TableRow {
  digest: string;
  val: unknown;
  originalIndex: number;
}

const ROW_FIELDS: FieldSet = { columns: {}, json: { val: sql.raw("r.val") } };

/** table/query: the table's rows in order (or sorted by fields of the rows), one entry per row. */
export async function queryTable(ctx: Ctx, query: TableQuery, opts: TraceOptions = {}): Promise<TableRow[]> {
  const project = await projectReader(ctx, opts)(query.project_id);
  const [table] = await ctx.db
    .select({ digest: traceTables.digest })
    .from(traceTables)
    .where(and(eq(traceTables.projectId, project.id), eq(traceTables.digest, query.digest)))
    .limit(1);
  if (!table) throw new NotFound(`No table ${query.digest} in ${projectIdOf(project)}.`);
  const only = query.filter?.row_digests;
  const sort = compileSort(
    ROW_FIELDS,
    query.sort_by?.map((s) => ({ ...s, field: `val.${s.field}` })),
  );
  const result = await ctx.db.execute(sql`
    select (u.ord - 1)::int as "originalIndex", u.d as "digest", (r.val)::text as "val"
    from trace_tables t
    cross join lateral unnest(t.row_digests) with ordinality as u(d, ord)
    join trace_table_rows r on r.project_id = t.project_id and r.digest = u.d
    where t.project_id = ${project.id} and t.digest = ${query.digest}
      ${only?.length ? sql`and u.d in ${only}` : sql``}
    order by ${sql.join([...sort, sql`u.ord`], sql`, `)}
    ${query.limit !== null && query.limit !== undefined ? sql`limit ${query.limit}` : sql``}
    ${query.offset ? sql`offset ${query.offset}` : sql``}`);
  return rowsOf<{ originalIndex: number; digest: string; val: string }>(result).map((r) => ({
    digest: r.digest,
    val: JSON.parse(r.val),
    originalIndex: Number(r.originalIndex),
  }));
}

// ---------------------------------------------------------------------------------------------------
// Files

/** file/create: stores the bytes under their digest (the one the client computed on its side). */
export async function createFile(
  ctx: Ctx,
  input: { projectId: string; content: Uint8Array },
  opts: TraceOptions = {},
): Promise<{ digest: string }> {
  const digest = computeDigest(input.content);
  await inTransaction(ctx, async (tx) => {
    const { project, writer } = await writeTarget(tx, input.projectId, opts);
    await tx.db
      .insert(traceFiles)
      .values({
        projectId: project.id,
        digest,
        content: Buffer.from(input.content),
        sizeBytes: input.content.byteLength,
        ...writer,
      })
      .onConflictDoNothing();
  });
  return { digest };
}

/** file/content */
export async function readFile(
  ctx: Ctx,
  input: { projectId: string; digest: string },
  opts: TraceOptions = {},
): Promise<Buffer> {
  const project = await projectReader(ctx, opts)(input.projectId);
  const [file] = await ctx.db
    .select({ content: traceFiles.content })
    .from(traceFiles)
    .where(and(eq(traceFiles.projectId, project.id), eq(traceFiles.digest, input.digest)))
    .limit(1);
  if (!file) throw new NotFound(`No file ${input.digest} in ${projectIdOf(project)}.`);
  return file.content;
}

// ---------------------------------------------------------------------------------------------------
// Refs

/** A table met while following a ref: its rows, addressable by index and by row digest. */
class TableValue {
  constructor(readonly rows: TableRow[]) {}
}

const MAX_REF_HOPS = 8;

/**
 * refs/read_batch: the value each ref points at, following its path (`attr/rows/id/<row>`) through
 * objects, tables and the refs inside them. Every project on the way must be readable (404 if not).
 */
export async function readRefs(ctx: Ctx, uris: string[], opts: TraceOptions = {}): Promise<unknown[]> {
  const readProject = projectReader(ctx, opts);
  const parsed = uris.map((uri) => {
    const ref = parseRef(uri);
    if (!ref) throw new Invalid(`Invalid ref "${uri.slice(0, 200)}": expected weave:///entity/project/...`);
    if (ref.kind === "call") throw new Invalid("Call refs cannot be read with refs/read_batch.");
    return ref;
  });

  const target = async (ref: WeaveRef): Promise<unknown> => {
    // A ref names its own project: the same rules decide whether it may be read.
    const project = await readProject(`${ref.entity}/${ref.project}`);
    if (ref.kind === "table") {
      return new TableValue(await queryTable(ctx, { project_id: projectIdOf(project), digest: ref.digest }));
    }
    if (ref.kind === "call") throw new Invalid("Call refs cannot be read with refs/read_batch.");
    const found = await findObject(ctx, project, ref.name, ref.digest);
    if (!found) throw new NotFound(`No object ${ref.name}:${ref.digest} in ${projectIdOf(project)}.`);
    return found.val;
  };

  const follow = async (ref: WeaveRef, hops: number, keepTables = false): Promise<unknown> => {
    if (hops > MAX_REF_HOPS) throw new Invalid("Refs nest too deeply.");
    let val = await target(ref);
    for (const { edge, value } of ref.extra) {
      if (typeof val === "string") {
        const inner = parseRef(val);
        if (inner && inner.kind !== "call") val = await follow({ ...inner, extra: [] }, hops + 1, true);
      }
      if (val instanceof TableValue) {
        const row =
          edge === "id"
            ? val.rows.find((r) => r.digest === value)
            : edge === "index"
              ? val.rows[Number(value)]
              : undefined;
        val = row?.val;
      } else if (edge === "index" && Array.isArray(val)) {
        val = val[Number(value)];
      } else if (
        (edge === "key" || edge === "attr") &&
        val &&
        typeof val === "object" &&
        !Array.isArray(val)
      ) {
        val = Object.hasOwn(val, value) ? (val as Record<string, unknown>)[value] : undefined;
      } else {
        val = undefined;
      }
      if (val === undefined) return null;
    }
    return val instanceof TableValue && !keepTables ? val.rows.map((r) => r.val) : val;
  };

  const out: unknown[] = [];
  for (const ref of parsed) out.push(await follow(ref, 0));
  return out;
}
