// Reading the audit log: the org's Audit log tab, a team's, a service account's activity, the JSON
// Lines export and GET /api/v1/orgs/{org}/audit-events. Newest first, keyset-paginated on
// (at, id) with an opaque cursor, so page N costs what page 1 costs, whatever the table's size.
import "server-only";
import { and, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { authorize, type Ctx } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { auditEvents, projects, teams } from "@/lib/db/schema";
import { Invalid, NotFound } from "@/lib/errors";
import { getOrganization, orgResource } from "@/lib/orgs/service";
import { getServiceAccount } from "@/lib/service-accounts/service";
import { findTeam, teamResource } from "@/lib/teams/service";
import { actorCondition, targetCondition } from "./resolve";

export interface AuditFilter {
  /** An exact action name, e.g. `team:create_service_account`. */
  action?: string;
  /** A username, a service account (`name` or `team/name`), a key or token ID, an actor ID, or `cli`. */
  actor?: string;
  /** A target's name (user, `team/service-account`, `team/project`, team, issuer URL), ID, or a key ID. */
  target?: string;
  /** Only this team's events (team admins may read those; org admins read everything). */
  teamId?: string;
  /** Events at or after this time. */
  since?: Date;
  /** Events strictly before this time. */
  until?: Date;
}

export interface AuditPage {
  /** `nextCursor` of the previous page; absent for the newest events. */
  cursor?: string;
  /** Events per page: 1 to MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE. */
  limit?: number;
}

export interface AuditEventView {
  /** Stable and unique (a string: the column is a bigint). */
  id: string;
  /** ISO 8601, UTC. */
  at: string;
  action: string;
  actor: {
    kind: "user" | "service_account" | "cli" | "anonymous";
    id: string | null;
    name: string | null;
    /** The key ID or token ID the actor authenticated with (never the key). */
    credentialId: string | null;
  };
  target: { kind: string; id: string | null; name: string | null } | null;
  teamId: string | null;
  /** The team's current name (null when the event names no team or the team is gone). */
  team: string | null;
  projectId: string | null;
  project: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: "success" | "failure";
  /** Before / after values, counts, reasons. Never a key or token. */
  details: Record<string, unknown> | null;
}

export interface AuditEventList {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * The org's audit log, or one team's when `filter.teamId` is set. Non-members get NotFound (the
 * org stays hidden); the org log needs `organization.read_audit_log`, a team's log
 * `team.read_audit_log` (its team admins, and org admins).
 */
export async function listAuditEvents(
  ctx: Ctx,
  orgSlug: string,
  filter: AuditFilter,
  page: AuditPage = {},
): Promise<AuditEventList> {
  const org = await getOrganization(ctx, orgSlug);
  const conditions: SQL[] = [eq(auditEvents.orgId, org.id)];
  if (filter.teamId !== undefined) {
    const team = await findTeamById(ctx.db, filter.teamId);
    if (!team || team.orgId !== org.id) throw new NotFound(`No team ${filter.teamId} in ${org.slug}.`);
    authorize(ctx.actor, "team.read_audit_log", teamResource(team));
    conditions.push(eq(auditEvents.teamId, team.id));
  } else {
    authorize(ctx.actor, "organization.read_audit_log", orgResource(org));
  }
  conditions.push(...(await filterConditions(ctx.db, org.id, filter)));
  return readPage(ctx.db, [and(...conditions)!], page);
}

/**
 * What a service account did and what was done to it (the Activity tab of its page): events where
 * it is the actor or the target. For those who may manage it (`service_account.manage`).
 */
export async function listServiceAccountActivity(
  ctx: Ctx,
  teamName: string,
  name: string,
  page: AuditPage = {},
): Promise<AuditEventList> {
  const sa = await getServiceAccount(ctx, teamName, name);
  // Two index-ordered reads (actor, target) merged: an OR would have to sort every match.
  return readPage(ctx.db, [eq(auditEvents.actorId, sa.id), eq(auditEvents.targetId, sa.id)], page);
}

async function findTeamById(db: Db | Tx, id: string) {
  const [row] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, id)).limit(1);
  return row ? findTeam(db, row.name) : null;
}

async function filterConditions(db: Db | Tx, orgId: string, filter: AuditFilter): Promise<SQL[]> {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actor) conditions.push(await actorCondition(db, orgId, filter.actor));
  if (filter.target) conditions.push(await targetCondition(db, orgId, filter.target));
  if (filter.since) conditions.push(gte(auditEvents.at, validDate(filter.since, "since")));
  if (filter.until) conditions.push(lt(auditEvents.at, validDate(filter.until, "until")));
  return conditions;
}

