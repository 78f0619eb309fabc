// Deactivate a service account (definitions and docs: @/lib/rest/endpoints/service-accounts).
import { restHandler } from "@/lib/rest/endpoint";
import { deactivateServiceAccountEndpoint } from "@/lib/rest/endpoints/service-accounts";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = route(restHandler(deactivateServiceAccountEndpoint));
