// Paging of the effective-access lists: plain links with the filter kept, so every page has an address.

export const PAGE_SIZE = 50;

export interface PageSlice<T> {
  items: T[];
  page: number;
  pages: number;
  /** 1-based position of the first item shown (0 when there is none). */
  from: number;
  total: number;
}

/** The page of `items` that `requested` asks for, clamped to the pages that exist. */
export function pageOf<T>(items: readonly T[], requested: unknown, size = PAGE_SIZE): PageSlice<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const asked = Number.parseInt(typeof requested === "string" ? requested : "1", 10);
  const page = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), pages) : 1;
  const start = (page - 1) * size;
  const slice = items.slice(start, start + size);
  return { items: slice, page, pages, from: slice.length ? start + 1 : 0, total: items.length };
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
