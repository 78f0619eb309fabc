// Reads the page of audit events a URL asks for, through lib/audit (which authorizes), turning
// stale or hand-edited URLs into a notice rather than an error page: an invalid filter shows
// every event with the field's error, an invalid cursor shows the newest events.
import "server-only";
import { type FilterParams, parseAuditFilter } from "@/lib/audit/filter";
import type { AuditEventList, AuditFilter, AuditPage } from "@/lib/audit/query";
import { Invalid } from "@/lib/errors";

export type SearchParams = Record<string, string | string[] | undefined>;

export interface LoadedAuditPage {
  list: AuditEventList;
  cursor?: string;
  filters: { params: FilterParams; errors: Record<string, string> };
  notice: string | null;
}

export async function loadAuditPage(
  searchParams: SearchParams,
  read: (filter: AuditFilter, page: AuditPage) => Promise<AuditEventList>,
): Promise<LoadedAuditPage> {
  const parsed = parseAuditFilter(searchParams);
  const filter = parsed.ok ? parsed.filter : {};
  const filters = { params: parsed.params, errors: parsed.ok ? {} : parsed.errors };
  const badFilter = parsed.ok
    ? null
    : `Fix the filter: ${Object.values(parsed.errors).join(" ")} Showing every event meanwhile.`;
  const raw = searchParams.cursor;
  const cursor = (Array.isArray(raw) ? raw[0] : raw) || undefined;
  const limit = parsed.ok ? parsed.limit : undefined;
  try {
    return { list: await read(filter, { cursor, limit }), cursor, filters, notice: badFilter };
  } catch (err) {
    if (!(err instanceof Invalid) || !cursor) throw err;
    return {
      list: await read(filter, { limit }),
      filters,
      notice: "That page link is no longer valid: showing the newest events.",
    };
  }
}
