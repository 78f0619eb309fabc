// Reads one page of a Service Accounts tab through the service (which authorizes), shaped for the
// browser. Used by the pages (first render) and by the list actions (TanStack Query refetches).
import "server-only";
import { formatDay, formatMoment } from "@/components/settings/format";
import type { Ctx } from "@/lib/context";
import {
  listOrgServiceAccounts,
  listTeamServiceAccounts,
  type ServiceAccountListItem,
} from "@/lib/service-accounts/service";
import {
  type ListScope,
  normalizePage,
  normalizeSearch,
  PAGE_SIZE,
  type ServiceAccountPage,
  type ServiceAccountRow,
} from "./types";

export function toRow(sa: ServiceAccountListItem): ServiceAccountRow {
  return {
    id: sa.id,
    name: sa.name,
    description: sa.description,
    scope: sa.scope,
    team: sa.teamName,
    authMethod: sa.authMethod,
    status: sa.status,
    activeKeyCount: sa.activeKeyCount,
    createdBy: sa.createdBy,
    created: {
      iso: sa.createdAt.toISOString(),
      day: formatDay(sa.createdAt),
      full: formatMoment(sa.createdAt),
    },
    lastUsed: sa.lastUsedAt ? { iso: sa.lastUsedAt.toISOString(), text: formatMoment(sa.lastUsedAt) } : null,
  };
}

export async function loadServiceAccountPage(
  ctx: Ctx,
  where: ListScope,
  rawQ: string | string[] | null | undefined,
  rawPage: string | string[] | number | null | undefined,
): Promise<ServiceAccountPage> {
  const q = normalizeSearch(rawQ);
  const page = typeof rawPage === "number" ? normalizePage(String(rawPage)) : normalizePage(rawPage);
  // One row more than a page says whether there is a next one, without counting thousands.
  const opts = { search: q, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE };
  const items =
    where.scope === "org"
      ? await listOrgServiceAccounts(ctx, where.org, opts)
      : await listTeamServiceAccounts(ctx, where.team, opts);
  return { q, page, hasMore: items.length > PAGE_SIZE, items: items.slice(0, PAGE_SIZE).map(toRow) };
}
