// Runs every row of matrix.fixture.ts through the policy; rows that disagree are printed as table lines with
// what the policy answered, so a failure reads like the spec.
import { describe, expect, it } from "vitest";
import { ADMINISTRATION_MATRIX, DATA_ACCESS_MATRIX } from "./matrix.fixture";
import { ALL_ACTIONS } from "./permissions";
import { can } from "./policy";
import type {
  Action,
  Credential,
  OrgRole,
  Plan,
  Principal,
  ProjectResource,
  Resource,
  ServiceAccountResource,
  TeamRole,
  Visibility,
} from "./types";

interface Row {
  line: string;
  cells: Record<string, string>;
}

function parseMatrix(text: string): { header: string; rows: Row[] } {
  const [header, ...body] = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("|"));
  const columns = splitCells(header);
  const rows = body.map((line) => {
    const cells = splitCells(line);
    if (cells.length !== columns.length) throw new Error(`expected ${columns.length} cells: ${line}`);
    return { line, cells: Object.fromEntries(columns.map((column, i) => [column, cells[i]])) };
  });
  return { header, rows };
}

function splitCells(line: string): string[] {
  return line
    .slice(1, -1)
    .split("|")
    .map((cell) => cell.trim());
}

/** Looks a word up, refusing words the fixture does not define (a typo must not pass as "-"). */
function word<T>(table: Record<string, T>, key: string, column: string): T {
  if (!Object.hasOwn(table, key)) throw new Error(`unknown ${column} "${key}"`);
  return table[key];
}

// The world of the fixture's header comment.
const ORGS: Record<string, string> = { O: "org_acme", O2: "org_globex" };
const TEAMS: Record<string, { id: string; name: string }> = {
  T: { id: "team_ml", name: "ml-platform" },
  T2: { id: "team_research", name: "research" },
  T3: { id: "team_vision", name: "vision" },
};
const TOM = "user_tom";
const ANN = "user_ann";
const CI_BOT = "sa_ci";
const ORG_ROLES: Record<string, OrgRole | null> = {
  admin: "admin",
  member: "member",
  viewer: "viewer",
  "-": null,
};
const TEAM_ROLES: Record<string, TeamRole | null> = {
  admin: "admin",
  member: "member",
  viewer: "viewer",
  "-": null,
};
const STATES = ["ok", "revoked", "expired", "deactivated", "deleted", "free"];

/** The principal a row describes. `planOfO` is O's plan, which an SA of O shares. */
function buildPrincipal(cells: Record<string, string>, planOfO: Plan): Principal {
  const state = cells.state ?? "ok";
  if (!STATES.includes(state)) throw new Error(`unknown state "${state}"`);
  const [homeTeam, homeOrg] = cells.home.split("/");
  const orgId = homeOrg === "-" ? null : word(ORGS, homeOrg, "org");
  const team = homeTeam === "-" ? null : word(TEAMS, homeTeam, "team");
  const keyState = state === "revoked" || state === "expired" ? state : "active";
  switch (cells.principal) {
    case "anon":
      return { kind: "anonymous" };
    case "user":
    case "user-key": {
      const [orgWord, teamWord = "-"] = cells.roles.split("/");
      const orgRole = word(ORG_ROLES, orgWord, "org role");
      const teamRole = word(TEAM_ROLES, teamWord, "team role");
      if ((orgRole && !orgId) || (teamRole && !team)) throw new Error(`roles ${cells.roles} need a home`);
      const credential: Credential =
        cells.principal === "user"
          ? { kind: "session" }
          : { kind: "api_key", keyId: "stw_u-T0m", state: keyState };
      return {
        kind: "user",
        id: TOM,
        username: "tom",
        orgRoles: orgRole && orgId ? { [orgId]: orgRole } : {},
        teamRoles: teamRole && team ? { [team.id]: teamRole } : {},
        credential,
      };
    }
    case "sa-team":
    case "sa-org":
    case "sa-fed": {
      if (!orgId || !team) throw new Error("a service account needs a home team and org");
      const federated = cells.principal === "sa-fed";
      const credential: Credential = federated
        ? { kind: "access_token", tokenId: "tok_1", state: keyState }
        : { kind: "api_key", keyId: "stw_sa-C1b", state: keyState };
      return {
        kind: "service_account",
        id: CI_BOT,
        name: "ci-bot",
        orgId,
        orgPlan: state === "free" ? "free" : orgId === ORGS.O ? planOfO : "enterprise",
        scope: cells.principal === "sa-org" ? "org" : "team",
        teamId: team.id,
        teamName: team.name,
        authMethod: federated ? "federated" : "api_key",
        status: state === "deactivated" || state === "deleted" ? state : "active",
        credential,
      };
    }
    default:
      throw new Error(`unknown principal "${cells.principal}"`);
  }
}

const VISIBILITIES: Record<string, Visibility> = {
  open: "open",
  public: "public",
  team: "team",
  restricted: "restricted",
};
const DATA_ACTIONS: Record<string, Action> = {
  read: "project.read",
  write: "project.write",
  update_visibility: "project.update_visibility",
  manage_members: "project.manage_members",
};

