// The one table of roles (SPEC section 2): what each org role and team role permits. Everything else asks
// for a permission (an Action); only this file and policy.ts ever name a role.
import type { Action, OrgRole, Resource, TeamRole } from "./types";

/**
 * What an org role permits on its organization and everything in it. Two data entries need a word:
 * `project.read` is reading every non-restricted project of the org, team-visible ones included (the
 * "org admin of O who is not in T" row of SPEC section 3); `project.write` is writing where any signed-in
 * principal may (open projects), which org viewers may not: viewers never write. Personal keys and one's
 * own profile belong to every user whatever the role, so they are not in this table.
 */
export const ORG_ROLE_PERMISSIONS: Record<OrgRole, readonly Action[]> = {
  admin: [
    "organization.read",
    "organization.manage_members",
    "organization.list_api_keys",
    "organization.read_audit_log",
    "team.create",
    "service_account.list_org",
    "service_account.create_org_scoped",
    "jwt_issuer.manage",
    "team.read",
    "team.manage_members",
    "team.update_settings",
    "team.read_audit_log",
    "service_account.list_team",
    "service_account.create_team_scoped",
    "service_account.manage",
    "api_key.create",
    "api_key.revoke",
    "project.read",
    "project.write",
    "project.update_visibility",
    "project.manage_members",
  ],
  member: ["organization.read", "team.read", "project.write"],
  viewer: ["organization.read", "team.read"],
};

/**
 * What a team role permits on its team, the team's projects and the team's own (team-scoped) service
 * accounts and their keys. Restricted projects still need a listing (policy.ts).
 */
export const TEAM_ROLE_PERMISSIONS: Record<TeamRole, readonly Action[]> = {
  admin: [
    "team.read",
    "team.manage_members",
    "team.read_audit_log",
    "service_account.list_team",
    "service_account.create_team_scoped",
    "service_account.manage",
    "api_key.create",
    "api_key.revoke",
    "project.create",
    "project.read",
    "project.write",
    "project.update_visibility",
    "project.manage_members",
  ],
  member: ["team.read", "project.create", "project.read", "project.write"],
  viewer: ["team.read", "project.read"],
};

/** Service accounts are an enterprise feature (SPEC section 1): these are refused on a free plan. */
export const ENTERPRISE_ACTIONS: readonly Action[] = [
  "service_account.create_org_scoped",
  "service_account.create_team_scoped",
  "service_account.manage",
  "jwt_issuer.manage",
];

/** The resource each action applies to; `can` denies an action asked about any other kind of resource. */
export const ACTION_RESOURCE_TYPE: Record<Action, Resource["type"]> = {
  "organization.read": "organization",
  "organization.manage_members": "organization",
  "organization.list_api_keys": "organization",
  "organization.read_audit_log": "organization",
  "team.create": "organization",
  "service_account.list_org": "organization",
  "service_account.create_org_scoped": "organization",
  "team.read": "team",
  "team.manage_members": "team",
  "team.update_settings": "team",
  "team.read_audit_log": "team",
  "service_account.list_team": "team",
  "service_account.create_team_scoped": "team",
  "project.create": "team",
  "project.read": "project",
  "project.write": "project",
  "project.update_visibility": "project",
  "project.manage_members": "project",
  "service_account.manage": "service_account",
  "api_key.create": "api_key",
  "api_key.revoke": "api_key",
  "jwt_issuer.manage": "jwt_issuer",
  "user.manage_own": "user",
};

export const ALL_ACTIONS = Object.keys(ACTION_RESOURCE_TYPE) as readonly Action[];

/** Each action as words that finish "may ..." / "cannot ...", for reasons shown to people. */
export const ACTION_DESCRIPTIONS: Record<Action, string> = {
  "organization.read": "see the organization",
  "organization.manage_members": "manage the organization's members",
  "organization.list_api_keys": "list the organization's API keys",
  "organization.read_audit_log": "read the organization's audit log",
  "team.create": "create teams",
  "service_account.list_org": "see the organization's service accounts",
  "service_account.create_org_scoped": "create org-scoped service accounts",
  "team.read": "see the team",
  "team.manage_members": "manage the team's members",
  "team.update_settings": "change the team's settings",
  "team.read_audit_log": "read the team's audit log",
  "service_account.list_team": "see the team's service accounts",
  "service_account.create_team_scoped": "create service accounts for the team",
  "project.create": "create projects in the team",
  "project.read": "read the project",
  "project.write": "write to the project",
  "project.update_visibility": "change the project's visibility",
  "project.manage_members": "add or remove the project's members",
  "service_account.manage": "manage the service account",
  "api_key.create": "create API keys",
  "api_key.revoke": "revoke API keys",
  "jwt_issuer.manage": "register or remove JWT issuers",
  "user.manage_own": "change these user settings",
};

/** `role` may be absent (not a member), which permits nothing. */
export function orgRoleHas(role: OrgRole | undefined, action: Action): boolean {
  return role !== undefined && ORG_ROLE_PERMISSIONS[role].includes(action);
}

/** `role` may be absent (not in the team), which permits nothing. */
export function teamRoleHas(role: TeamRole | undefined, action: Action): boolean {
  return role !== undefined && TEAM_ROLE_PERMISSIONS[role].includes(action);
}

export function needsEnterprise(action: Action): boolean {
  return ENTERPRISE_ACTIONS.includes(action);
}
