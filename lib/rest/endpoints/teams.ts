// /api/v1 teams of an organization and projects of a team, as the caller may see them.
import { z } from "zod";
import { getOrganization } from "@/lib/orgs/service";
import { listProjects } from "@/lib/projects/service";
import { getTeam, listTeams } from "@/lib/teams/service";
import { projectDto } from "../dto";
import { defineEndpoint } from "../endpoint";
import { decodeCursor, keyset, keysetPage, pageQuerySchema } from "../pagination";
import { orgParam, teamParam } from "../params";
import { projectPageSchema, teamPageSchema } from "../schemas";
import { orgBySlug, orgOfTeam } from "../scope";

// Team names are unique on the instance, project names within their team: the name is the position.
const nameKey = z.tuple([z.string().min(1).max(200)]);
const teamsByName = keyset("teams", nameKey);
const projectsByName = keyset("projects", nameKey);

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
    const after = decodeCursor(teamsByName, query.cursor)?.[0];
    const fetched = await listTeams(ctx, org, { after, limit: query.limit + 1 });
    return keysetPage(
      fetched,
      query.limit,
      teamsByName,
      (t) => [t.name] as const,
      (t) => t,
    );
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
    const after = decodeCursor(projectsByName, query.cursor)?.[0];
    const fetched = await listProjects(ctx, team, { after, limit: query.limit + 1 });
    return keysetPage(fetched, query.limit, projectsByName, (p) => [p.name] as const, projectDto);
  },
});
