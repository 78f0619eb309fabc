// Weave's query language (`{"$expr": ...}` of calls/stream_query and calls/query_stats) and sort_by
// fields, compiled to parameterised SQL. Fields are allow-listed columns or dotted paths into a JSON
// column; every value travels as a bind parameter.
import { type SQL, sql } from "drizzle-orm";
import { Invalid } from "@/lib/errors";

type Kind = "text" | "number" | "bool" | "time" | "null";

interface Operand {
  sql: SQL;
  kind: Kind;
  /** The literal's JS value, when the operand is a literal (lets comparisons type it). */
  literal?: unknown;
}

/** How a query names the data: columns by name, and JSON columns whose paths it may follow. */
export interface FieldSet {
  columns: Record<string, { sql: SQL; kind: Kind }>;
  /** Root name -> the json column ("inputs" -> trace_calls.inputs). */
  json: Record<string, SQL>;
}

const NUMERIC = "^\\s*-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$";
const MAX_NODES = 500;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** A Postgres text[] literal for a JSON path, quoted element by element. */
function pathLiteral(path: string[]): string {
  return `{${path.map((p) => `"${p.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/** `inputs.model.name` -> text at that path; a bare root -> the whole value as JSON text. */
export function resolveField(fields: FieldSet, name: string): { sql: SQL; kind: Kind } {
  const column = fields.columns[name];
  if (column) return column;
  const [root, ...path] = name.split(".");
  const json = root === undefined ? undefined : fields.json[root];
  if (!json || path.some((p) => p === "")) throw new Invalid(`Unknown field "${name.slice(0, 200)}".`);
  if (!path.length) return { sql: sql`(${json})::text`, kind: "text" };
  return { sql: sql`(${json} #>> ${pathLiteral(path)}::text[])`, kind: "text" };
}

function toNumber(o: Operand): SQL {
  switch (o.kind) {
    case "number":
      return o.sql;
    case "time":
      return sql`extract(epoch from ${o.sql})::float8`;
    case "bool":
      return sql`(case when ${o.sql} then 1 else 0 end)::float8`;
    case "null":
      return sql`null::float8`;
    default:
      return sql`(case when ${o.sql} ~ ${NUMERIC} then (${o.sql})::float8 end)`;
  }
}

function toText(o: Operand): SQL {
  switch (o.kind) {
    case "text":
      return o.sql;
    case "bool":
      return sql`(case when ${o.sql} then 'true' when not ${o.sql} then 'false' end)`;
    case "null":
      return sql`null::text`;
    default:
      return sql`(${o.sql})::text`;
  }
}

function toBool(o: Operand): SQL {
  switch (o.kind) {
    case "bool":
      return o.sql;
    case "number":
      return sql`(${o.sql} <> 0)`;
    case "null":
      return sql`null::boolean`;
    case "time":
      return sql`(${o.sql} is not null)`;
    default:
      return sql`(lower(${o.sql}) in ('true', '1'))`;
  }
}

type Comparator = "=" | ">" | ">=";

function compare(a: Operand, b: Operand, op: Comparator): SQL {
  if (op === "=" && (a.kind === "null" || b.kind === "null")) {
    const other = a.kind === "null" ? b : a;
    return other.kind === "null" ? sql`true` : sql`(${other.sql} is null)`;
  }
  const cmp = sql.raw(op);
  if (a.kind === "number" || b.kind === "number") return sql`(${toNumber(a)} ${cmp} ${toNumber(b)})`;
  if (a.kind === "time" || b.kind === "time") {
    const [t, other] = a.kind === "time" ? [a, b] : [b, a];
    const flip = a.kind !== "time";
    let rhs: SQL;
    if (other.kind === "time") rhs = other.sql;
    else if (
      typeof other.literal === "string" &&
      ISO_DATE.test(other.literal) &&
      !Number.isNaN(Date.parse(other.literal))
    )
      rhs = sql`${new Date(other.literal).toISOString()}::timestamptz`;
    else return sql`(${toText(a)} ${cmp} ${toText(b)})`;
    return flip ? sql`(${rhs} ${cmp} ${t.sql})` : sql`(${t.sql} ${cmp} ${rhs})`;
  }
  if (a.kind === "bool" && b.kind === "bool") return sql`(${a.sql} ${cmp} ${b.sql})`;
  return sql`(${toText(a)} ${cmp} ${toText(b)})`;
}

class Compiler {
  private nodes = 0;
  constructor(private readonly fields: FieldSet) {}

  operand(node: unknown, depth = 0): Operand {
    if (++this.nodes > MAX_NODES || depth > 32) throw new Invalid("The query is too large.");
    if (!node || typeof node !== "object" || Array.isArray(node)) throw bad(node);
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length !== 1) throw bad(node);
    const [op, arg] = entries[0]!;
    switch (op) {
      case "$literal":
        return literal(arg);
      case "$getField": {
        if (typeof arg !== "string") throw bad(node);
        return resolveField(this.fields, arg);
      }
      case "$convert": {
        const spec = arg as { input?: unknown; to?: unknown } | null;
        if (!spec || typeof spec !== "object") throw bad(node);
        const input = this.operand(spec.input, depth + 1);
        switch (spec.to) {
          case "double":
            return { sql: toNumber(input), kind: "number" };
          case "int":
            return { sql: sql`trunc(${toNumber(input)})`, kind: "number" };
          case "string":
            return { sql: toText(input), kind: "text" };
          case "bool":
            return { sql: toBool(input), kind: "bool" };
          case "exists":
            return { sql: sql`(${input.sql} is not null)`, kind: "bool" };
          default:
            throw new Invalid(`Unknown $convert target ${JSON.stringify(spec.to)}.`);
        }
      }
      case "$and":
      case "$or": {
        if (!Array.isArray(arg)) throw bad(node);
        const parts = arg.map((a) => toBool(this.operand(a, depth + 1)));
        if (!parts.length) return { sql: op === "$and" ? sql`true` : sql`false`, kind: "bool" };
        return { sql: sql`(${sql.join(parts, sql.raw(op === "$and" ? " and " : " or "))})`, kind: "bool" };
      }
      case "$not": {
        if (!Array.isArray(arg) || arg.length !== 1) throw bad(node);
        return { sql: sql`(not coalesce(${toBool(this.operand(arg[0], depth + 1))}, false))`, kind: "bool" };
      }
      case "$eq":
      case "$gt":
      case "$gte": {
        if (!Array.isArray(arg) || arg.length !== 2) throw bad(node);
        const a = this.operand(arg[0], depth + 1);
        const b = this.operand(arg[1], depth + 1);
        return { sql: compare(a, b, op === "$eq" ? "=" : op === "$gt" ? ">" : ">="), kind: "bool" };
      }
      case "$in": {
        if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) throw bad(node);
        const a = this.operand(arg[0], depth + 1);
        const options = (arg[1] as unknown[]).map((b) => compare(a, this.operand(b, depth + 1), "="));
        if (!options.length) return { sql: sql`false`, kind: "bool" };
        return { sql: sql`(${sql.join(options, sql.raw(" or "))})`, kind: "bool" };
      }
      case "$contains": {
        const spec = arg as { input?: unknown; substr?: unknown; case_insensitive?: unknown } | null;
        if (!spec || typeof spec !== "object") throw bad(node);
        const input = toText(this.operand(spec.input, depth + 1));
        const substr = toText(this.operand(spec.substr, depth + 1));
        return {
          sql: spec.case_insensitive
            ? sql`(strpos(lower(${input}), lower(${substr})) > 0)`
            : sql`(strpos(${input}, ${substr}) > 0)`,
          kind: "bool",
        };
      }
      default:
        throw new Invalid(`Unknown query operator ${JSON.stringify(op).slice(0, 100)}.`);
    }
  }
}

