// /api/v1 members of a restricted project: list a user or a service account on it (PUT, idempotent)
// or take them off (DELETE). lib/projects decides who may, and who can be listed.
import { z } from "zod";
import { Conflict } from "@/lib/errors";
import {
  addProjectMember,
  addProjectServiceAccount,
  removeProjectMember,
  removeProjectServiceAccount,
} from "@/lib/projects/service";
import { defineEndpoint } from "../endpoint";
import { projectParam, teamParam } from "../params";
import { projectMemberSchema } from "../schemas";
import { orgOfTeam } from "../scope";

const memberParams = z.object({
  team: teamParam,
  project: projectParam,
  kind: z
    .enum(["users", "service-accounts"], { error: "kind must be users or service-accounts." })
    .describe("`users` or `service-accounts`."),
  name: z
    .string()
    .min(1)
    .max(200)
    // Some proxies hand an encoded slash through undecoded; names never contain '%'.
    .transform((name) => name.replace(/%2f/gi, "/"))
    .describe("A username or email, or a service account as `<team>/<name>` (the slash encoded as %2F)."),
});

const ACCESS = "Team admins and org admins; the project's owner.";

export const putProjectMemberEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/v1/teams/{team}/projects/{project}/members/{kind}/{name}",
  operationId: "putProjectMember",
  tag: "Teams and projects",
  summary: "List a user or service account on a restricted project",
  description:
    "Idempotent: listing someone already listed answers the same. Users must be in the project's " +
    "team (or org admins); service accounts must be the team's own or org-scoped ones of its org.",
  access: ACCESS,
  params: memberParams,
  response: { status: 200, schema: projectMemberSchema, description: "The listing." },
  problems: [403, 404],
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: async ({ params, ctx }) => {
    const add =
      params.kind === "users"
        ? () => addProjectMember(ctx, params.team, params.project, params.name)
        : () => addProjectServiceAccount(ctx, params.team, params.project, params.name);
    const added = await add().then(
      (r) => ("username" in r ? r.username : r.serviceAccount),
      (err: unknown) => {
        // Raised only after the caller was allowed: already listed is the outcome PUT asks for.
        if (err instanceof Conflict) return params.kind === "users" ? null : params.name;
        throw err;
      },
    );
    return { kind: params.kind, name: added ?? params.name, project: `${params.team}/${params.project}` };
  },
});

export const deleteProjectMemberEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/teams/{team}/projects/{project}/members/{kind}/{name}",
  operationId: "deleteProjectMember",
  tag: "Teams and projects",
  summary: "Take a user or service account off a restricted project",
  access: ACCESS,
  params: memberParams,
  response: { status: 204, description: "No longer listed." },
  problems: [403, 404],
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: async ({ params, ctx }) => {
    if (params.kind === "users") await removeProjectMember(ctx, params.team, params.project, params.name);
    else await removeProjectServiceAccount(ctx, params.team, params.project, params.name);
    return undefined;
  },
});
