// The organization's service accounts: list and create (definitions and docs: @/lib/rest/endpoints/service-accounts).
import { restHandler } from "@/lib/rest/endpoint";
import {
  createOrgServiceAccountEndpoint,
  listOrgServiceAccountsEndpoint,
} from "@/lib/rest/endpoints/service-accounts";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(listOrgServiceAccountsEndpoint));
export const POST = route(restHandler(createOrgServiceAccountEndpoint));