function validDate(date: Date, field: string): Date {
  if (Number.isNaN(date.getTime())) throw new Invalid("Check the time range.", { [field]: ["Not a date."] });
  return date;
}

// ---------------------------------------------------------------------------------------------------
// Keyset pages. The cursor carries the last event's exact time (microseconds: a JavaScript Date
// would round them and skip or repeat events) and id, the tie-breaker.

interface Position {
  at: string;
  id: number;
}

const exactAt = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const columns = {
  id: auditEvents.id,
  exactAt,
  action: auditEvents.action,
  actorKind: auditEvents.actorKind,
  actorId: auditEvents.actorId,
  actorName: auditEvents.actorName,
  credentialId: auditEvents.credentialId,
  targetKind: auditEvents.targetKind,
  targetId: auditEvents.targetId,
  targetName: auditEvents.targetName,
  teamId: auditEvents.teamId,
  projectId: auditEvents.projectId,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  outcome: auditEvents.outcome,
  details: auditEvents.details,
};

function selectEvents(db: Db | Tx) {
  return db.select(columns).from(auditEvents);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectEvents>["execute"]>>[number];

/** One page of the events matching any of `branches` (each read in index order, then merged). */
async function readPage(db: Db | Tx, branches: SQL[], page: AuditPage): Promise<AuditEventList> {
  const limit = pageSize(page.limit);
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const before = after
    ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${after.at}::timestamptz, ${after.id})`
    : undefined;
  const reads = branches.map((branch) =>
    selectEvents(db)
      .where(and(branch, before))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(limit + 1),
  );
  const rows = mergeNewestFirst(await Promise.all(reads)).slice(0, limit + 1);
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    events: await withNames(db, shown),
    nextCursor: more && last ? encodeCursor({ at: last.exactAt, id: last.id }) : null,
  };
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new Invalid(`The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, {
      limit: [`From 1 to ${MAX_PAGE_SIZE}.`],
    });
  }
  return limit;
}

function mergeNewestFirst(lists: Row[][]): Row[] {
  if (lists.length === 1) return lists[0]!;
  const byId = new Map<number, Row>();
  for (const list of lists) for (const row of list) byId.set(row.id, row);
  // exactAt is fixed-width UTC, so comparing the strings compares the times.
  return [...byId.values()].sort((a, b) =>
    a.exactAt === b.exactAt ? b.id - a.id : a.exactAt < b.exactAt ? 1 : -1,
  );
}

const EXACT_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString("base64url");
}

function decodeCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at === "string" && EXACT_AT.test(at) && Number.isSafeInteger(id) && (id as number) > 0) {
      return { at, id: id as number };
    }
  } catch {
    // falls through to the error below
  }
  throw new Invalid("The cursor is not valid: start again from the first page.", {
    cursor: ["Not a cursor from this list."],
  });
}

/** The team's and project's current names, read once per page rather than joined per row. */
async function withNames(db: Db | Tx, rows: Row[]): Promise<AuditEventView[]> {
  const teamIds = [...new Set(rows.map((r) => r.teamId).filter((id): id is string => id !== null))];
  const projectIds = [...new Set(rows.map((r) => r.projectId).filter((id): id is string => id !== null))];
  const [teamRows, projectRows] = await Promise.all([
    teamIds.length
      ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))
      : [],
    projectIds.length
      ? db
          .select({ id: projects.id, name: projects.name, team: teams.name })
          .from(projects)
          .innerJoin(teams, eq(teams.id, projects.teamId))
          .where(inArray(projects.id, projectIds))
      : [],
  ]);
  const teamNames = new Map(teamRows.map((t) => [t.id, t.name]));
  const projectNames = new Map(projectRows.map((p) => [p.id, `${p.team}/${p.name}`]));
  return rows.map((r) => ({
    id: String(r.id),
    at: r.exactAt.replace(/(\.\d{3})\d{3}Z$/, "$1Z"),
    action: r.action,
    actor: {
      kind: r.actorKind as AuditEventView["actor"]["kind"],
      id: r.actorId,
      name: r.actorName,
      credentialId: r.credentialId,
    },
    target: r.targetKind ? { kind: r.targetKind, id: r.targetId, name: r.targetName } : null,
    teamId: r.teamId,
    team: r.teamId ? (teamNames.get(r.teamId) ?? null) : null,
    projectId: r.projectId,
    project: r.projectId ? (projectNames.get(r.projectId) ?? null) : null,
    ip: r.ip,
    userAgent: r.userAgent,
    outcome: r.outcome === "failure" ? "failure" : "success",
    details: r.details ?? null,
  }));
}
