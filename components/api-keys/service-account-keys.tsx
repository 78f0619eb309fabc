"use client";

// The API keys of service accounts, as the org's API keys tab and a team's Service Accounts tab show
// them: search (name, key ID, owner) and status filter in the URL, keyset pages (Next / Previous),
// and revocation of one key or of a selection, each behind a confirmation. The server renders the
// first page; TanStack Query fetches the others through the list actions.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { listTeamApiKeysAction, revokeTeamApiKeysAction } from "@/app/[team]/service-accounts/actions";
import { listOrgApiKeysAction, revokeOrgApiKeysAction } from "@/app/org/[org]/api-keys/actions";
import {
  CreatedCell,
  ExpiresCell,
  KeyIdCell,
  KeyTable,
  LastUsedCell,
  NameCell,
  RevokeKeyButton,
  StatusCell,
} from "@/components/keys/key-table";
import { serviceAccountPath } from "@/components/service-account-page/types";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadError } from "@/components/ui/load-error";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import {
  type KeyListParams,
  type KeyListScope,
  type KeyStatusFilter,
  keyListQueryKey,
  MAX_KEY_SEARCH_LENGTH,
  normalizeKeySearch,
  normalizeKeyStatus,
  type ServiceAccountKeyPage,
  type ServiceAccountKeyRow,
} from "./types";

const COLUMNS = ["Name", "Key ID", "Owner", "Created", "Last used", "Expires", "Status"];