function buildProject(cells: Record<string, string>, principal: Principal): ProjectResource {
  const onP = word({ "-": "-", listed: "listed", owner: "owner" }, cells["on-P"], "on-P");
  const listed = onP === "listed" && principal.kind !== "anonymous" ? [principal.id] : [];
  return {
    type: "project",
    id: "proj_churn",
    name: "churn-model",
    teamId: TEAMS.T.id,
    teamName: TEAMS.T.name,
    orgId: ORGS.O,
    visibility: word(VISIBILITIES, cells.visibility, "visibility"),
    ownerId: onP === "owner" ? TOM : null,
    restrictedMembers: {
      userIds: principal.kind === "user" ? listed : [],
      serviceAccountIds: principal.kind === "service_account" ? listed : [],
    },
  };
}

function serviceAccountOfO(scope: "org" | "team", plan: Plan): ServiceAccountResource {
  return {
    type: "service_account",
    id: scope === "org" ? "sa_trainer" : "sa_deploy",
    name: scope === "org" ? "trainer" : "deploy",
    orgId: ORGS.O,
    orgPlan: plan,
    scope,
    teamId: TEAMS.T.id,
  };
}

const TARGETS: Record<string, (plan: Plan) => Resource> = {
  org: (plan) => ({ type: "organization", id: ORGS.O, slug: "acme", plan }),
  team: (plan) => ({ type: "team", id: TEAMS.T.id, name: TEAMS.T.name, orgId: ORGS.O, orgPlan: plan }),
  "jwt issuer": (plan) => ({ type: "jwt_issuer", orgId: ORGS.O, orgPlan: plan }),
  "org sa": (plan) => serviceAccountOfO("org", plan),
  "team sa": (plan) => serviceAccountOfO("team", plan),
  "own key": () => ({ type: "api_key", ownerKind: "user", ownerId: TOM }),
  "other's key": () => ({ type: "api_key", ownerKind: "user", ownerId: ANN }),
  "org sa key": (plan) => ({
    type: "api_key",
    ownerKind: "service_account",
    serviceAccount: serviceAccountOfO("org", plan),
  }),
  "team sa key": (plan) => ({
    type: "api_key",
    ownerKind: "service_account",
    serviceAccount: serviceAccountOfO("team", plan),
  }),
  self: () => ({ type: "user", id: TOM }),
  "other user": () => ({ type: "user", id: ANN }),
};

interface Case {
  principal: Principal;
  action: Action;
  resource: Resource;
}

function dataCase(cells: Record<string, string>): Case {
  const principal = buildPrincipal(cells, "enterprise");
  return {
    principal,
    action: word(DATA_ACTIONS, cells.action, "action"),
    resource: buildProject(cells, principal),
  };
}

function administrationCase(cells: Record<string, string>): Case {
  const free = cells.target.startsWith("free ");
  const plan: Plan = free ? "free" : "enterprise";
  const action = cells.action as Action;
  if (!ALL_ACTIONS.includes(action)) throw new Error(`unknown action "${cells.action}"`);
  return {
    principal: buildPrincipal(cells, plan),
    action,
    resource: word(TARGETS, free ? cells.target.slice("free ".length) : cells.target, "target")(plan),
  };
}

/** Every row whose answer differs from its `expected`, as the row's line plus what the policy said. */
function disagreements(rows: Row[], toCase: (cells: Record<string, string>) => Case): string[] {
  const failures: string[] = [];
  for (const row of rows) {
    try {
      const { principal, action, resource } = toCase(row.cells);
      const decision = can(principal, action, resource);
      const actual = decision.allowed ? "allow" : String(decision.status);
      if (actual !== row.cells.expected) failures.push(`${row.line}  <- got ${actual}: ${decision.reason}`);
    } catch (error) {
      failures.push(`${row.line}  <- bad row: ${(error as Error).message}`);
    }
  }
  return failures;
}

const data = parseMatrix(DATA_ACCESS_MATRIX);
const administration = parseMatrix(ADMINISTRATION_MATRIX);

describe("access matrix (SPEC sections 2 and 3)", () => {
  it.each([
    ["data access (SPEC 3)", data, dataCase],
    ["administration (SPEC 2)", administration, administrationCase],
  ] as const)("every row of the %s table holds", (_name, table, toCase) => {
    const failures = disagreements(table.rows, toCase);
    if (failures.length > 0) {
      expect.fail(
        `${failures.length} of ${table.rows.length} rows disagree:\n${table.header}\n${failures.join("\n")}`,
      );
    }
  });

  it("has well over 400 rows, each case once", () => {
    expect(data.rows.length + administration.rows.length).toBeGreaterThan(400);
    for (const table of [data, administration]) {
      const inputs = table.rows.map((row) => row.line.replace(/\|[^|]*\|$/, ""));
      const repeated = inputs.filter((input, i) => inputs.indexOf(input) !== i);
      expect(repeated, "rows listed twice").toEqual([]);
    }
  });

  it("covers every action, and every principal kind x visibility x read/write", () => {
    const actions = new Set([
      ...data.rows.map((row) => DATA_ACTIONS[row.cells.action]),
      ...administration.rows.map((row) => row.cells.action),
    ]);
    expect(ALL_ACTIONS.filter((action) => !actions.has(action))).toEqual([]);
    const seen = new Set(
      data.rows.map((r) => `${r.cells.principal} ${r.cells.visibility} ${r.cells.action}`),
    );
    const missing: string[] = [];
    for (const principal of ["anon", "user", "user-key", "sa-team", "sa-org", "sa-fed"]) {
      for (const visibility of Object.keys(VISIBILITIES)) {
        for (const action of ["read", "write"]) {
          if (!seen.has(`${principal} ${visibility} ${action}`))
            missing.push(`${principal} ${visibility} ${action}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(new Set(data.rows.map((row) => row.cells.state))).toEqual(new Set(STATES));
  });
});
