// A restricted project's listings: list or unlist a user or service account (definitions and docs: @/lib/rest/endpoints/project-members).
import { restHandler } from "@/lib/rest/endpoint";
import { deleteProjectMemberEndpoint, putProjectMemberEndpoint } from "@/lib/rest/endpoints/project-members";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const PUT = route(restHandler(putProjectMemberEndpoint));
export const DELETE = route(restHandler(deleteProjectMemberEndpoint));
