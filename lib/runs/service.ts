// Runs (W&B Models): create-or-update from upsertBucket, history and summary from file_stream,
// and reading them back for GraphQL and the project pages. Access is decided by lib/access via
// lib/ingest/target.ts; this module only stores and reads.
import "server-only";
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { type Ctx, inTransaction } from "@/lib/context";
import { runHistory, runs, serviceAccounts, users } from "@/lib/db/schema";
import { Invalid, NotFound } from "@/lib/errors";
import { newId, randomBase62 } from "@/lib/ids";
import { type Attribution, projectForRead, projectForWrite, resolveAttribution } from "@/lib/ingest/target";
import type { Project } from "@/lib/projects/service";

export interface UpsertRunInput {
  entity: string;
  project: string;
  /** The client's run id; generated when absent. */
  name?: string | null;
  displayName?: string | null;
  description?: string | null;
  notes?: string | null;
  groupName?: string | null;
  jobType?: string | null;
  host?: string | null;
  program?: string | null;
  commit?: string | null;
  sweep?: string | null;
  state?: string | null;
  tags?: string[] | null;
  /** Parsed JSON objects (GraphQL JSONString already decoded). */
  config?: Record<string, unknown> | null;
  summary?: Record<string, unknown> | null;
  attributionHeaders?: { username?: string | null; email?: string | null };
}

export interface RunRecord {
  id: string;
  name: string;
  displayName: string | null;
  description: string | null;
  sweepName: string | null;
  state: string;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  createdAt: Date;
  project: Project;
}

const RUN_NAME = /^[A-Za-z0-9._-]{1,128}$/;
const STATES = new Set(["running", "finished", "failed", "crashed"]);

function clip(value: string | null | undefined, max = 10_000): string | null | undefined {
  return typeof value === "string" ? value.slice(0, max) : value;
}

/** upsertBucket: creates the run (and the project on first use) or updates the fields sent. */
export async function upsertRun(
  ctx: Ctx,
  input: UpsertRunInput,
): Promise<{ run: RunRecord; inserted: boolean }> {
  const name = input.name?.trim() || randomBase62(8).toLowerCase();
  if (!RUN_NAME.test(name))
    throw new Invalid(`Invalid run id "${name.slice(0, 64)}": use letters, digits, '.', '-', '_'.`);
  const state = input.state?.trim().toLowerCase();
  if (state && !STATES.has(state)) throw new Invalid(`Unknown run state "${state}".`);
  return inTransaction(ctx, async (tx) => {
    const project = await projectForWrite(tx, input.entity, input.project);
    const attribution: Attribution = await resolveAttribution(
      tx.db,
      tx.actor,
      project,
      input.attributionHeaders ?? {},
    );
    const fields = {
      displayName: clip(input.displayName, 500),
      description: clip(input.description),
      notes: clip(input.notes),
      groupName: clip(input.groupName, 500),
      jobType: clip(input.jobType, 500),
      host: clip(input.host, 500),
      program: clip(input.program, 2000),
      commit: clip(input.commit, 200),
      sweepName: clip(input.sweep, 500),
      tags: input.tags?.map((t) => t.slice(0, 200)).slice(0, 100),
      state: state as "running" | undefined,
      config: input.config ?? undefined,
      summary: input.summary ?? undefined,
    };
    const defined = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined && v !== null),
    );
    const actor = tx.actor;
    const [row] = await tx.db
      .insert(runs)
      .values({
        id: newId("run"),
        projectId: project.id,
        name,
        ...defined,
        loggedByUserId: actor.kind === "user" ? actor.id : null,
        loggedByServiceAccountId: actor.kind === "service_account" ? actor.id : null,
        attributedUserId: attribution.attributedUserId,
        attributionNote: attribution.note,
      })
      .onConflictDoUpdate({
        target: [runs.projectId, runs.name],
        set: {
          ...defined,
          updatedAt: sql`now()`,
          // A later request that names a user (or explains why not) updates the attribution.
          ...(attribution.attributedUserId || attribution.note
            ? { attributedUserId: attribution.attributedUserId, attributionNote: attribution.note }
            : {}),
        },
      })
      .returning({
        id: runs.id,
        name: runs.name,
        displayName: runs.displayName,
        description: runs.description,
        sweepName: runs.sweepName,
        state: runs.state,
        config: runs.config,
        summary: runs.summary,
        createdAt: runs.createdAt,
        inserted: sql<boolean>`(xmax = 0)`,
      });
    const { inserted, ...run } = row!;
    return { run: { ...run, project }, inserted };
  });
}

