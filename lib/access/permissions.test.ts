// The role table's own shape: roles nest, viewers never write, and every action has a home.
import { describe, expect, it } from "vitest";
import {
  ACTION_DESCRIPTIONS,
  ACTION_RESOURCE_TYPE,
  ALL_ACTIONS,
  ENTERPRISE_ACTIONS,
  ORG_ROLE_PERMISSIONS,
  orgRoleHas,
  TEAM_ROLE_PERMISSIONS,
  teamRoleHas,
} from "./permissions";
import type { Action } from "./types";

const WRITES: readonly Action[] = [
  "project.write",
  "project.create",
  "project.update_visibility",
  "project.manage_members",
];

describe("role -> permission tables", () => {
  it.each([
    ["org", ORG_ROLE_PERMISSIONS],
    ["team", TEAM_ROLE_PERMISSIONS],
  ] as const)("%s roles nest: viewer within member within admin, each listed once", (_kind, table) => {
    for (const action of table.viewer) expect(table.member).toContain(action);
    for (const action of table.member) expect(table.admin).toContain(action);
    for (const actions of Object.values(table)) expect(new Set(actions).size).toBe(actions.length);
  });

  it("gives viewers nothing that writes", () => {
    for (const action of WRITES) {
      expect(orgRoleHas("viewer", action)).toBe(false);
      expect(teamRoleHas("viewer", action)).toBe(false);
    }
  });

  it("keeps administration with admins: members and viewers may only read (and members write data)", () => {
    expect(ORG_ROLE_PERMISSIONS.member).toEqual(["organization.read", "team.read", "project.write"]);
    expect(TEAM_ROLE_PERMISSIONS.member).toEqual([
      "team.read",
      "project.create",
      "project.read",
      "project.write",
    ]);
    expect(orgRoleHas("member", "service_account.manage")).toBe(false);
    expect(teamRoleHas("member", "service_account.list_team")).toBe(false);
  });

  it("leaves the org-wide switches and JWT issuers to org admins (SPEC 2)", () => {
    for (const action of [
      "team.update_settings",
      "jwt_issuer.manage",
      "service_account.create_org_scoped",
    ] as const) {
      expect(orgRoleHas("admin", action)).toBe(true);
      expect(teamRoleHas("admin", action)).toBe(false);
    }
  });

  it("describes every action, gives each a resource, and grants every enterprise action to org admins", () => {
    expect(Object.keys(ACTION_DESCRIPTIONS).sort()).toEqual([...ALL_ACTIONS].sort());
    expect(ALL_ACTIONS.length).toBe(Object.keys(ACTION_RESOURCE_TYPE).length);
    for (const action of ENTERPRISE_ACTIONS) expect(orgRoleHas("admin", action)).toBe(true);
  });

  it("shows a team's audit log to its admins and org admins only (issue 12)", () => {
    expect(teamRoleHas("admin", "team.read_audit_log")).toBe(true);
    expect(orgRoleHas("admin", "team.read_audit_log")).toBe(true);
    expect(teamRoleHas("member", "team.read_audit_log")).toBe(false);
    expect(orgRoleHas("member", "team.read_audit_log")).toBe(false);
    expect(teamRoleHas("admin", "organization.read_audit_log")).toBe(false);
  });

  it("permits nothing to a missing role", () => {
    for (const action of ALL_ACTIONS) {
      expect(orgRoleHas(undefined, action)).toBe(false);
      expect(teamRoleHas(undefined, action)).toBe(false);
    }
  });
});
