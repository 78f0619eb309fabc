// /api/v1 service accounts: the org's and the team's lists, creation, one account's life (rename,
// deactivate, reactivate, delete). Every call goes through lib/service-accounts, which authorizes.
import { z } from "zod";
import {
  createServiceAccount,
  deleteServiceAccount,
  getServiceAccount,
  type ListOptions,
  listOrgServiceAccounts,
  listTeamServiceAccounts,
  type ServiceAccountListItem,
  serviceAccountNameSchema,
  setServiceAccountStatus,
  updateServiceAccount,
} from "@/lib/service-accounts/service";
import { createdKeyDto, serviceAccountDto, withoutSecret } from "../dto";
import { defineEndpoint } from "../endpoint";
import { byNameKey, decodeCursor, keyset, keysetPage, pageQuerySchema } from "../pagination";
import { orgParam, serviceAccountParam, teamParam } from "../params";
import { createdServiceAccountSchema, serviceAccountPageSchema, serviceAccountSchema } from "../schemas";
import { orgBySlug, orgOfTeam } from "../scope";

const TAG = "Service accounts";

const listQuery = pageQuerySchema.extend({
  search: z.string().max(200).optional().describe("Only accounts whose name contains this text."),
});

const descriptionField = z.string().max(500, "Description must be at most 500 characters.");

const newServiceAccountFields = {
  name: serviceAccountNameSchema,
  description: descriptionField.optional(),
  withKey: z
    .boolean()
    .default(false)
    .describe("Also create a first API key named `default`; its secret is in this response only."),
};

const listItem = (sa: ServiceAccountListItem) => ({
  ...serviceAccountDto(sa),
  activeKeyCount: sa.activeKeyCount,
});

const accountsByName = keyset("service-accounts", byNameKey);

async function listPage(
  list: (opts: ListOptions) => Promise<ServiceAccountListItem[]>,
  query: z.output<typeof listQuery>,
) {
  const after = decodeCursor(accountsByName, query.cursor);
  const fetched = await list({
    search: query.search,
    limit: query.limit + 1,
    ...(after ? { after: { name: after[0], id: after[1] } } : {}),
  });
  return keysetPage(fetched, query.limit, accountsByName, (sa) => [sa.name, sa.id] as const, listItem);
}

const redactCreated = (body: z.input<typeof createdServiceAccountSchema>) => ({
  ...body,
  key: body.key ? withoutSecret(body.key) : null,
});

export const listOrgServiceAccountsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/orgs/{org}/service-accounts",
  operationId: "listOrgServiceAccounts",
  tag: TAG,
  summary: "List the organization's service accounts",
  description: "Every live service account of the organization, org- and team-scoped, ordered by name.",
  access: "Org admins.",
  params: z.object({ org: orgParam }),
  query: listQuery,
  response: { status: 200, schema: serviceAccountPageSchema, description: "A page of service accounts." },
  problems: [403, 404],
  scope: ({ org }, ctx) => orgBySlug(ctx, org),
  handle: ({ params, query, ctx }) =>
    listPage((opts) => listOrgServiceAccounts(ctx, params.org, opts), query),
});

export const createOrgServiceAccountEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/orgs/{org}/service-accounts",
  operationId: "createOrgServiceAccount",
  tag: TAG,
  summary: "Create an org-scoped service account",
  description:
    "An org-scoped service account writes to every non-restricted project of the organization; " +
    "requests that name no team go to its default team. Honours `Idempotency-Key`.",
  access: "Org admins, on the enterprise plan.",
  params: z.object({ org: orgParam }),
  body: z.object({
    ...newServiceAccountFields,
    defaultTeam: z.string().min(1, "Choose a default team.").describe("A team of the organization."),
  }),
  response: {
    status: 201,
    schema: createdServiceAccountSchema,
    description: "The service account (and its first key, when asked for).",
  },
  problems: [403, 404, 409, 422],
  idempotent: { redact: redactCreated },
  scope: ({ org }, ctx) => orgBySlug(ctx, org),
  handle: async ({ params, body, ctx }) => {
    const created = await createServiceAccount(ctx, { scope: "org", org: params.org, ...body });
    return {
      serviceAccount: serviceAccountDto(created.serviceAccount),
      key: created.key ? createdKeyDto(created.key) : null,
    };
  },
});

export const listTeamServiceAccountsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/teams/{team}/service-accounts",
  operationId: "listTeamServiceAccounts",
  tag: TAG,
  summary: "List the team's service accounts",
  description:
    "The team's own (team-scoped) service accounts and the org-scoped ones whose default team it is.",
  access: "Team admins and org admins.",
  params: z.object({ team: teamParam }),
  query: listQuery,
  response: { status: 200, schema: serviceAccountPageSchema, description: "A page of service accounts." },
  problems: [403, 404],
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: ({ params, query, ctx }) =>
    listPage((opts) => listTeamServiceAccounts(ctx, params.team, opts), query),
});

