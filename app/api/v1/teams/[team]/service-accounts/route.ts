// The team's service accounts: list and create (definitions and docs: @/lib/rest/endpoints/service-accounts).
import { restHandler } from "@/lib/rest/endpoint";
import {
  createTeamServiceAccountEndpoint,
  listTeamServiceAccountsEndpoint,
} from "@/lib/rest/endpoints/service-accounts";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(listTeamServiceAccountsEndpoint));
export const POST = route(restHandler(createTeamServiceAccountEndpoint));
