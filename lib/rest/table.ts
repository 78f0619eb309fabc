// The REST API's route table: every endpoint under /api/v1, in the order the document lists them.
// The route files serve these definitions and the OpenAPI document is generated from them;
// lib/rest/routes.test.ts fails when a route file and this table disagree.
import type { Endpoint } from "./endpoint";
import { listAuditEventsEndpoint } from "./endpoints/audit";
import {
  createServiceAccountKeyEndpoint,
  listServiceAccountKeysEndpoint,
  revokeKeyEndpoint,
} from "./endpoints/keys";
import { openApiEndpoint, whoamiEndpoint } from "./endpoints/meta";
import { deleteProjectMemberEndpoint, putProjectMemberEndpoint } from "./endpoints/project-members";
import {
  createOrgServiceAccountEndpoint,
  createTeamServiceAccountEndpoint,
  deactivateServiceAccountEndpoint,
  deleteServiceAccountEndpoint,
  getServiceAccountEndpoint,
  listOrgServiceAccountsEndpoint,
  listTeamServiceAccountsEndpoint,
  reactivateServiceAccountEndpoint,
  updateServiceAccountEndpoint,
} from "./endpoints/service-accounts";
import { listProjectsEndpoint, listTeamsEndpoint } from "./endpoints/teams";

export const ENDPOINTS: readonly Endpoint[] = [
  listOrgServiceAccountsEndpoint,
  createOrgServiceAccountEndpoint,
  listTeamServiceAccountsEndpoint,
  createTeamServiceAccountEndpoint,
  getServiceAccountEndpoint,
  updateServiceAccountEndpoint,
  deleteServiceAccountEndpoint,
  deactivateServiceAccountEndpoint,
  reactivateServiceAccountEndpoint,
  listServiceAccountKeysEndpoint,
  createServiceAccountKeyEndpoint,
  revokeKeyEndpoint,
  listTeamsEndpoint,
  listProjectsEndpoint,
  putProjectMemberEndpoint,
  deleteProjectMemberEndpoint,
  listAuditEventsEndpoint,
  whoamiEndpoint,
  openApiEndpoint,
] as unknown as readonly Endpoint[];