export const createTeamServiceAccountEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/teams/{team}/service-accounts",
  operationId: "createTeamServiceAccount",
  tag: TAG,
  summary: "Create a team-scoped service account",
  description: "It writes to its team's non-restricted projects. Honours `Idempotency-Key`.",
  access: "Team admins and org admins, on the enterprise plan.",
  params: z.object({ team: teamParam }),
  body: z.object(newServiceAccountFields),
  response: {
    status: 201,
    schema: createdServiceAccountSchema,
    description: "The service account (and its first key, when asked for).",
  },
  problems: [403, 404, 409, 422],
  idempotent: { redact: redactCreated },
  scope: ({ team }, ctx) => orgOfTeam(ctx, team),
  handle: async ({ params, body, ctx }) => {
    const created = await createServiceAccount(ctx, { scope: "team", team: params.team, ...body });
    return {
      serviceAccount: serviceAccountDto(created.serviceAccount),
      key: created.key ? createdKeyDto(created.key) : null,
    };
  },
});

const oneAccount = z.object({ team: teamParam, name: serviceAccountParam });
const accountScope = ({ team }: { team: string }, ctx: Parameters<typeof orgOfTeam>[0]) =>
  orgOfTeam(ctx, team);

export const getServiceAccountEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/teams/{team}/service-accounts/{name}",
  operationId: "getServiceAccount",
  tag: TAG,
  summary: "Get a service account",
  access: "Org admins; team admins for the team's own service accounts.",
  params: oneAccount,
  response: { status: 200, schema: serviceAccountSchema, description: "The service account." },
  problems: [403, 404],
  scope: accountScope,
  handle: async ({ params, ctx }) =>
    serviceAccountDto(await getServiceAccount(ctx, params.team, params.name)),
});

export const updateServiceAccountEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/teams/{team}/service-accounts/{name}",
  operationId: "updateServiceAccount",
  tag: TAG,
  summary: "Rename a service account or change its description",
  description: "Its keys keep working under the new name.",
  access: "Org admins; team admins for the team's own service accounts.",
  params: oneAccount,
  body: z
    .object({ name: serviceAccountNameSchema.optional(), description: descriptionField.optional() })
    .refine((b) => b.name !== undefined || b.description !== undefined, {
      message: "Send a new name, a new description, or both.",
    }),
  response: { status: 200, schema: serviceAccountSchema, description: "The updated service account." },
  problems: [403, 404, 409],
  scope: accountScope,
  handle: async ({ params, body, ctx }) =>
    serviceAccountDto(await updateServiceAccount(ctx, params.team, params.name, body)),
});

export const deleteServiceAccountEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/teams/{team}/service-accounts/{name}",
  operationId: "deleteServiceAccount",
  tag: TAG,
  summary: "Delete a service account",
  description:
    "Revokes its keys, removes it from restricted projects and frees its name. Its runs keep naming it.",
  access: "Org admins; team admins for the team's own service accounts.",
  params: oneAccount,
  response: { status: 204, description: "Deleted." },
  problems: [403, 404],
  scope: accountScope,
  handle: async ({ params, ctx }) => {
    await deleteServiceAccount(ctx, params.team, params.name);
    return undefined;
  },
});

function statusEndpoint(status: "deactivated" | "active") {
  const verb = status === "active" ? "reactivate" : "deactivate";
  return defineEndpoint({
    method: "POST",
    path: `/api/v1/teams/{team}/service-accounts/{name}/${verb}`,
    operationId: `${verb}ServiceAccount`,
    tag: TAG,
    summary: status === "active" ? "Reactivate a service account" : "Deactivate a service account",
    description:
      status === "active"
        ? "Its unrevoked keys work again. Reactivating an active account changes nothing."
        : "Its keys stop working on the next request until it is reactivated. Deactivating twice changes nothing.",
    access: "Org admins; team admins for the team's own service accounts.",
    params: oneAccount,
    response: { status: 200, schema: serviceAccountSchema, description: "The service account." },
    problems: [403, 404],
    scope: accountScope,
    handle: async ({ params, ctx }) =>
      serviceAccountDto(await setServiceAccountStatus(ctx, params.team, params.name, status)),
  });
}

export const deactivateServiceAccountEndpoint = statusEndpoint("deactivated");
export const reactivateServiceAccountEndpoint = statusEndpoint("active");
