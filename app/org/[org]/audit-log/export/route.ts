// The Audit log's "Export JSON Lines": every event matching the page's filters (and `teamId`, for
// a team's log), one JSON object a line, newest first, streamed page by page so an export of
// millions of events never sits in memory. The same policy as the pages: lib/audit decides.
import { parseAuditFilter } from "@/lib/audit/filter";
import { type AuditFilter, listAuditEvents, MAX_PAGE_SIZE } from "@/lib/audit/query";
import { getSessionActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/context";
import { getDb } from "@/lib/db/client";
import { jsonError, route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route<{ org: string }>(async (req, { params }) => {
  const { org } = await params;
  const url = new URL(req.url);
  const parsed = parseAuditFilter(url.searchParams);
  if (!parsed.ok) return jsonError(400, "Check the filters.", { fieldErrors: parsed.errors });
  const teamId = url.searchParams.get("teamId") || undefined;
  const filter: AuditFilter = teamId ? { ...parsed.filter, teamId } : parsed.filter;
  const ctx: Ctx = { db: await getDb(), actor: await getSessionActor() };
  // The first page is read before answering, so a refusal is a 401/403/404, not a broken download.
  const first = await listAuditEvents(ctx, org, filter, { limit: MAX_PAGE_SIZE });
  const encoder = new TextEncoder();
  const lines = (events: unknown[]) => encoder.encode(events.map((e) => `${JSON.stringify(e)}\n`).join(""));
  let next = first.nextCursor;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.events.length) controller.enqueue(lines(first.events));
      if (!next) controller.close();
    },
    async pull(controller) {
      if (!next) return;
      try {
        const page = await listAuditEvents(ctx, org, filter, { cursor: next, limit: MAX_PAGE_SIZE });
        next = page.nextCursor;
        if (page.events.length) controller.enqueue(lines(page.events));
        if (!next) controller.close();
      } catch (err) {
        console.error("[audit] export failed mid-stream:", err instanceof Error ? err.message : err);
        controller.error(err);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const name = `audit-log-${org}${teamId ? "-team" : ""}-${stamp}.jsonl`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
