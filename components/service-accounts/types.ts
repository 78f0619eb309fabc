// What the Service Accounts tabs send to the browser: allow-listed fields, dates formatted once on
// the server (UTC, so no hydration mismatch), and the `?q=&page=` rules shared by server and client.

export const PAGE_SIZE = 25;
/** Longer than any name (64): searching for more cannot match anything. */
export const MAX_SEARCH_LENGTH = 64;

export type ListScope = { scope: "org"; org: string } | { scope: "team"; team: string };

export interface ServiceAccountRow {
  id: string;
  name: string;
  description: string;
  scope: "org" | "team";
  /** Default team (org scope) or parent team (team scope). */
  team: string;
  authMethod: "api_key" | "federated";
  status: "active" | "deactivated" | "deleted";
  activeKeyCount: number;
  createdBy: string | null;
  created: { iso: string; day: string; full: string };
  lastUsed: { iso: string; text: string } | null;
}

export interface ServiceAccountPage {
  q: string;
  page: number;
  items: ServiceAccountRow[];
  /** Whether a next page exists (one extra row is read instead of counting them all). */
  hasMore: boolean;
}

export interface CreatedServiceAccountResult {
  serviceAccount: { name: string; team: string; scope: "org" | "team" };
  key: { key: string; keyId: string; name: string };
}

export function normalizeSearch(raw: string | string[] | null | undefined): string {
  const text = Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? "");
  return text.trim().slice(0, MAX_SEARCH_LENGTH);
}

export function normalizePage(raw: string | string[] | null | undefined): number {
  const text = Array.isArray(raw) ? raw[0] : raw;
  const page = Number.parseInt(text ?? "", 10);
  return Number.isFinite(page) && page >= 1 ? Math.min(page, 100_000) : 1;
}

/** `?q=&page=` for a list state, leaving out defaults (so the first page has a clean URL). */
export function listSearch(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function listQueryKey(where: ListScope, q: string, page: number) {
  return ["service-accounts", where.scope, where.scope === "org" ? where.org : where.team, q, page] as const;
}
