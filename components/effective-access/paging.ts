// Paging of the effective-access lists: the service (lib/service-accounts/effective-access.ts)
// hands over one page; the tables group it by team.

export interface PageSlice<T> {
  items: T[];
  page: number;
  pages: number;
  /** 1-based position of the first item shown (0 when there is none). */
  from: number;
  total: number;
}

/** Consecutive runs of entries of the same team, in order: one table body each. */
export function groupByTeam<T extends { team: string }>(items: readonly T[]) {
  const groups: Array<{ team: string; items: T[] }> = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.team === item.team) last.items.push(item);
    else groups.push({ team: item.team, items: [item] });
  }
  return groups;
}
