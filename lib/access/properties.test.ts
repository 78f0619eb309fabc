// Invariants of the access policy over random principals and resources: what must hold whatever the roles,
// listings and credentials, as a net under the hand-written matrix.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_RESOURCE_TYPE, ALL_ACTIONS, ENTERPRISE_ACTIONS } from "./permissions";
import { can, canAll } from "./policy";
import type {
  Action,
  ApiKeyResource,
  Credential,
  OrgRole,
  Plan,
  Principal,
  ProjectResource,
  Resource,
  ServiceAccountPrincipal,
  ServiceAccountResource,
  TeamRole,
  UserPrincipal,
} from "./types";

// A small world, so random cases often hit the same org, team, listing and owner.
const ORGS = ["org_1", "org_2"] as const;
const TEAMS = [
  { id: "team_1", name: "alpha", orgId: "org_1" },
  { id: "team_2", name: "beta", orgId: "org_1" },
  { id: "team_3", name: "gamma", orgId: "org_2" },
] as const;
const USERS = ["user_1", "user_2"] as const;
const SERVICE_ACCOUNTS = ["sa_1", "sa_2"] as const;
const ROLES = ["admin", "member", "viewer"] as const;
const RUNS = { numRuns: 2000 };

const plan = fc.constantFrom<Plan>("free", "enterprise");
const team = fc.constantFrom(...TEAMS);
const state = fc.constantFrom("active" as const, "active" as const, "revoked" as const, "expired" as const);

const credential: fc.Arbitrary<Credential> = fc.oneof(
  fc.constant({ kind: "session" as const }),
  state.map((s) => ({ kind: "api_key" as const, keyId: "stw_x-Ab1", state: s })),
  state.map((s) => ({ kind: "access_token" as const, tokenId: "tok_1", state: s })),
);

function roleMap<R extends string>(keys: readonly string[], role: fc.Arbitrary<R>) {
  return fc
    .tuple(...keys.map(() => fc.option(role, { nil: undefined })))
    .map((roles) => Object.fromEntries(keys.flatMap((key, i) => (roles[i] ? [[key, roles[i]]] : []))));
}

const user: fc.Arbitrary<UserPrincipal> = fc.record({
  kind: fc.constant("user" as const),
  id: fc.constantFrom(...USERS),
  username: fc.constantFrom("tom", "ann"),
  orgRoles: roleMap<OrgRole>(ORGS, fc.constantFrom(...ROLES)),
  teamRoles: roleMap<TeamRole>(
    TEAMS.map((t) => t.id),
    fc.constantFrom(...ROLES),
  ),
  credential,
});

const serviceAccount: fc.Arbitrary<ServiceAccountPrincipal> = fc
  .record({
    id: fc.constantFrom(...SERVICE_ACCOUNTS),
    team,
    orgPlan: plan,
    scope: fc.constantFrom("org" as const, "team" as const),
    authMethod: fc.constantFrom("api_key" as const, "federated" as const),
    status: fc.constantFrom("active" as const, "active" as const, "deactivated" as const, "deleted" as const),
    credential,
  })
  .map(({ team: home, ...sa }) => ({
    kind: "service_account" as const,
    name: sa.id.replace("_", "-"),
    orgId: home.orgId,
    teamId: home.id,
    teamName: home.name,
    ...sa,
  }));

const principal: fc.Arbitrary<Principal> = fc.oneof(
  fc.constant({ kind: "anonymous" as const }),
  user,
  serviceAccount,
);

const project: fc.Arbitrary<ProjectResource> = fc
  .record({
    team,
    visibility: fc.constantFrom("open" as const, "public" as const, "team" as const, "restricted" as const),
    ownerId: fc.option(fc.constantFrom(...USERS), { nil: null }),
    userIds: fc.subarray([...USERS]),
    serviceAccountIds: fc.subarray([...SERVICE_ACCOUNTS]),
  })
  .map(({ team: home, userIds, serviceAccountIds, ...rest }) => ({
    type: "project" as const,
    id: "proj_1",
    name: "churn",
    teamId: home.id,
    teamName: home.name,
    orgId: home.orgId,
    restrictedMembers: { userIds, serviceAccountIds },
    ...rest,
  }));

const serviceAccountResource: fc.Arbitrary<ServiceAccountResource> = fc
  .record({
    id: fc.constantFrom(...SERVICE_ACCOUNTS),
    team,
    orgPlan: plan,
    scope: fc.constantFrom("org", "team"),
  })
  .map(({ team: home, ...sa }) => ({
    type: "service_account" as const,
    name: sa.id,
    orgId: home.orgId,
    teamId: home.id,
    ...sa,
    scope: sa.scope as "org" | "team",
  }));

