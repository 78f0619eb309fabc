import { type FilterParams, filterQuery } from "@/lib/audit/filter";

/** The JSON Lines export of what the page shows (every page of it); unfiltered while a filter is invalid. */
export function exportHref(
  orgPath: string,
  filters: { params: FilterParams; errors: Record<string, string> },
  teamId?: string,
): string {
  const params = Object.keys(filters.errors).length ? {} : filters.params;
  return `${orgPath}/export${filterQuery(params, { teamId })}`;
}
