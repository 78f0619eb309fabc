// A service account's API keys: list and create (definitions and docs: @/lib/rest/endpoints/keys).
import { restHandler } from "@/lib/rest/endpoint";
import { createServiceAccountKeyEndpoint, listServiceAccountKeysEndpoint } from "@/lib/rest/endpoints/keys";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(listServiceAccountKeysEndpoint));
export const POST = route(restHandler(createServiceAccountKeyEndpoint));
