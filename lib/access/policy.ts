// The access policy of SPEC sections 2 and 3: may this principal do this to that object, and why. Pure and
// deny-by-default, so the services (what is allowed) and the UI (which controls show) ask the same function.
import {
  ACTION_DESCRIPTIONS,
  ACTION_RESOURCE_TYPE,
  needsEnterprise,
  ORG_ROLE_PERMISSIONS,
  orgRoleHas,
  TEAM_ROLE_PERMISSIONS,
  teamRoleHas,
} from "./permissions";
import type {
  Action,
  Credential,
  Decision,
  OrgRole,
  Plan,
  Principal,
  ProjectResource,
  Resource,
  ServiceAccountPrincipal,
  ServiceAccountResource,
  TeamResource,
  TeamRole,
  UserPrincipal,
} from "./types";

type SignedIn = UserPrincipal | ServiceAccountPrincipal;

export const ENTERPRISE_FEATURE_REASON =
  "service accounts are an enterprise feature; this organization is on the free plan";

/**
 * Decides one action. A 404 decision's reason names the rule for logs and the "effective access" view;
 * an edge answering a caller shows a plain "not found" instead, so nothing about the object leaks.
 */
export function can(principal: Principal, action: Action, resource: Resource): Decision {
  const credentialProblem = checkCredential(principal);
  if (credentialProblem !== null) return deny(401, credentialProblem);
  const expected = ACTION_RESOURCE_TYPE[action];
  if (expected !== resource.type) {
    return deny(404, `${action} applies to a ${expected}, not to a ${resource.type}`);
  }
  if (resource.type === "project" && (action === "project.read" || action === "project.write")) {
    return decideProjectData(principal, action, resource);
  }
  if (principal.kind === "anonymous") {
    return deny(401, "sign in first: without credentials only open and public projects can be read");
  }
  return decideAdministration(principal, action, resource);
}

