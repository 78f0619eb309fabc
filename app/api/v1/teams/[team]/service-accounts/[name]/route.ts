// One service account: read, rename, delete (definitions and docs: @/lib/rest/endpoints/service-accounts).
import { restHandler } from "@/lib/rest/endpoint";
import {
  deleteServiceAccountEndpoint,
  getServiceAccountEndpoint,
  updateServiceAccountEndpoint,
} from "@/lib/rest/endpoints/service-accounts";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(getServiceAccountEndpoint));
export const PATCH = route(restHandler(updateServiceAccountEndpoint));
export const DELETE = route(restHandler(deleteServiceAccountEndpoint));
