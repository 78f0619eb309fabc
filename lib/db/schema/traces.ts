// W&B Weave traces (the trace server paths): calls with their start and end on one row, versioned
// objects (ops, datasets, published values), content-addressed tables and files, and for each who
// wrote it and for whom. User payloads are `json` (not jsonb): they read back exactly as sent.
import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { serviceAccounts } from "./service-accounts";
import { users } from "./users";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** Who wrote a row (a user or a service account; deleted ones stay referenced) and for whom. */
const writtenBy = () => ({
  loggedByUserId: text("logged_by_user_id").references(() => users.id, { onDelete: "set null" }),
  loggedByServiceAccountId: text("logged_by_service_account_id").references(() => serviceAccounts.id, {
    onDelete: "set null",
  }),
  // X-WANDB-USERNAME / X-WANDB-USER-EMAIL of a service account, or why that was ignored.
  attributedUserId: text("attributed_user_id").references(() => users.id, { onDelete: "set null" }),
  attributionNote: text("attribution_note"),
});

export const traceCalls = pgTable(
  "trace_calls",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // The client's call id (a UUIDv7 for weave): a retried batch writes the same row again.
    id: text("id").notNull(),
    // Start fields: null until the call's start arrives (its end may come first).
    opName: text("op_name"),
    displayName: text("display_name"),
    traceId: text("trace_id"),
    // No foreign key: a child's start may arrive before its parent's.
    parentId: text("parent_id"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    attributes: json("attributes").$type<Record<string, unknown>>(),
    inputs: json("inputs").$type<Record<string, unknown>>(),
    // weave:/// refs found in the inputs / output (calls/stream_query filter input_refs, output_refs)
    inputRefs: text("input_refs").array().notNull().default(sql`'{}'::text[]`),
    wbRunId: text("wb_run_id"),
    // End fields: null until the call's end arrives.
    endedAt: timestamp("ended_at", { withTimezone: true }),
    output: json("output"),
    outputRefs: text("output_refs").array().notNull().default(sql`'{}'::text[]`),
    exception: text("exception"),
    summary: json("summary").$type<Record<string, unknown>>(),
    // A later name (call/update, or the end's display_name) wins over the start's, in any order.
    renamedTo: text("renamed_to"),
    ...writtenBy(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    // calls/stream_query in its default order (started_at, id), with limit/offset
    index("trace_calls_project_started_idx").on(t.projectId, t.startedAt, t.id),
    // calls of one trace (filter trace_ids: the trace view)
    index("trace_calls_project_trace_idx").on(t.projectId, t.traceId),
    // children of a call (filter parent_ids; the Traces tab pages them in start order)
    index("trace_calls_project_parent_idx").on(t.projectId, t.parentId, t.startedAt, t.id),
    // the Traces tab's root calls, newest first, without walking past their children
    index("trace_calls_project_roots_idx")
      .on(t.projectId, t.startedAt, t.id)
      .where(sql`${t.parentId} is null`),
    // calls of one op (filter op_names, exact or `name:*` prefix)
    index("trace_calls_project_op_idx").on(t.projectId, t.opName),
  ],
);

export const traceObjects = pgTable(
  "trace_objects",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
    // valDigest of the value, as the client computes it: creating the same value again is a no-op.
    digest: text("digest").notNull(),
    // 0, 1, 2... per object id in creation order ("v2" in refs and obj/read).
    versionIndex: integer("version_index").notNull(),
    // "op" for a CustomWeaveType Op, else "object".
    kind: text("kind").notNull(),
    baseObjectClass: text("base_object_class"),
    val: json("val"),
    ...writtenBy(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // obj/read by digest, refs/read_batch
    primaryKey({ columns: [t.projectId, t.objectId, t.digest] }),
    // obj/read by "latest" or "v<n>", objs/query (latest_only, ordered by object id)
    uniqueIndex("trace_objects_project_object_version_unique").on(t.projectId, t.objectId, t.versionIndex),
  ],
);

export const traceTables = pgTable(
  "trace_tables",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // Digest of the ordered row digests: the same rows in the same order are the same table.
    digest: text("digest").notNull(),
    rowDigests: text("row_digests").array().notNull(),
    ...writtenBy(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // table/query, refs to tables and rows
  (t) => [primaryKey({ columns: [t.projectId, t.digest] })],
);

export const traceTableRows = pgTable(
  "trace_table_rows",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // valDigest of the row: equal rows are stored once, whichever tables list them.
    digest: text("digest").notNull(),
    val: json("val").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // table/query joins a table's row digests to their values
  (t) => [primaryKey({ columns: [t.projectId, t.digest] })],
);

export const traceFiles = pgTable(
  "trace_files",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // sha256 of the bytes, as the client computes it (op source, images, audio)
    digest: text("digest").notNull(),
    content: bytea("content").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    ...writtenBy(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // file/content by digest
  (t) => [primaryKey({ columns: [t.projectId, t.digest] })],
);
