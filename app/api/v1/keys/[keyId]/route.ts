// Revoke an API key by its key ID (definitions and docs: @/lib/rest/endpoints/keys).
import { restHandler } from "@/lib/rest/endpoint";
import { revokeKeyEndpoint } from "@/lib/rest/endpoints/keys";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const DELETE = route(restHandler(revokeKeyEndpoint));
