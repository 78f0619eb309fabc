// The plain data the access policy decides on. No database, no Next.js: callers load these
// shapes (lib/auth, lib/api-keys, ...) and the policy stays a pure function of them.

export type OrgRole = "admin" | "member" | "viewer";
export type TeamRole = "admin" | "member" | "viewer";
export type Plan = "free" | "enterprise";
export type Visibility = "open" | "public" | "team" | "restricted";

/** How the principal proved who it is. A session is a signed-in browser. */
export type Credential =
  | { kind: "session" }
  | { kind: "api_key"; keyId: string; state: "active" | "revoked" | "expired" }
  | { kind: "access_token"; tokenId: string; state: "active" | "revoked" | "expired" };

export interface AnonymousPrincipal {
  kind: "anonymous";
}

export interface UserPrincipal {
  kind: "user";
  id: string;
  username: string;
  /** org id -> the user's role in that org (absent: not a member). */
  orgRoles: Readonly<Record<string, OrgRole>>;
  /** team id -> the user's role in that team (absent: not a member). */
  teamRoles: Readonly<Record<string, TeamRole>>;
  credential: Credential;
}

export interface ServiceAccountPrincipal {
  kind: "service_account";
  id: string;
  name: string;
  orgId: string;
  orgPlan: Plan;
  /** org-scoped (created by an org admin, has a default team) or team-scoped (has a parent team). */
  scope: "org" | "team";
  /** The default team (org scope) or the parent team (team scope). */
  teamId: string;
  teamName: string;
  authMethod: "api_key" | "federated";
  status: "active" | "deactivated" | "deleted";
  credential: Credential;
}

export type Principal = AnonymousPrincipal | UserPrincipal | ServiceAccountPrincipal;

export interface OrganizationResource {
  type: "organization";
  id: string;
  slug: string;
  plan: Plan;
}

export interface TeamResource {
  type: "team";
  id: string;
  name: string;
  orgId: string;
  orgPlan: Plan;
}

export interface ProjectResource {
  type: "project";
  id: string;
  name: string;
  teamId: string;
  teamName: string;
  orgId: string;
  visibility: Visibility;
  /** The owning user, if any (projects created by a service account have none). */
  ownerId: string | null;
  /** Listed members of a restricted project (ids). Ignored for other visibilities. */
  restrictedMembers: { userIds: readonly string[]; serviceAccountIds: readonly string[] };
}

export interface ServiceAccountResource {
  type: "service_account";
  id: string;
  name: string;
  orgId: string;
  orgPlan: Plan;
  scope: "org" | "team";
  /** Default team (org scope) or parent team (team scope). */
  teamId: string;
}

/** A key owned by a user (personal) or by a built-in service account. */
export type ApiKeyResource =
  | { type: "api_key"; ownerKind: "user"; ownerId: string }
  | { type: "api_key"; ownerKind: "service_account"; serviceAccount: ServiceAccountResource };

export interface JwtIssuerResource {
  type: "jwt_issuer";
  orgId: string;
  orgPlan: Plan;
}

/** The user whose own settings are at stake (profile, personal keys). */
export interface UserResource {
  type: "user";
  id: string;
}

export type Resource =
  | OrganizationResource
  | TeamResource
  | ProjectResource
  | ServiceAccountResource
  | ApiKeyResource
  | JwtIssuerResource
  | UserResource;

/**
 * `resource.action`. The resource each action applies to:
 * - organization.*: OrganizationResource
 * - team.*, project.create, service_account.create_team_scoped, service_account.list_team: TeamResource
 * - project.read / write / update_visibility / manage_members: ProjectResource
 * - service_account.manage: ServiceAccountResource (keys, deactivate, reactivate, delete, rename)
 * - api_key.create / api_key.revoke: ApiKeyResource
 * - jwt_issuer.manage: JwtIssuerResource
 * - user.manage_own: UserResource (profile, personal keys)
 */
export type Action =
  | "organization.read"
  | "organization.manage_members"
  | "organization.list_api_keys"
  | "organization.read_audit_log"
  | "team.create" // on OrganizationResource
  | "service_account.list_org" // on OrganizationResource: the org Service Accounts tab
  | "service_account.create_org_scoped" // on OrganizationResource
  | "team.read"
  | "team.manage_members"
  | "team.update_settings" // "Make all future projects private"
  | "team.read_audit_log" // the team settings' Audit log tab: the team's events only
  | "service_account.list_team" // on TeamResource: the team Service Accounts tab
  | "service_account.create_team_scoped" // on TeamResource
  | "project.create" // on TeamResource
  | "project.read"
  | "project.write"
  | "project.update_visibility"
  | "project.manage_members"
  | "service_account.manage"
  | "api_key.create"
  | "api_key.revoke"
  | "jwt_issuer.manage"
  | "user.manage_own";

/**
 * `status` says how an edge answers a refusal (SPEC section 3): 401 for bad credentials and
 * anonymous writes, 404 when the caller may not even see the object, 403 when it may see it
 * but not do this.
 */
export type Decision =
  | { allowed: true; reason: string }
  | { allowed: false; reason: string; status: 401 | 403 | 404 };