const statusFilters: Array<{ value: KeyStatusFilter; label: string }> = [
  { value: "all", label: "All statuses" },
  { value: "active", label: "Active" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
];

async function fetchKeys(
  where: KeyListScope,
  q: string,
  status: KeyStatusFilter,
  after: string | null,
): Promise<ServiceAccountKeyPage> {
  const result =
    where.scope === "org"
      ? await listOrgApiKeysAction(undefined, { org: where.org, q, status, after })
      : await listTeamApiKeysAction(undefined, { team: where.team, q, status, after });
  if (!result.ok || !result.data) {
    throw new Error(result.message ?? "The keys could not be loaded. Reload the page.");
  }
  return result.data as ServiceAccountKeyPage;
}

async function revokeKeys(where: KeyListScope, keyIds: string[]) {
  return where.scope === "org"
    ? revokeOrgApiKeysAction(undefined, { org: where.org, keyIds })
    : revokeTeamApiKeysAction(undefined, { team: where.team, keyIds });
}

const pluralKeys = (n: number) => `${n} API key${n === 1 ? "" : "s"}`;

export function ServiceAccountKeysSection({
  title = "API keys",
  intro,
  ...list
}: ServiceAccountKeysProps & { title?: string; intro: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white">
      <div className="flex min-h-[3.75rem] items-center border-b border-slate-200 px-5 py-3">
        <h2 id={headingId} className="font-semibold">
          {title}
        </h2>
      </div>
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">{intro}</p>
      <ServiceAccountKeys {...list} />
    </section>
  );
}

export interface ServiceAccountKeysProps {
  where: KeyListScope;
  /** Where in the URL the search and the status filter live (two lists may share a page). */
  params: KeyListParams;
  initial: ServiceAccountKeyPage;
  /** When there are no keys at all. */
  emptyText: string;
}

export function ServiceAccountKeys({ where, params, initial, emptyText }: ServiceAccountKeysProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const q = normalizeKeySearch(searchParams.get(params.q));
  const status = normalizeKeyStatus(searchParams.get(params.status));
  // Keyset pages: the cursors of the pages before this one, newest last. Both the pages and the
  // selection belong to one search and filter: another search starts over from the first page.
  const filterKey = `${q}\u0000${status}`;
  const [paging, setPaging] = useState({ filterKey, cursors: [] as string[] });
  const cursors = paging.filterKey === filterKey ? paging.cursors : [];
  const after = cursors.at(-1) ?? null;
  const [selection, setSelection] = useState({ filterKey, keyIds: new Set<string>() as ReadonlySet<string> });
  const selected = selection.filterKey === filterKey ? selection.keyIds : new Set<string>();
  const setSelected = (keyIds: ReadonlySet<string>) => setSelection({ filterKey, keyIds });
  const queryClient = useQueryClient();

  const isInitial = q === initial.q && status === initial.status && after === null && !initial.after;
  const query = useQuery({
    queryKey: keyListQueryKey(where, q, status, after),
    queryFn: () => fetchKeys(where, q, status, after),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });

  // Search and filter live in the URL (shareable, back/forward); Next's router follows the History
  // API without a server round trip, and TanStack Query fetches.
  function setFilter(next: { q?: string; status?: KeyStatusFilter }) {
    const url = new URLSearchParams(searchParams.toString());
    const nextQ = next.q ?? q;
    const nextStatus = next.status ?? status;
    if (nextQ) url.set(params.q, nextQ);
    else url.delete(params.q);
    if (nextStatus !== "all") url.set(params.status, nextStatus);
    else url.delete(params.status);
    const text = url.toString();
    window.history.replaceState(null, "", `${pathname}${text ? `?${text}` : ""}`);
  }

  const data = query.data;
  const loading = query.isPlaceholderData || (query.isFetching && !data);
  const rows = data?.keys ?? [];
  const nextCursor = data?.nextCursor ?? null;
  const revocable = rows.filter((k) => k.canRevoke);
  const selectedRows = revocable.filter((k) => selected.has(k.keyId));
  const filtered = Boolean(q) || status !== "all";
  const nothingYet = !loading && !query.isError && !rows.length && !filtered && !after;

  function toggle(keyId: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(keyId);
    else next.delete(keyId);
    setSelected(next);
  }

  function goTo(nextCursors: string[]) {
    setPaging({ filterKey, cursors: nextCursors });
    setSelected(new Set());
  }

  async function revoke(keys: ServiceAccountKeyRow[]) {
    const result = await revokeKeys(
      where,
      keys.map((k) => k.keyId),
    );
    if (result.ok) {
      toast.success(result.message);
      setSelected(new Set());
    } else {
      toast.error(result.message ?? "The keys could not be revoked. Reload the page and try again.");
    }
    // Whatever happened, show the keys as they are now (and the Keys counts of the accounts).
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["api-keys"] }),
      queryClient.invalidateQueries({ queryKey: ["service-accounts"] }),
    ]);
  }

  if (nothingYet) return <p className="px-5 py-8 text-center text-sm text-slate-600">{emptyText}</p>;

  return (
    <div>
      <div className="flex flex-col gap-3 border-b border-slate-100 px-5 py-3 lg:flex-row lg:items-center lg:justify-between">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <SearchBox
            q={q}
            busy={loading}
            onSearch={(text) => setFilter({ q: text })}
            label="Search keys by name, key ID or owner"
            placeholder="Search by name, key ID or owner"
            maxLength={MAX_KEY_SEARCH_LENGTH}
            className="sm:w-72"
          />
          <StatusFilter value={status} onChange={(value) => setFilter({ status: value })} />
        </div>
        {selectedRows.length ? (
          <div className="flex flex-wrap items-center gap-3">
            <p aria-live="polite" className="text-sm font-medium text-slate-800">
              {pluralKeys(selectedRows.length)} selected
            </p>
            <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
            <ConfirmDialog
              title={`Revoke ${pluralKeys(selectedRows.length)}?`}
              description={<RevokeSelectionText keys={selectedRows} />}
              confirmLabel={`Revoke ${pluralKeys(selectedRows.length)}`}
              onConfirm={() => revoke(selectedRows)}
              trigger={
                <Button variant="danger" size="sm">
                  Revoke selected
                </Button>
              }
            />
          </div>
        ) : query.isError && data ? (
          <LoadError inline message={query.error.message} onRetry={() => query.refetch()} />
        ) : (
          <p aria-live="polite" className="min-h-5 text-sm text-slate-600">
            {loading
              ? "Loading…"
              : rows.length
                ? `${rows.length} shown${nextCursor ? ", more on the next page" : ""}`
                : ""}
          </p>
        )}
      </div>
      {query.isError && !data ? (
        <LoadError message={query.error.message} onRetry={() => query.refetch()} />
      ) : rows.length ? (
        <KeyTable
          busy={loading}
          caption={
            <>
              Service-account API keys, newest first
              {data?.q ? `, matching “${data.q}”` : ""}
              {data && data.status !== "all" ? `, ${data.status} only` : ""}
            </>
          }
          columns={COLUMNS}
          selectAll={
            <SelectAll
              rows={revocable}
              selected={selectedRows.length}
              onChange={(on) => setSelected(new Set(on ? revocable.map((k) => k.keyId) : []))}
            />
          }
        >
          {rows.map((k) => (
            <KeyRow
              key={k.keyId}
              k={k}
              selected={selected.has(k.keyId)}
              onSelect={(on) => toggle(k.keyId, on)}
              onRevoke={() => revoke([k])}
            />
          ))}
        </KeyTable>
      ) : (
        <NoMatch
          loading={loading}
          pastTheEnd={Boolean(after)}
          onClear={() => setFilter({ q: "", status: "all" })}
          onFirstPage={() => goTo([])}
        />
      )}
      <Pager
        label="Pages of API keys"
        page={cursors.length + 1}
        busy={loading}
        previous={cursors.length ? () => goTo(cursors.slice(0, -1)) : null}
        next={nextCursor ? () => goTo([...cursors, nextCursor]) : null}
      />
    </div>
  );
}

