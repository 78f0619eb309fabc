// The project every page under /<team>/<project> works on: access decided once per request, before
// any Suspense boundary, so a project the visitor may not read answers a real 404.
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getProjectForPages } from "@/lib/projects/service";
import { orNotFound, pageContext } from "@/lib/server/page";

/**
 * Anyone may try: anonymous visitors read open and public projects (SPEC section 3). Admins who
 * may only manage a restricted project's settings get the project with `canRead` false.
 */
export const loadProject = cache(async (team: string, project: string) => {
  const ctx = await pageContext();
  return { ctx, ...(await orNotFound(getProjectForPages(ctx, team, project))) };
});

/** This server's origin as the browser reached it, for WANDB_BASE_URL snippets. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}
