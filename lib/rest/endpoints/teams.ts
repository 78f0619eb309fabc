// /api/v1 teams of an organization and projects of a team, as the caller may see them.
import { z } from "zod";
import { getOrganization } from "@/lib/orgs/service";
import { listProjects } from "@/lib/projects/service";
import { getTeam, listTeams } from "@/lib/teams/service";
import { projectDto } from "../dto";
import { defineEndpoint } from "../endpoint";
import { pageQuerySchema, slicePage } from "../pagination";
import { orgParam, teamParam } from "../params";
import { projectPageSchema, teamPageSchema } from "../schemas";
import { orgBySlug, orgOfTeam } from "../scope";

export const listTeamsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/orgs/{org}/teams",
  operationId: "listTeams",
  tag: "Teams and projects",
  summary: "List the organization's teams",
  description: "Ordered by name, with member and project counts.",
  access: "Members of the organization (any role) and its service accounts.",
  params: z.object({ org: orgParam }),
  query: pageQuerySchema,
  response: { status: 200, schema: teamPageSchema, description: "A page of teams." },
  problems: [404],
  scope: ({ org }, ctx) => orgBySlug(ctx, org),
  handle: async ({ params, query, ctx }) => {
    const org = await getOrganization(ctx, params.org);
    return slicePage(await listTeams(ctx, org), query);
  },
});

export const listProjectsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/teams/{team}/projects",
  operationId: "listProjects",
  tag: "Teams and projects",
  summary: "List the team's projects the caller may read",
  description: "Ordered by name. Projects the caller may not read are left out.",
  access: "Members of the team's organization and its service accounts; each project by its visibility.",
  params: z.object({ team: teamParam }),
  query: pageQuerySchema,
  response: { status: 200, schema: projectPageSchema, description: "A page of projects." },
  problems: [404],
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: async ({ params, query, ctx }) => {
    const team = await getTeam(ctx, params.team);
    return slicePage((await listProjects(ctx, team)).map(projectDto), query);
  },
});
