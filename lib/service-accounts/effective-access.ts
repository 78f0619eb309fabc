// A service account's effective access: every project it can read or write, with the rule that
// decided, and the projects someone might expect it to reach but it cannot, with how access would
// be granted. The policy the API enforces decides, so the view cannot drift; the database counts
// and pages, so a page costs the same in an org of 20 projects or 20,000.
import "server-only";
import { and, asc, eq, ilike, inArray, isNotNull, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { can } from "@/lib/access";
import type { ProjectResource, ServiceAccountPrincipal, Visibility } from "@/lib/access/types";
import type { Ctx } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { projectServiceAccounts, projects, teams } from "@/lib/db/schema";
import type { ServiceAccount } from "./lookup";
import { getServiceAccount } from "./service";

export interface AccessEntry {
  projectId: string;
  team: string;
  project: string;
  visibility: Visibility;
  read: boolean;
  write: boolean;
  /** The policy's reason for the answer. */
  reason: string;
  /** For a project out of reach: what would grant access. */
  howToGrant?: string;
}

/** One page of a list, clamped to the pages that exist. */
export interface AccessPage {
  items: AccessEntry[];
  /** 1-based page shown, and how many pages there are (at least 1). */
  page: number;
  pages: number;
  /** 1-based position of the first item shown (0 when there is none). */
  from: number;
  total: number;
}

export interface EffectiveAccess {
  serviceAccount: ServiceAccount;
  /** Projects it can read or write, its own team first, then by team and project name. */
  reachable: AccessPage & { writes: number };
  /** Projects of its org someone might expect it to reach, by team and project name. */
  unreachable: AccessPage;
}

export interface AccessQuery {
  /** Narrows both lists to projects whose name contains it (case-insensitive). */
  search?: string;
  /** Requested pages (1-based) of the reachable and unreachable lists. */
  page?: number;
  outPage?: number;
  pageSize?: number;
}

export const ACCESS_PAGE_SIZE = 50;

/** One project as the page queries return it: enough for the policy, plus whether the account is listed. */
export interface AccessRow {
  id: string;
  name: string;
  visibility: Visibility;
  ownerId: string | null;
  teamId: string;
  teamName: string;
  orgId: string;
  listed: boolean;
}

/** The principal the API would see for this account's credential (an active key or access token). */
export function principalOfServiceAccount(sa: ServiceAccount): ServiceAccountPrincipal {
  return {
    kind: "service_account",
    id: sa.id,
    name: sa.name,
    orgId: sa.orgId,
    orgPlan: sa.orgPlan,
    scope: sa.scope,
    teamId: sa.teamId,
    teamName: sa.teamName,
    authMethod: sa.authMethod,
    status: sa.status,
    credential:
      sa.authMethod === "federated"
        ? { kind: "access_token", tokenId: "", state: "active" }
        : { kind: "api_key", keyId: "", state: "active" },
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * What the policy reads of a project when a service account asks (lib/access/policy.ts,
 * serviceAccountAccess): projects alike in these four get the same read and write answers, so the
 * policy is asked once per class (32 at most) and the database counts and pages the rows of each.
 * `lib/service-accounts/effective-access.test.ts` checks this against the policy on every project.
 */
interface AccessClass {
  visibility: Visibility;
  sameOrg: boolean;
  sameTeam: boolean;
  listed: boolean;
}

interface ClassDecision extends AccessClass {
  read: boolean;
  write: boolean;
  /** Shown among the projects out of its reach. */
  shownUnreachable: boolean;
}

const VISIBILITIES: readonly Visibility[] = ["open", "public", "team", "restricted"];

function classDecisions(sa: ServiceAccount): ClassDecision[] {
  const principal = principalOfServiceAccount(sa);
  const offersGrants = sa.status === "active" && sa.orgPlan === "enterprise";
  const decisions: ClassDecision[] = [];
  for (const visibility of VISIBILITIES) {
    for (const sameOrg of [true, false]) {
      for (const sameTeam of sameOrg ? [true, false] : [false]) {
        for (const listed of [true, false]) {
          const resource = representative(sa, { visibility, sameOrg, sameTeam, listed });
          const write = can(principal, "project.write", resource).allowed;
          const read = write || can(principal, "project.read", resource).allowed;
          // Out of reach is worth showing only inside its org: elsewhere nobody would expect access.
          decisions.push({
            visibility,
            sameOrg,
            sameTeam,
            listed,
            read,
            write,
            shownUnreachable: !read && sameOrg && offersGrants,
          });
        }
      }
    }
  }
  return decisions;
}

/** A project of the class, as the policy sees it (ids that match nothing stand for "another"). */
function representative(sa: ServiceAccount, c: AccessClass): ProjectResource {
  return {
    type: "project",
    id: "",
    name: "",
    teamId: c.sameTeam ? sa.teamId : "",
    teamName: c.sameTeam ? sa.teamName : "",
    orgId: c.sameOrg ? sa.orgId : "",
    visibility: c.visibility,
    ownerId: null,
    restrictedMembers: { userIds: [], serviceAccountIds: c.listed ? [sa.id] : [] },
  };
}

const listedSql = sql<boolean>`${projectServiceAccounts.projectId} is not null`;

/** The SQL for "the project is in one of these classes" (false for none). */
function inClasses(sa: ServiceAccount, classes: readonly AccessClass[]): SQL {
  if (!classes.length) return sql`false`;
  const each = classes.map((c) =>
    and(
      eq(projects.visibility, c.visibility),
      c.sameOrg ? eq(teams.orgId, sa.orgId) : ne(teams.orgId, sa.orgId),
      c.sameTeam ? eq(projects.teamId, sa.teamId) : ne(projects.teamId, sa.teamId),
      c.listed ? isNotNull(projectServiceAccounts.projectId) : isNull(projectServiceAccounts.projectId),
    ),
  );
  return or(...each) as SQL;
}

/**
 * The projects an account could be asked about: its org's, and open or public ones of any org (any
 * credential reads those), narrowed by name.
 */
function candidateFilter(sa: ServiceAccount, search: string): SQL {
  const where = or(eq(teams.orgId, sa.orgId), inArray(projects.visibility, ["open", "public"])) as SQL;
  return search ? (and(where, ilike(projects.name, `%${escapeLike(search)}%`)) as SQL) : where;
}

/** Its own listings, left-joined in: one probe of project_service_accounts_sa_idx per project. */
const listingOf = (sa: ServiceAccount) =>
  and(eq(projectServiceAccounts.projectId, projects.id), eq(projectServiceAccounts.serviceAccountId, sa.id));

/**
 * How many candidates fall in each class, keyed by classKey, without reading every project: its
 * org's projects counted by team and visibility (projects_team_visibility_idx, index-only), open and
 * public projects counted instance-wide (projects_visibility_idx), and its own listings (a handful)
 * counted by class and taken out of the unlisted counts.
 */
async function countByClass(db: Db | Tx, sa: ServiceAccount, search: string): Promise<Map<string, number>> {
  const byName = search ? ilike(projects.name, `%${escapeLike(search)}%`) : undefined;
  const sameTeam = sql<boolean>`${projects.teamId} = ${sa.teamId}`;
  const sameOrg = sql<boolean>`${teams.orgId} = ${sa.orgId}`;
  const count = sql<number>`count(*)::int`;
  const orgTeams = db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, sa.orgId));
  const [inOrg, openOrPublic, listed] = await Promise.all([
    db
      .select({ visibility: projects.visibility, sameTeam, n: count })
      .from(projects)
      .where(and(inArray(projects.teamId, orgTeams), byName))
      .groupBy(sql`1`, sql`2`), // by position: the expression carries a parameter
    db
      .select({ visibility: projects.visibility, n: count })
      .from(projects)
      .where(and(inArray(projects.visibility, ["open", "public"]), byName))
      .groupBy(projects.visibility),
    db
      .select({ visibility: projects.visibility, sameOrg, sameTeam, n: count })
      .from(projectServiceAccounts)
      .innerJoin(projects, eq(projects.id, projectServiceAccounts.projectId))
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .where(and(eq(projectServiceAccounts.serviceAccountId, sa.id), byName))
      .groupBy(sql`1`, sql`2`, sql`3`),
  ]);
  const counts = new Map<string, number>();
  const add = (c: AccessClass, n: number) => counts.set(classKey(c), (counts.get(classKey(c)) ?? 0) + n);
  for (const r of inOrg)
    add({ visibility: r.visibility, sameOrg: true, sameTeam: r.sameTeam, listed: false }, r.n);
  // Open and public projects of other orgs: those of the instance less those of its org.
  for (const r of openOrPublic) {
    const ofOrg = inOrg.filter((o) => o.visibility === r.visibility).reduce((n, o) => n + o.n, 0);
    add({ visibility: r.visibility, sameOrg: false, sameTeam: false, listed: false }, r.n - ofOrg);
  }
  for (const r of listed) {
    // A listing on another org's team or restricted project does not make it a candidate.
    if (!r.sameOrg && (r.visibility === "team" || r.visibility === "restricted")) continue;
    add({ visibility: r.visibility, sameOrg: r.sameOrg, sameTeam: r.sameTeam, listed: false }, -r.n);
    add({ visibility: r.visibility, sameOrg: r.sameOrg, sameTeam: r.sameTeam, listed: true }, r.n);
  }
  return counts;
}

const classKey = (c: AccessClass) => `${c.visibility}:${c.sameOrg}:${c.sameTeam}:${c.listed}`;

const rowColumns = {
  id: projects.id,
  name: projects.name,
  visibility: projects.visibility,
  ownerId: projects.ownerId,
  teamId: projects.teamId,
  teamName: teams.name,
  orgId: teams.orgId,
  listed: listedSql,
};

/** Rows `offset` to `offset + limit` of the candidates in `classes`, by team and project name. */
function rowsOf(
  db: Db | Tx,
  sa: ServiceAccount,
  filter: SQL,
  classes: readonly AccessClass[],
  offset: number,
  limit: number,
): Promise<AccessRow[]> {
  // Read in index order (teams_name_unique, then projects_team_name_unique): a page costs its rows.
  return db
    .select(rowColumns)
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .leftJoin(projectServiceAccounts, listingOf(sa))
    .where(and(filter, inClasses(sa, classes)))
    .orderBy(asc(teams.name), asc(projects.name), asc(projects.id))
    .limit(limit)
    .offset(offset);
}

/** A list shown in order: sections of classes, each with its count, one after the other. */
interface Section {
  classes: readonly AccessClass[];
  total: number;
}

/** Rows `offset` to `offset + limit` of the sections read one after the other: a query per section touched. */
async function rowsOfSections(
  db: Db | Tx,
  sa: ServiceAccount,
  filter: SQL,
  sections: readonly Section[],
  offset: number,
  limit: number,
): Promise<AccessRow[]> {
  const parts: Promise<AccessRow[]>[] = [];
  let skip = offset;
  let wanted = limit;
  for (const section of sections) {
    if (wanted <= 0) break;
    if (skip >= section.total) {
      skip -= section.total;
      continue;
    }
    const take = Math.min(wanted, section.total - skip);
    parts.push(rowsOf(db, sa, filter, section.classes, skip, take));
    wanted -= take;
    skip = 0;
  }
  return (await Promise.all(parts)).flat();
}

function howToGrant(sa: ServiceAccount, row: AccessRow): string {
  if (row.visibility === "restricted") {
    return `An admin of ${row.teamName}, an org admin or the project's owner adds ${sa.teamName}/${sa.name} on the project's Users tab.`;
  }
  return (
    `Only ${row.teamName}'s own service accounts and the org's service accounts reach its team projects: ` +
    `use an org service account, or have the project made public (read) or open (read and write).`
  );
}

/** The policy's answer for one real project, with its reason (which names the project's team). */
export function accessEntry(sa: ServiceAccount, row: AccessRow): AccessEntry {
  const principal = principalOfServiceAccount(sa);
  const resource: ProjectResource = {
    type: "project",
    id: row.id,
    name: row.name,
    teamId: row.teamId,
    teamName: row.teamName,
    orgId: row.orgId,
    visibility: row.visibility,
    ownerId: row.ownerId,
    restrictedMembers: { userIds: [], serviceAccountIds: row.listed ? [sa.id] : [] },
  };
  // Whoever may write may read (the policy's levels are none, read, read and write).
  const write = can(principal, "project.write", resource);
  const read = write.allowed ? write : can(principal, "project.read", resource);
  const entry: AccessEntry = {
    projectId: row.id,
    team: row.teamName,
    project: row.name,
    visibility: row.visibility,
    read: read.allowed,
    write: write.allowed,
    reason: read.reason,
  };
  return read.allowed ? entry : { ...entry, howToGrant: howToGrant(sa, row) };
}

function clampPage(requested: number | undefined, total: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Number.isInteger(requested) ? Math.min(Math.max(requested as number, 1), pages) : 1;
  return { page, pages };
}

/**
 * For the account's page: NotFound unless the actor may manage the account (service_account.manage).
 * Three queries whatever the org's size: the count of each class, and the two pages shown.
 */
export async function effectiveAccess(
  ctx: Ctx,
  teamName: string,
  name: string,
  query: AccessQuery = {},
): Promise<EffectiveAccess> {
  const sa = await getServiceAccount(ctx, teamName, name);
  const size = query.pageSize ?? ACCESS_PAGE_SIZE;
  const search = (query.search ?? "").trim();
  const filter = candidateFilter(sa, search);
  const decisions = classDecisions(sa);
  const reach = decisions.filter((c) => c.read);
  const out = decisions.filter((c) => c.shownUnreachable);

  const counts = await countByClass(ctx.db, sa, search);
  const section = (classes: ClassDecision[]): Section => ({
    classes,
    total: classes.reduce((n, c) => n + (counts.get(classKey(c)) ?? 0), 0),
  });
  const list = async (sections: Section[], requested: number | undefined) => {
    const total = sections.reduce((n, s) => n + s.total, 0);
    const { page, pages } = clampPage(requested, total, size);
    const rows = await rowsOfSections(ctx.db, sa, filter, sections, (page - 1) * size, size);
    const from = rows.length ? (page - 1) * size + 1 : 0;
    return { items: rows.map((row) => accessEntry(sa, row)), page, pages, from, total };
  };
  const [reachable, unreachable] = await Promise.all([
    // Its own team first.
    list([section(reach.filter((c) => c.sameTeam)), section(reach.filter((c) => !c.sameTeam))], query.page),
    list([section(out)], query.outPage),
  ]);
  return {
    serviceAccount: sa,
    reachable: { ...reachable, writes: section(reach.filter((c) => c.write)).total },
    unreachable,
  };
}
