// What the API keys lists (org tab, team tab) send to the browser: allow-listed fields with dates
// formatted once on the server (UTC), and the search/status rules shared by server and client.
import type { KeyStatus, Revocation, ShownDate } from "@/components/keys/key-table";

export type KeyListScope = { scope: "org"; org: string } | { scope: "team"; team: string };

export const KEY_STATUSES = ["active", "expired", "revoked"] as const satisfies readonly KeyStatus[];
export type KeyStatusFilter = KeyStatus | "all";

export const KEY_PAGE_SIZE = 50;
/** Longer than any key name (100) or owner: searching for more cannot match anything. */
export const MAX_KEY_SEARCH_LENGTH = 100;

export interface ServiceAccountKeyRow {
  keyId: string;
  name: string;
  status: KeyStatus;
  owner: {
    team: string;
    name: string;
    scope: "org" | "team";
    /** A deactivated account's keys look active but are refused until it is reactivated. */
    deactivated: boolean;
  };
  /** The day, with the time in `full`. */
  created: Required<ShownDate>;
  createdBy: string | null;
  lastUsed: (ShownDate & { ip: string | null }) | null;
  expires: Required<ShownDate> | null;
  /** Revoked, or (after a rotation) scheduled to be. */
  revoked: Required<Revocation> | null;
  canRevoke: boolean;
}

export interface ServiceAccountKeyPage {
  q: string;
  status: KeyStatusFilter;
  /** The cursor this page was read after (null: the first page). */
  after: string | null;
  keys: ServiceAccountKeyRow[];
  nextCursor: string | null;
}

export function normalizeKeySearch(raw: string | string[] | null | undefined): string {
  const text = Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? "");
  return text.trim().slice(0, MAX_KEY_SEARCH_LENGTH);
}

export function normalizeKeyStatus(raw: string | string[] | null | undefined): KeyStatusFilter {
  const text = Array.isArray(raw) ? raw[0] : raw;
  return (KEY_STATUSES as readonly string[]).includes(text ?? "") ? (text as KeyStatus) : "all";
}

export function keyListQueryKey(
  where: KeyListScope,
  q: string,
  status: KeyStatusFilter,
  after: string | null,
) {
  return ["api-keys", where.scope, where.scope === "org" ? where.org : where.team, q, status, after] as const;
}

/** The names of the URL parameters a list keeps its search and filter in (two lists share a page). */
export interface KeyListParams {
  q: string;
  status: string;
}

/** What a revocation says (a selection may hold keys that were revoked meanwhile). */
export function revokedMessage(revoked: number, selected: number): string {
  if (!revoked) return selected === 1 ? "That key was already revoked." : "Those keys were already revoked.";
  const keys = `${revoked} API key${revoked === 1 ? "" : "s"}`;
  const already = selected > revoked ? ` (${selected - revoked} already were)` : "";
  return `${keys} revoked${already}: ${revoked === 1 ? "it stops" : "they stop"} working on the next request.`;
}
