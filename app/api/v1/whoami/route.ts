// Who a key authenticates as: for engineers checking a key they just stored (definitions and docs: @/lib/rest/endpoints/meta).
import { restHandler } from "@/lib/rest/endpoint";
import { whoamiEndpoint } from "@/lib/rest/endpoints/meta";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(whoamiEndpoint));
