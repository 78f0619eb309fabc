// The team's projects the caller may read (definitions and docs: @/lib/rest/endpoints/teams).
import { restHandler } from "@/lib/rest/endpoint";
import { listProjectsEndpoint } from "@/lib/rest/endpoints/teams";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(listProjectsEndpoint));
