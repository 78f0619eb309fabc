// Runs logged by the W&B SDK (upsertBucket + file_stream): one row per run, its history rows by
// line offset (so a resent chunk is idempotent), and who wrote it and for whom.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { serviceAccounts } from "./service-accounts";
import { users } from "./users";

export const runStateEnum = pgEnum("run_state", ["running", "finished", "failed", "crashed"]);

export const runs = pgTable(
  "runs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // The client's run id (`name` in W&B GraphQL, the file_stream path segment).
    name: text("name").notNull(),
    displayName: text("display_name"),
    description: text("description"),
    notes: text("notes"),
    groupName: text("group_name"),
    jobType: text("job_type"),
    host: text("host"),
    program: text("program"),
    commit: text("commit"),
    sweepName: text("sweep_name"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    state: runStateEnum("state").notNull().default("running"),
    exitCode: integer("exit_code"),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    // The principal that wrote it: a user or a service account (deleted ones stay referenced).
    loggedByUserId: text("logged_by_user_id").references(() => users.id, { onDelete: "set null" }),
    loggedByServiceAccountId: text("logged_by_service_account_id").references(() => serviceAccounts.id, {
      onDelete: "set null",
    }),
    // For whom (WANDB_USERNAME / WANDB_USER_EMAIL of a service account), or why that was ignored.
    attributedUserId: text("attributed_user_id").references(() => users.id, { onDelete: "set null" }),
    attributionNote: text("attribution_note"),
    historyLines: integer("history_lines").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // upsertBucket / file_stream resolve a run by (project, client run id)
    uniqueIndex("runs_project_name_unique").on(t.projectId, t.name),
    // the project's Runs tab and GraphQL runs(first, after): newest first, keyset on (created_at, id)
    index("runs_project_created_idx").on(t.projectId, t.createdAt, t.id),
  ],
);

export const runHistory = pgTable(
  "run_history",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    // The row's offset in wandb-history.jsonl: the primary key makes a resent chunk a no-op.
    line: integer("line").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.line] })],
);
