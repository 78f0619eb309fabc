// The organization's audit log (definitions and docs: @/lib/rest/endpoints/audit).
import { restHandler } from "@/lib/rest/endpoint";
import { listAuditEventsEndpoint } from "@/lib/rest/endpoints/audit";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(restHandler(listAuditEventsEndpoint));
