// What the matrix cannot show: the sentences people read, credentials used the wrong way, and odd input.
import { describe, expect, it } from "vitest";
import { can, canAll, ENTERPRISE_FEATURE_REASON } from "./policy";
import type { ProjectResource, ServiceAccountPrincipal, UserPrincipal, Visibility } from "./types";

const ciBot: ServiceAccountPrincipal = {
  kind: "service_account",
  id: "sa_ci",
  name: "ci-bot",
  orgId: "org_acme",
  orgPlan: "enterprise",
  scope: "team",
  teamId: "team_ml",
  teamName: "ml-platform",
  authMethod: "api_key",
  status: "active",
  credential: { kind: "api_key", keyId: "stw_sa-AbC", state: "active" },
};

const tom: UserPrincipal = {
  kind: "user",
  id: "user_tom",
  username: "tom",
  orgRoles: { org_acme: "member" },
  teamRoles: { team_ml: "admin" },
  credential: { kind: "session" },
};

function projectOf(teamId: string, teamName: string, visibility: Visibility): ProjectResource {
  return {
    type: "project",
    id: "proj_1",
    name: "churn-model",
    teamId,
    teamName,
    orgId: "org_acme",
    visibility,
    ownerId: null,
    restrictedMembers: { userIds: [], serviceAccountIds: [] },
  };
}

describe("reasons name the principal and the rule", () => {
  it("explains dead credentials", () => {
    const revoked = {
      ...ciBot,
      credential: { kind: "api_key", keyId: "stw_sa-AbC", state: "revoked" },
    } as const;
    expect(can(revoked, "project.read", projectOf("team_ml", "ml-platform", "open"))).toEqual({
      allowed: false,
      status: 401,
      reason: "the API key stw_sa-AbC… has been revoked; use an active key",
    });
    const deactivated = { ...ciBot, status: "deactivated" } as const;
    expect(can(deactivated, "project.read", projectOf("team_ml", "ml-platform", "open")).reason).toBe(
      "service account ci-bot is deactivated",
    );
    const free = { ...ciBot, orgPlan: "free" } as const;
    expect(can(free, "project.read", projectOf("team_ml", "ml-platform", "open")).reason).toBe(
      ENTERPRISE_FEATURE_REASON,
    );
  });

  it("explains data access, allowed or not", () => {
    expect(can(ciBot, "project.read", projectOf("team_ml", "ml-platform", "restricted")).reason).toBe(
      "restricted project: service account ci-bot is not listed as a member",
    );
    expect(can(ciBot, "project.write", projectOf("team_research", "research", "public"))).toEqual({
      allowed: false,
      status: 403,
      reason:
        "public project of another team: readable by any signed-in principal, writable only by its team",
    });
    expect(can(tom, "project.write", projectOf("team_ml", "ml-platform", "team")).reason).toMatch(
      /^tom is a team admin of ml-platform/,
    );
    const orgBot = { ...ciBot, scope: "org" } as const;
    expect(can(orgBot, "project.write", projectOf("team_research", "research", "team")).reason).toMatch(
      /^org-scoped service account ci-bot .*reads and writes every non-restricted project of its organization/,
    );
  });

  it("explains administrative refusals with who may", () => {
    const team = {
      type: "team",
      id: "team_ml",
      name: "ml-platform",
      orgId: "org_acme",
      orgPlan: "enterprise",
    } as const;
    expect(can(tom, "team.update_settings", team)).toEqual({
      allowed: false,
      status: 403,
      reason: "only org admins may change the team's settings; tom is a team admin of ml-platform",
    });
    expect(can(tom, "team.manage_members", team).reason).toBe("tom is a team admin of ml-platform");
    expect(can(ciBot, "team.manage_members", team).reason).toMatch(/service accounts never administer/);
  });
});

describe("credentials used the wrong way answer 401", () => {
  const open = projectOf("team_ml", "ml-platform", "open");
  it.each([
    ["a service account with a browser session", { ...ciBot, credential: { kind: "session" } }],
    [
      "a federated service account with an API key",
      { ...ciBot, authMethod: "federated", credential: { kind: "api_key", keyId: "k", state: "active" } },
    ],
    [
      "a built-in service account with an access token",
      { ...ciBot, credential: { kind: "access_token", tokenId: "t", state: "active" } },
    ],
    [
      "a user with an access token",
      { ...tom, credential: { kind: "access_token", tokenId: "t", state: "active" } },
    ],
  ] as const)("%s", (_name, principal) => {
    expect(can(principal, "project.read", open)).toMatchObject({ allowed: false, status: 401 });
  });
});

describe("odd input is denied, never a crash", () => {
  it("denies an action asked about the wrong kind of resource", () => {
    const team = {
      type: "team",
      id: "team_ml",
      name: "ml-platform",
      orgId: "org_acme",
      orgPlan: "enterprise",
    } as const;
    expect(can(tom, "project.write", team)).toMatchObject({ allowed: false, status: 404 });
  });

  it("treats ids that look like object keys as unknown", () => {
    for (const id of ["constructor", "__proto__", "toString"]) {
      const org = { type: "organization", id, slug: "x", plan: "enterprise" } as const;
      expect(can(tom, "organization.manage_members", org)).toMatchObject({ allowed: false, status: 404 });
      expect(can(tom, "project.read", { ...projectOf(id, "x", "team"), orgId: id })).toMatchObject({
        allowed: false,
        status: 404,
      });
    }
  });
});

describe("canAll", () => {
  it("answers exactly the actions asked for", () => {
    const project = projectOf("team_ml", "ml-platform", "restricted");
    expect(canAll(tom, project, ["project.read", "project.update_visibility"])).toEqual({
      "project.read": false,
      "project.update_visibility": true,
    });
  });
});