/** Which of `actions` the principal may do on `resource`: the UI shows only those controls. */
export function canAll<A extends Action>(
  principal: Principal,
  resource: Resource,
  actions: readonly A[],
): Record<A, boolean> {
  const result = {} as Record<A, boolean>;
  for (const action of actions) result[action] = can(principal, action, resource).allowed;
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Credential gate (SPEC section 3, last row): a dead or misused credential can do nothing at all.

function checkCredential(principal: Principal): string | null {
  if (principal.kind === "anonymous") return null;
  if (principal.kind === "service_account" && principal.status !== "active") {
    return `service account ${principal.name} ${principal.status === "deleted" ? "has been deleted" : "is deactivated"}`;
  }
  const { credential } = principal;
  if (credential.kind !== "session" && credential.state !== "active") {
    return deadCredential(principal, credential);
  }
  if (principal.kind === "user") {
    // Access tokens come only from the federation exchange, which only federated service accounts pass.
    return credential.kind === "access_token"
      ? `access tokens are issued only to federated service accounts, not to ${principal.username}`
      : null;
  }
  return checkServiceAccountCredential(principal);
}

function deadCredential(principal: SignedIn, credential: Exclude<Credential, { kind: "session" }>): string {
  const what = credential.state === "revoked" ? "has been revoked" : "has expired";
  if (credential.kind === "api_key") {
    const keyId = credential.keyId.endsWith("…") ? credential.keyId : `${credential.keyId}…`;
    return `the API key ${keyId} ${what}; use an active key`;
  }
  return `the access token of ${nameOf(principal)} ${what}; exchange a fresh JWT at /oidc/token`;
}

function checkServiceAccountCredential(sa: ServiceAccountPrincipal): string | null {
  const { credential } = sa;
  if (credential.kind === "session") {
    return `service account ${sa.name} cannot sign in to the browser; it authenticates with its own credential`;
  }
  if (sa.authMethod === "federated" && credential.kind !== "access_token") {
    return `service account ${sa.name} uses a federated identity and owns no API keys`;
  }
  if (sa.authMethod === "api_key" && credential.kind !== "api_key") {
    return `service account ${sa.name} authenticates with API keys; access tokens are only for federated ones`;
  }
  if (sa.orgPlan === "free") return ENTERPRISE_FEATURE_REASON;
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Data access (SPEC section 3): what a principal may do with a project's runs and traces.

interface Access {
  read: boolean;
  write: boolean;
  /** Why, in words that hold for both the read and the write answer. */
  reason: string;
}

const readWrite = (reason: string): Access => ({ read: true, write: true, reason });
const readOnly = (reason: string): Access => ({ read: true, write: false, reason });
const noAccess = (reason: string): Access => ({ read: false, write: false, reason });

function decideProjectData(
  principal: Principal,
  action: "project.read" | "project.write",
  project: ProjectResource,
): Decision {
  const access = projectAccess(principal, project);
  if (action === "project.read") return access.read ? allow(access.reason) : deny(404, access.reason);
  if (access.write) return allow(access.reason);
  if (principal.kind === "anonymous") return deny(401, "anonymous requests never write: send an API key");
  // 403 only when the caller may see the project; otherwise its existence stays hidden.
  return deny(access.read ? 403 : 404, access.reason);
}

function projectAccess(principal: Principal, project: ProjectResource): Access {
  switch (principal.kind) {
    case "anonymous":
      return anonymousAccess(project);
    case "user":
      return userAccess(principal, project);
    case "service_account":
      return serviceAccountAccess(principal, project);
  }
}

function anonymousAccess(project: ProjectResource): Access {
  if (project.visibility === "open" || project.visibility === "public") {
    return readOnly(`${project.visibility} project: anyone may read it; writing needs an API key`);
  }
  return noAccess(`${project.visibility} project: not visible without signing in`);
}

/** The table's rows for users, most specific first: a role in T, then org admin of O, then anyone. */
function userAccess(user: UserPrincipal, project: ProjectResource): Access {
  const teamRole = teamRoleIn(user, project.teamId, project.orgId);
  if (teamRole !== undefined) return teamMemberAccess(user, teamRole, project);
  const orgRole = orgRoleIn(user, project.orgId);
  if (orgRoleHas(orgRole, "project.read")) return orgWideReaderAccess(user, project);
  const listed = project.restrictedMembers.userIds.includes(user.id);
  // Viewers never write, so an org viewer does not get the "anyone writes open projects" of strangers.
  if (orgRole !== undefined && !orgRoleHas(orgRole, "project.write")) {
    const access = outsiderAccess(user.username, project, listed);
    if (!access.write) return access;
    return readOnly(
      `open project: ${user.username} is an org ${orgRole} of the project's organization, and viewers never write`,
    );
  }
  return outsiderAccess(user.username, project, listed);
}

function teamMemberAccess(user: UserPrincipal, role: TeamRole, project: ProjectResource): Access {
  const member = `${user.username} is a team ${role} of ${project.teamName}`;
  const writes = teamRoleHas(role, "project.write");
  if (project.visibility === "restricted") {
    if (!project.restrictedMembers.userIds.includes(user.id)) {
      return noAccess(`restricted project: ${user.username} is not listed as a member`);
    }
    return writes
      ? readWrite(`restricted project: ${member} and listed as a member`)
      : readOnly(`restricted project: ${member} and listed as a member; viewers read but never write`);
  }
  return writes
    ? readWrite(`${member}: the team's members read and write its ${project.visibility} projects`)
    : readOnly(`${member}: viewers read the team's projects but never write`);
}

/** "Org admin of O who is not in T": sees the org's projects, but the data of restricted ones needs a listing. */
function orgWideReaderAccess(user: UserPrincipal, project: ProjectResource): Access {
  const admin = `${user.username} is an org admin of the project's organization but not in ${project.teamName}`;
  switch (project.visibility) {
    case "open":
      return readWrite(`open project: any signed-in principal reads and writes it (${admin})`);
    case "public":
      return readOnly(`${admin}: org admins read the team's public projects, which only the team writes`);
    case "team":
      return readOnly(`${admin}: org admins read the team's projects but do not write them`);
    case "restricted":
      return project.restrictedMembers.userIds.includes(user.id)
        ? readWrite(`restricted project: ${user.username} is an org admin and listed as a member`)
        : noAccess(
            `restricted project: ${user.username} is an org admin but not listed as a member; ` +
              "org admins manage its settings, not its data",
          );
  }
}

/** The general "any valid user key or SA credential, with no more specific row" row. */
function outsiderAccess(who: string, project: ProjectResource, listed: boolean): Access {
  switch (project.visibility) {
    case "open":
      return readWrite(`open project: any signed-in principal reads and writes it, ${who} included`);
    case "public":
      return readOnly(
        "public project of another team: readable by any signed-in principal, writable only by its team",
      );
    case "team":
      return noAccess(
        `team project of ${project.teamName}: visible only to its team, and ${who} is outside it`,
      );
    case "restricted":
      return noAccess(
        listed
          ? `restricted project of ${project.teamName}: ${who} is listed as a member but is outside the team, ` +
              "so the listing does not count"
          : `restricted project of ${project.teamName}: visible only to its listed team members, and ${who} is not one`,
      );
  }
}

function serviceAccountAccess(sa: ServiceAccountPrincipal, project: ProjectResource): Access {
  const listed = project.restrictedMembers.serviceAccountIds.includes(sa.id);
  if (sa.orgId !== project.orgId) {
    return outsiderAccess(
      `${sa.scope}-scoped service account ${sa.name} of another organization`,
      project,
      listed,
    );
  }
  if (!writesTeamProjects(sa, project.orgId, project.teamId)) {
    return outsiderAccess(`team-scoped service account ${sa.name} of ${sa.teamName}`, project, listed);
  }
  if (project.visibility === "restricted") {
    return listed
      ? readWrite(`restricted project: service account ${sa.name} is listed as a member`)
      : noAccess(`restricted project: service account ${sa.name} is not listed as a member`);
  }
  return readWrite(
    sa.scope === "org"
      ? `org-scoped service account ${sa.name} (default team ${sa.teamName}): ` +
          "reads and writes every non-restricted project of its organization"
      : `team-scoped service account ${sa.name} of ${sa.teamName}: reads and writes its team's non-restricted projects`,
  );
}

/** An org SA works for every team of its org; a team SA for its parent team only. */
function writesTeamProjects(sa: ServiceAccountPrincipal, orgId: string, teamId: string): boolean {
  return sa.orgId === orgId && (sa.scope === "org" || sa.teamId === teamId);
}

// ---------------------------------------------------------------------------------------------------------
// Administration (SPEC section 2). Users act with their roles, whatever credential they used; service
// accounts never administer, they may only see their own org and its teams and create projects by logging.

function decideAdministration(principal: SignedIn, action: Action, resource: Resource): Decision {
  switch (resource.type) {
    case "organization":
      return decideOnOrganization(principal, action, {
        id: resource.id,
        name: resource.slug,
        plan: resource.plan,
      });
    case "jwt_issuer":
      return decideOnOrganization(principal, action, {
        id: resource.orgId,
        name: "this organization",
        plan: resource.orgPlan,
      });
    case "team":
      return decideOnTeam(principal, action, resource);
    case "project":
      return decideOnProjectSettings(principal, action, resource);
    case "service_account":
      return decideOnServiceAccount(principal, action, resource);
    case "api_key":
      return resource.ownerKind === "user"
        ? decideOnOwnThing(principal, action, resource.ownerId, "personal API keys")
        : decideOnServiceAccount(principal, action, resource.serviceAccount);
    case "user":
      return decideOnOwnThing(principal, action, resource.id, "user settings");
  }
}

function decideOnOrganization(
  principal: SignedIn,
  action: Action,
  org: { id: string; name: string; plan: Plan },
): Decision {
  if (principal.kind === "service_account") {
    if (action === "organization.read" && principal.orgId === org.id) {
      return allow(`service account ${principal.name} belongs to ${org.name}`);
    }
    return refuseServiceAccount(principal, action, org.id);
  }
  const role = orgRoleIn(principal, org.id);
  if (role === undefined) return deny(404, `${principal.username} is not a member of ${org.name}`);
  if (!orgRoleHas(role, action)) {
    return deny(
      403,
      `only ${rolesThatMay(action)} may ${wording(action)}; ${principal.username} is an org ${role}`,
    );
  }
  return enterpriseGate(action, org.plan, `${principal.username} is an org ${role} of ${org.name}`);
}

function decideOnTeam(principal: SignedIn, action: Action, team: TeamResource): Decision {
  if (principal.kind === "service_account") return serviceAccountOnTeam(principal, action, team);
  const name = principal.username;
  const teamRole = teamRoleIn(principal, team.id, team.orgId);
  const orgRole = orgRoleIn(principal, team.orgId);
  if (teamRoleHas(teamRole, action)) {
    return enterpriseGate(action, team.orgPlan, `${name} is a team ${teamRole} of ${team.name}`);
  }
  if (orgRoleHas(orgRole, action)) {
    return enterpriseGate(
      action,
      team.orgPlan,
      `${name} is an org ${orgRole} of ${team.name}'s organization`,
    );
  }
  const standing =
    teamRole !== undefined
      ? `${name} is a team ${teamRole} of ${team.name}`
      : orgRole !== undefined
        ? `${name} is an org ${orgRole} but not in ${team.name}`
        : `${name} is not in ${team.name}'s organization`;
  return deny(
    teamRefusalStatus(action, orgRole !== undefined),
    `only ${rolesThatMay(action)} may ${wording(action)}; ${standing}`,
  );
}

function teamRefusalStatus(action: Action, seesTeam: boolean): 403 | 404 {
  // SPEC section 4: logging to a project name the principal may not create answers 403.
  if (action === "project.create") return 403;
  // The team's Service Accounts tab does not exist for those who may not use it.
  if (action === "service_account.list_team" || action === "service_account.create_team_scoped") return 404;
  return seesTeam ? 403 : 404;
}

function serviceAccountOnTeam(sa: ServiceAccountPrincipal, action: Action, team: TeamResource): Decision {
  if (action === "team.read") {
    return sa.orgId === team.orgId
      ? allow(`service account ${sa.name} belongs to ${team.name}'s organization`)
      : deny(404, `service account ${sa.name} belongs to another organization`);
  }
  if (action === "project.create") {
    // SPEC section 4: a service account creates a project by logging to a new name where it may write.
    return writesTeamProjects(sa, team.orgId, team.id)
      ? allow(
          `service account ${sa.name} writes ${team.name}'s projects, so logging to a new name creates one`,
        )
      : deny(
          403,
          `service account ${sa.name} may not write ${team.name}'s projects, so it cannot create one there`,
        );
  }
  return refuseServiceAccount(sa, action, team.orgId);
}

function decideOnProjectSettings(principal: SignedIn, action: Action, project: ProjectResource): Decision {
  const readable = projectAccess(principal, project).read;
  const refuse = (reason: string) => deny(readable ? 403 : 404, reason);
  if (principal.kind === "service_account") {
    return refuse(
      `service account ${principal.name} cannot ${wording(action)}: service accounts never administer`,
    );
  }
  const name = principal.username;
  const teamRole = teamRoleIn(principal, project.teamId, project.orgId);
  const orgRole = orgRoleIn(principal, project.orgId);
  if (teamRoleHas(teamRole, action)) return allow(`${name} is a team ${teamRole} of ${project.teamName}`);
  if (orgRoleHas(orgRole, action)) return allow(`${name} is an org ${orgRole} of the project's organization`);
  // An owner who has left the organization keeps no say over the project.
  if (project.ownerId === principal.id && orgRole !== undefined) return allow(`${name} owns ${project.name}`);
  return refuse(
    `only ${rolesThatMay(action, "the project's owner")} may ${wording(action)}; ${name} is none of them`,
  );
}

/** Managing a service account, or its keys: its org's admins, and for a team SA its team's admins. */
function decideOnServiceAccount(principal: SignedIn, action: Action, sa: ServiceAccountResource): Decision {
  if (principal.kind === "service_account") return refuseServiceAccount(principal, action, sa.orgId);
  const name = principal.username;
  const orgRole = orgRoleIn(principal, sa.orgId);
  const teamRole = teamRoleIn(principal, sa.teamId, sa.orgId);
  const grant = orgRoleHas(orgRole, action)
    ? `${name} is an org ${orgRole} of service account ${sa.name}'s organization`
    : sa.scope === "team" && teamRoleHas(teamRole, action)
      ? `${name} is a team ${teamRole} of service account ${sa.name}'s team`
      : null;
  if (grant !== null) return sa.orgPlan === "free" ? deny(403, ENTERPRISE_FEATURE_REASON) : allow(grant);
  // Team admins see the org SAs whose default team is theirs listed in their tab, so a refusal is no secret.
  if (teamRoleHas(teamRole, "service_account.list_team")) {
    return deny(403, `service account ${sa.name} is org-scoped: only org admins manage it and its keys`);
  }
  return deny(
    404,
    `${name} cannot see service account ${sa.name}: only its team's admins and org admins can`,
  );
}

/** Personal API keys and profile settings: only the user themself, whatever their roles. */
function decideOnOwnThing(principal: SignedIn, action: Action, userId: string, what: string): Decision {
  if (principal.kind === "service_account") {
    return deny(404, `service account ${principal.name} cannot ${wording(action)}: ${what} belong to people`);
  }
  return principal.id === userId
    ? allow(`${principal.username} manages their own ${what}`)
    : deny(404, `only their owner manages ${what}, and ${principal.username} is not the owner`);
}

function refuseServiceAccount(sa: ServiceAccountPrincipal, action: Action, orgId: string): Decision {
  return sa.orgId === orgId
    ? deny(
        403,
        `service account ${sa.name} cannot ${wording(action)}: service accounts never administer; ask an admin`,
      )
    : deny(404, `service account ${sa.name} belongs to another organization`);
}

function enterpriseGate(action: Action, plan: Plan, reason: string): Decision {
  return needsEnterprise(action) && plan === "free" ? deny(403, ENTERPRISE_FEATURE_REASON) : allow(reason);
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers.

function orgRoleIn(user: UserPrincipal, orgId: string): OrgRole | undefined {
  return Object.hasOwn(user.orgRoles, orgId) ? user.orgRoles[orgId] : undefined;
}

/** A team role counts only while its holder is still in the team's org: a stale membership grants nothing. */
function teamRoleIn(user: UserPrincipal, teamId: string, orgId: string): TeamRole | undefined {
  if (orgRoleIn(user, orgId) === undefined) return undefined;
  return Object.hasOwn(user.teamRoles, teamId) ? user.teamRoles[teamId] : undefined;
}

/** "org admins", "team admins and org admins": read from the tables, so reasons follow them. */
function rolesThatMay(action: Action, ...others: string[]): string {
  const teamRoles = (Object.keys(TEAM_ROLE_PERMISSIONS) as TeamRole[]).filter((role) =>
    teamRoleHas(role, action),
  );
  const orgRoles = (Object.keys(ORG_ROLE_PERMISSIONS) as OrgRole[]).filter((role) =>
    orgRoleHas(role, action),
  );
  const names = [
    ...teamRoles.map((role) => `team ${role}s`),
    ...orgRoles.map((role) => `org ${role}s`),
    ...others,
  ];
  if (names.length === 0) return "no one";
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function wording(action: Action): string {
  return ACTION_DESCRIPTIONS[action];
}

function nameOf(principal: SignedIn): string {
  return principal.kind === "user" ? principal.username : `service account ${principal.name}`;
}

function allow(reason: string): Decision {
  return { allowed: true, reason };
}

function deny(status: 401 | 403 | 404, reason: string): Decision {
  return { allowed: false, reason, status };
}