const apiKey: fc.Arbitrary<ApiKeyResource> = fc.oneof(
  fc
    .constantFrom(...USERS)
    .map((ownerId) => ({ type: "api_key" as const, ownerKind: "user" as const, ownerId })),
  serviceAccountResource.map((sa) => ({
    type: "api_key" as const,
    ownerKind: "service_account" as const,
    serviceAccount: sa,
  })),
);

const RESOURCES: Record<Resource["type"], fc.Arbitrary<Resource>> = {
  organization: fc.record({
    type: fc.constant("organization" as const),
    id: fc.constantFrom(...ORGS),
    slug: fc.constant("acme"),
    plan,
  }),
  team: fc.tuple(team, plan).map(([t, orgPlan]) => ({ type: "team" as const, ...t, orgPlan })),
  project,
  service_account: serviceAccountResource,
  api_key: apiKey,
  jwt_issuer: fc.record({
    type: fc.constant("jwt_issuer" as const),
    orgId: fc.constantFrom(...ORGS),
    orgPlan: plan,
  }),
  user: fc.record({ type: fc.constant("user" as const), id: fc.constantFrom(...USERS) }),
};

/** An action with a resource of the kind it applies to. */
const request = fc
  .constantFrom(...ALL_ACTIONS)
  .chain((action) => RESOURCES[ACTION_RESOURCE_TYPE[action]].map((resource) => ({ action, resource })));

const READS: readonly Action[] = ["project.read", "organization.read", "team.read"];

/** Administration proper: changing or seeing what only admins change or see (SPEC section 2). */
function isAdministrative(action: Action, resource: Resource): boolean {
  if (action === "api_key.create" || action === "api_key.revoke") {
    return resource.type === "api_key" && resource.ownerKind === "service_account";
  }
  return ![
    "organization.read",
    "team.read",
    "project.create",
    "project.read",
    "project.write",
    "user.manage_own",
  ].includes(action);
}

function resourceOrgId(resource: Resource): string | null {
  switch (resource.type) {
    case "organization":
      return resource.id;
    case "team":
    case "project":
    case "service_account":
    case "jwt_issuer":
      return resource.orgId;
    case "api_key":
      return resource.ownerKind === "service_account" ? resource.serviceAccount.orgId : null;
    case "user":
      return null;
  }
}

function hasDeadCredential(p: Principal): boolean {
  if (p.kind === "anonymous") return false;
  if (p.kind === "service_account" && p.status !== "active") return true;
  return p.credential.kind !== "session" && p.credential.state !== "active";
}

/** The role deciding for a user where the project lives: the role in its team, else the role in its org. */
function roleWhereProjectLives(u: UserPrincipal, p: ProjectResource): OrgRole | TeamRole | undefined {
  const orgRole = Object.hasOwn(u.orgRoles, p.orgId) ? u.orgRoles[p.orgId] : undefined;
  if (orgRole === undefined) return undefined;
  return Object.hasOwn(u.teamRoles, p.teamId) ? u.teamRoles[p.teamId] : orgRole;
}

