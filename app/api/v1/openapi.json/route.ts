// The OpenAPI 3.1 document of /api/v1, generated from the route table (definitions and docs: @/lib/rest/endpoints/meta).
import { restHandler } from "@/lib/rest/endpoint";
import { openApiEndpoint } from "@/lib/rest/endpoints/meta";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(openApiEndpoint));