function RevokeSelectionText({ keys }: { keys: ServiceAccountKeyRow[] }) {
  const shown = keys.slice(0, 8);
  return (
    <>
      These keys stop working on the next request; anything still using them gets &quot;401
      Unauthorized&quot;. This cannot be undone.
      <span className="mt-3 block max-h-48 overflow-y-auto rounded-md bg-slate-50 px-3 py-2">
        {shown.map((k) => (
          <span key={k.keyId} className="block truncate">
            <span className="font-mono text-xs">{k.keyId}</span> {k.name} ({k.owner.team}/{k.owner.name})
          </span>
        ))}
        {keys.length > shown.length && (
          <span className="block text-slate-500">and {keys.length - shown.length} more</span>
        )}
      </span>
    </>
  );
}

function SelectAll({
  rows,
  selected,
  onChange,
}: {
  rows: ServiceAccountKeyRow[];
  selected: number;
  onChange: (on: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const all = rows.length > 0 && selected === rows.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selected > 0 && !all;
  }, [selected, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select every active key on this page"
      checked={all}
      disabled={!rows.length}
      onChange={(e) => onChange(e.target.checked)}
      className="size-4 accent-indigo-600"
    />
  );
}

function KeyRow({
  k,
  selected,
  onSelect,
  onRevoke,
}: {
  k: ServiceAccountKeyRow;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onRevoke: () => Promise<void>;
}) {
  const ownerPath = `${k.owner.team}/${k.owner.name}`;
  return (
    <tr
      data-testid={`api-key-${k.keyId}`}
      className={`align-top ${selected ? "shadow-[inset_3px_0_0_0_var(--color-indigo-500)]" : ""}`}
    >
      <td className="py-2.5 pl-5">
        {k.canRevoke && (
          <input
            type="checkbox"
            aria-label={`Select ${k.name} (${k.keyId})`}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            className="size-4 accent-indigo-600"
          />
        )}
      </td>
      <NameCell name={k.name} afterSelect />
      <KeyIdCell keyId={k.keyId} />
      <td className="px-3 py-2.5 whitespace-nowrap">
        <Link
          href={serviceAccountPath(k.owner.team, k.owner.name)}
          className="text-indigo-700 hover:underline"
        >
          {ownerPath}
        </Link>
        <div className="mt-0.5 flex gap-1.5 text-xs text-slate-500">
          {k.owner.scope === "org" ? "org service account" : "team service account"}
          {k.owner.deactivated && <span className="font-medium text-amber-800">· deactivated</span>}
        </div>
      </td>
      <CreatedCell created={k.created} by={k.createdBy} />
      <LastUsedCell lastUsed={k.lastUsed} />
      <ExpiresCell expires={k.expires} status={k.status} />
      <StatusCell status={k.status} revoked={k.revoked} />
      <td className="px-5 py-2 text-right">
        {k.canRevoke && (
          <RevokeKeyButton
            name={k.name}
            keyId={k.keyId}
            description={
              <>
                Key <span className="font-mono">{k.keyId}</span> of {ownerPath} stops working on the next
                request. Anything that still uses it gets &quot;401 Unauthorized&quot; until it gets a new
                key. This cannot be undone.
              </>
            }
            onConfirm={onRevoke}
          />
        )}
      </td>
    </tr>
  );
}

function StatusFilter({
  value,
  onChange,
}: {
  value: KeyStatusFilter;
  onChange: (value: KeyStatusFilter) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-700">
        Status
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(normalizeKeyStatus(e.target.value))}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs"
      >
        {statusFilters.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function NoMatch({
  loading,
  pastTheEnd,
  onClear,
  onFirstPage,
}: {
  loading: boolean;
  pastTheEnd: boolean;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  if (loading) return <p className="px-5 py-8 text-center text-sm text-slate-500">Loading…</p>;
  if (pastTheEnd) {
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-600">
        No more keys: the list changed meanwhile.{" "}
        <Button variant="secondary" size="sm" onClick={onFirstPage}>
          Go to the first page
        </Button>
      </p>
    );
  }
  return (
    <p className="px-5 py-8 text-center text-sm text-slate-600">
      No key matches this search and status.{" "}
      <Button variant="secondary" size="sm" onClick={onClear}>
        Clear the filters
      </Button>
    </p>
  );
}