function bad(node: unknown): Invalid {
  return new Invalid(`Invalid query expression ${JSON.stringify(node)?.slice(0, 200) ?? ""}.`);
}

function literal(value: unknown): Operand {
  if (value === null) return { sql: sql`null`, kind: "null", literal: null };
  if (typeof value === "string") return { sql: sql`${value}::text`, kind: "text", literal: value };
  if (typeof value === "number" && Number.isFinite(value))
    return { sql: sql`${value}::float8`, kind: "number", literal: value };
  if (typeof value === "boolean") return { sql: sql`${value}::boolean`, kind: "bool", literal: value };
  // Objects and lists compare as their JSON text.
  return { sql: sql`${JSON.stringify(value)}::text`, kind: "text", literal: value };
}

/** `{"$expr": ...}` as a SQL condition (null -> no condition). */
export function compileQuery(
  fields: FieldSet,
  query: { $expr?: unknown } | null | undefined,
): SQL | undefined {
  if (!query || query.$expr === undefined || query.$expr === null) return undefined;
  const operand = new Compiler(fields).operand(query.$expr);
  return sql`coalesce(${toBool(operand)}, false)`;
}

/** ORDER BY terms for sort_by: JSON values order numerically when they are numbers, then as text. */
export function compileSort(
  fields: FieldSet,
  sortBy: ReadonlyArray<{ field: string; direction: "asc" | "desc" }> | null | undefined,
): SQL[] {
  const terms: SQL[] = [];
  for (const { field, direction } of sortBy ?? []) {
    const resolved = resolveField(fields, field);
    const dir = sql.raw(direction === "desc" ? "desc nulls last" : "asc nulls last");
    if (resolved.kind === "text" && !fields.columns[field]) {
      terms.push(sql`${toNumber(resolved)} ${dir}`);
    }
    terms.push(sql`${resolved.sql} ${dir}`);
  }
  return terms;
}