export interface FileStreamBody {
  files?: Record<string, { offset?: number; content?: unknown[] }>;
  complete?: boolean;
  exitcode?: number;
}

const HISTORY = "wandb-history.jsonl";
const SUMMARY = "wandb-summary.json";

function parseJsonObject(text: unknown, what: string): Record<string, unknown> {
  if (typeof text !== "string") throw new Invalid(`${what} must be a JSON string.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Invalid(`${what} is not valid JSON.`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new Invalid(`${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

/**
 * file_stream: appends history rows by offset (a resent chunk changes nothing), replaces the
 * summary, and finishes the run on `complete`. All or nothing, in one transaction.
 */
export async function appendFileStream(
  ctx: Ctx,
  target: { entity: string; project: string; run: string },
  body: FileStreamBody,
): Promise<{ historyLines: number; state: string }> {
  const history = body.files?.[HISTORY];
  const summary = body.files?.[SUMMARY];
  const offset = history?.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0)
    throw new Invalid("The history offset must be a non-negative integer.");
  const rows = (history?.content ?? []).map((line, i) => ({
    line: offset + i,
    data: parseJsonObject(line, `History line ${offset + i}`),
  }));
  const summaryContent = summary?.content ?? [];
  const latestSummary = summaryContent.length
    ? parseJsonObject(summaryContent[summaryContent.length - 1], "The summary")
    : null;
  return inTransaction(ctx, async (tx) => {
    const project = await projectForWrite(tx, target.entity, target.project);
    const [run] = await tx.db
      .select({ id: runs.id, historyLines: runs.historyLines, state: runs.state })
      .from(runs)
      .where(and(eq(runs.projectId, project.id), eq(runs.name, target.run)))
      .for("update")
      .limit(1);
    if (!run)
      throw new NotFound(
        `No run ${target.run} in ${target.entity}/${target.project}: create it with upsertBucket first.`,
      );
    if (rows.length) {
      await tx.db
        .insert(runHistory)
        .values(rows.map((r) => ({ runId: run.id, line: r.line, data: r.data })))
        .onConflictDoNothing();
    }
    const historyLines = Math.max(run.historyLines, rows.length ? offset + rows.length : 0);
    const state = body.complete ? ((body.exitcode ?? 0) === 0 ? "finished" : "failed") : run.state;
    await tx.db
      .update(runs)
      .set({
        historyLines,
        state: state as "running",
        updatedAt: sql`now()`,
        ...(latestSummary ? { summary: latestSummary } : {}),
        ...(body.complete ? { exitCode: body.exitcode ?? 0 } : {}),
      })
      .where(eq(runs.id, run.id));
    return { historyLines, state };
  });
}

export interface RunListItem {
  id: string;
  name: string;
  displayName: string | null;
  state: string;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  historyLines: number;
  loggedBy: { kind: "user" | "service_account" | "unknown"; name: string | null; deleted: boolean };
  attributedTo: string | null;
  attributionNote: string | null;
}

const loggedByUser = sql<
  string | null
>`(select ${users.username} from ${users} where ${users.id} = ${runs.loggedByUserId})`;
const loggedBySa = sql<
  string | null
>`(select ${serviceAccounts.name} from ${serviceAccounts} where ${serviceAccounts.id} = ${runs.loggedByServiceAccountId})`;
const loggedBySaStatus = sql<
  string | null
>`(select ${serviceAccounts.status}::text from ${serviceAccounts} where ${serviceAccounts.id} = ${runs.loggedByServiceAccountId})`;
const attributedTo = sql<
  string | null
>`(select ${users.username} from ${users} where ${users.id} = ${runs.attributedUserId})`;

const listColumns = {
  id: runs.id,
  name: runs.name,
  displayName: runs.displayName,
  state: runs.state,
  config: runs.config,
  summary: runs.summary,
  createdAt: runs.createdAt,
  updatedAt: runs.updatedAt,
  historyLines: runs.historyLines,
  loggedByUserId: runs.loggedByUserId,
  loggedByServiceAccountId: runs.loggedByServiceAccountId,
  loggedByUser,
  loggedBySa,
  loggedBySaStatus,
  attributedTo,
  attributionNote: runs.attributionNote,
};

type ListRow = { [K in keyof typeof listColumns]: unknown } & {
  id: string;
  name: string;
  displayName: string | null;
  state: string;
  config: Record<string, unknown>;
  summary: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  historyLines: number;
  loggedByUserId: string | null;
  loggedByServiceAccountId: string | null;
  loggedByUser: string | null;
  loggedBySa: string | null;
  loggedBySaStatus: string | null;
  attributedTo: string | null;
  attributionNote: string | null;
};

function toListItem(r: ListRow): RunListItem {
  const loggedBy: RunListItem["loggedBy"] = r.loggedByServiceAccountId
    ? { kind: "service_account", name: r.loggedBySa, deleted: r.loggedBySaStatus === "deleted" }
    : r.loggedByUserId
      ? { kind: "user", name: r.loggedByUser, deleted: false }
      : { kind: "unknown", name: null, deleted: true };
  return {
    id: r.id,
    name: r.name,
    displayName: r.displayName,
    state: r.state,
    config: r.config,
    summary: r.summary,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    historyLines: r.historyLines,
    loggedBy,
    attributedTo: r.attributedTo,
    attributionNote: r.attributionNote,
  };
}

/** A page of the project's runs, newest first; `after` is the previous page's endCursor. */
export async function listRuns(
  ctx: Ctx,
  project: Project,
  opts: { first?: number; after?: string | null } = {},
): Promise<{ runs: RunListItem[]; endCursor: string | null; hasNextPage: boolean }> {
  const first = Math.min(Math.max(opts.first ?? 50, 1), 500);
  const cursor = decodeCursor(opts.after);
  const where = cursor
    ? and(
        eq(runs.projectId, project.id),
        or(
          lt(runs.createdAt, cursor.createdAt),
          and(eq(runs.createdAt, cursor.createdAt), lt(runs.id, cursor.id)),
        ),
      )
    : eq(runs.projectId, project.id);
  const rows = (await ctx.db
    .select(listColumns)
    .from(runs)
    .where(where)
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(first + 1)) as ListRow[];
  const page = rows.slice(0, first).map(toListItem);
  const last = page[page.length - 1];
  return {
    runs: page,
    endCursor: last ? encodeCursor(last.createdAt, last.id) : null,
    hasNextPage: rows.length > first,
  };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) throw new Invalid("Invalid cursor.");
  return { createdAt, id };
}

export interface RunDetail extends RunListItem {
  project: Project;
  history: Array<Record<string, unknown>>;
  exitCode: number | null;
}

/** One run with its history (up to `maxHistory` rows, evenly sampled beyond that). */
export async function getRun(
  ctx: Ctx,
  entity: string,
  projectName: string,
  runName: string,
  maxHistory = 5000,
): Promise<RunDetail> {
  const project = await projectForRead(ctx, entity, projectName);
  const [row] = (await ctx.db
    .select({ ...listColumns, exitCode: runs.exitCode })
    .from(runs)
    .where(and(eq(runs.projectId, project.id), eq(runs.name, runName)))
    .limit(1)) as Array<ListRow & { exitCode: number | null }>;
  if (!row) throw new NotFound(`No run ${runName} in ${entity}/${projectName}.`);
  const stride = Math.max(1, Math.ceil(row.historyLines / maxHistory));
  const history = await ctx.db
    .select({ data: runHistory.data })
    .from(runHistory)
    .where(
      and(eq(runHistory.runId, row.id), stride > 1 ? sql`${runHistory.line} % ${stride} = 0` : undefined),
    )
    .orderBy(asc(runHistory.line));
  return { ...toListItem(row), project, exitCode: row.exitCode, history: history.map((h) => h.data) };
}