describe("access policy invariants", () => {
  it("always decides, with a reason, and refuses only with 401, 403 or 404", () => {
    fc.assert(
      fc.property(principal, request, (who, { action, resource }) => {
        const decision = can(who, action, resource);
        expect(decision.reason.length).toBeGreaterThan(10);
        if (!decision.allowed) expect([401, 403, 404]).toContain(decision.status);
      }),
      RUNS,
    );
  });

  it("lets nothing from another org write a public, team or restricted project, or see a team/restricted one", () => {
    fc.assert(
      fc.property(principal, project, (who, p) => {
        const outsider =
          who.kind === "anonymous" ||
          (who.kind === "user" && !Object.hasOwn(who.orgRoles, p.orgId)) ||
          (who.kind === "service_account" && who.orgId !== p.orgId);
        if (!outsider) return;
        if (p.visibility !== "open") expect(can(who, "project.write", p).allowed).toBe(false);
        if (p.visibility === "team" || p.visibility === "restricted") {
          expect(can(who, "project.read", p).allowed).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("gives restricted data only to listed principals", () => {
    fc.assert(
      fc.property(principal, project, (who, p) => {
        if (p.visibility !== "restricted") return;
        const listed =
          (who.kind === "user" && p.restrictedMembers.userIds.includes(who.id)) ||
          (who.kind === "service_account" && p.restrictedMembers.serviceAccountIds.includes(who.id));
        if (listed) return;
        expect(can(who, "project.read", p).allowed).toBe(false);
        expect(can(who, "project.write", p).allowed).toBe(false);
      }),
      RUNS,
    );
  });

  it("lets a deactivated or deleted SA, or a revoked or expired key or token, do nothing (401)", () => {
    fc.assert(
      fc.property(principal, request, (who, { action, resource }) => {
        if (!hasDeadCredential(who)) return;
        expect(can(who, action, resource)).toMatchObject({ allowed: false, status: 401 });
      }),
      RUNS,
    );
  });

  it("lets a service account of a free-plan org do nothing (401)", () => {
    fc.assert(
      fc.property(serviceAccount, request, (sa, { action, resource }) => {
        if (sa.orgPlan !== "free") return;
        expect(can(sa, action, resource)).toMatchObject({ allowed: false, status: 401 });
      }),
      RUNS,
    );
  });

  it("never gives a personal API key more than its owner's session", () => {
    fc.assert(
      fc.property(user, request, (u, { action, resource }) => {
        const viaKey = can(
          { ...u, credential: { kind: "api_key", keyId: "stw_u-Ab1", state: "active" } },
          action,
          resource,
        );
        const viaSession = can({ ...u, credential: { kind: "session" } }, action, resource);
        if (viaKey.allowed) expect(viaSession.allowed).toBe(true);
      }),
      RUNS,
    );
  });

  it("never lets a viewer write", () => {
    fc.assert(
      fc.property(user, project, (u, p) => {
        if (roleWhereProjectLives(u, p) !== "viewer") return;
        expect(can(u, "project.write", p).allowed).toBe(false);
      }),
      RUNS,
    );
  });

  it("lets only admins administer, and service accounts never", () => {
    fc.assert(
      fc.property(principal, request, (who, { action, resource }) => {
        if (!isAdministrative(action, resource) || !can(who, action, resource).allowed) return;
        expect(who.kind).toBe("user");
        if (who.kind !== "user") return;
        const roles = [...Object.values(who.orgRoles), ...Object.values(who.teamRoles)];
        const ownsProject = resource.type === "project" && resource.ownerId === who.id;
        expect(roles.includes("admin") || ownsProject).toBe(true);
      }),
      RUNS,
    );
  });

  it("answers an anonymous write, and any anonymous administration, with 401", () => {
    fc.assert(
      fc.property(request, ({ action, resource }) => {
        if (action === "project.read") return;
        expect(can({ kind: "anonymous" }, action, resource)).toMatchObject({ allowed: false, status: 401 });
      }),
      RUNS,
    );
  });

  it("never answers a denied read with 403", () => {
    fc.assert(
      fc.property(principal, request, (who, { action, resource }) => {
        if (!READS.includes(action)) return;
        const decision = can(who, action, resource);
        if (!decision.allowed) expect(decision.status).not.toBe(403);
      }),
      RUNS,
    );
  });

  it("lets whoever writes a project also read it", () => {
    fc.assert(
      fc.property(principal, project, (who, p) => {
        if (can(who, "project.write", p).allowed) expect(can(who, "project.read", p).allowed).toBe(true);
      }),
      RUNS,
    );
  });

  it("answers a user outside an org 'not found' for that org's objects", () => {
    fc.assert(
      fc.property(user, request, (u, { action, resource }) => {
        const orgId = resourceOrgId(resource);
        if (orgId === null || Object.hasOwn(u.orgRoles, orgId) || hasDeadCredential(u)) return;
        if (
          u.credential.kind === "access_token" ||
          resource.type === "project" ||
          action === "project.create"
        )
          return;
        expect(can(u, action, resource)).toMatchObject({ allowed: false, status: 404 });
      }),
      RUNS,
    );
  });

  it("never grants an enterprise feature on a free plan", () => {
    fc.assert(
      fc.property(principal, request, (who, { action, resource }) => {
        const onFreePlan =
          (resource.type === "organization" && resource.plan === "free") ||
          ((resource.type === "team" ||
            resource.type === "service_account" ||
            resource.type === "jwt_issuer") &&
            resource.orgPlan === "free") ||
          (resource.type === "api_key" &&
            resource.ownerKind === "service_account" &&
            resource.serviceAccount.orgPlan === "free");
        const enterprise =
          ENTERPRISE_ACTIONS.includes(action) ||
          (resource.type === "api_key" && resource.ownerKind === "service_account");
        if (onFreePlan && enterprise) expect(can(who, action, resource).allowed).toBe(false);
      }),
      RUNS,
    );
  });

  it("canAll agrees with can", () => {
    fc.assert(
      fc.property(principal, RESOURCES.project, (who, resource) => {
        const actions = ALL_ACTIONS.filter((action) => ACTION_RESOURCE_TYPE[action] === "project");
        const shown = canAll(who, resource, actions);
        for (const action of actions) expect(shown[action]).toBe(can(who, action, resource).allowed);
      }),
      RUNS,
    );
  });
});
