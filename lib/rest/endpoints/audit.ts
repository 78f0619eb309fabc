// /api/v1 audit log of an organization (or one of its teams), newest first, keyset-paginated by
// lib/audit/query.ts, which also decides who may read it.
import { z } from "zod";
import { listAuditEvents } from "@/lib/audit/query";
import { NotFound } from "@/lib/errors";
import { getOrganization } from "@/lib/orgs/service";
import { findTeam } from "@/lib/teams/service";
import { defineEndpoint } from "../endpoint";
import { pageQuerySchema } from "../pagination";
import { orgParam } from "../params";
import { auditEventPageSchema } from "../schemas";
import { orgBySlug } from "../scope";

const text = (max: number, description: string) =>
  z.string().trim().min(1).max(max).optional().describe(description);
const moment = (description: string) =>
  z.iso
    .datetime({ offset: true, error: "Use an ISO 8601 date-time such as 2026-11-30T14:05:00Z." })
    .optional()
    .describe(description);

export const listAuditEventsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/orgs/{org}/audit-events",
  operationId: "listAuditEvents",
  tag: "Audit log",
  summary: "Read the organization's audit log",
  description: "Newest first. Filters combine; `nextCursor` walks to older events.",
  access: "Org admins; team admins with `team` set to their team.",
  params: z.object({ org: orgParam }),
  query: pageQuerySchema.extend({
    action: text(100, "An exact action name, e.g. `team:create_service_account`."),
    actor: text(200, "A username, a service account (`name` or `team/name`), a key or token ID, or `cli`."),
    target: text(500, "A target's name or ID, or a key ID."),
    team: text(100, "Only this team's events."),
    since: moment("Events at or after this time."),
    until: moment("Events before this time."),
  }),
  response: { status: 200, schema: auditEventPageSchema, description: "A page of events." },
  problems: [403, 404],
  scope: ({ org }, ctx) => orgBySlug(ctx, org),
  handle: async ({ params, query, ctx }) => {
    let teamId: string | undefined;
    if (query.team) {
      await getOrganization(ctx, params.org); // outsiders learn nothing about the org's teams
      const team = await findTeam(ctx.db, query.team);
      if (!team || team.orgSlug !== params.org) throw new NotFound(`No team ${query.team} in ${params.org}.`);
      teamId = team.id;
    }
    const { events, nextCursor } = await listAuditEvents(
      ctx,
      params.org,
      {
        action: query.action,
        actor: query.actor,
        target: query.target,
        teamId,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
      },
      { cursor: query.cursor, limit: query.limit },
    );
    return { items: events, nextCursor };
  },
});
