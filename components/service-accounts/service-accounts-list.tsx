"use client";

// The table of a Service Accounts tab, with search and pagination in the URL (`?q=&page=`). The
// server renders the first page (initialData); TanStack Query fetches other pages and searches
// through the list action and refetches after a creation, so the list updates without a reload.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useId } from "react";
import { listTeamServiceAccountsAction } from "@/app/[team]/service-accounts/actions";
import { listOrgServiceAccountsAction } from "@/app/org/[org]/service-accounts/actions";
import { serviceAccountPath } from "@/components/service-account-page/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import {
  type ListScope,
  listQueryKey,
  listSearch,
  MAX_SEARCH_LENGTH,
  normalizePage,
  normalizeSearch,
  PAGE_SIZE,
  type ServiceAccountPage,
  type ServiceAccountRow,
} from "./types";

async function fetchPage(where: ListScope, q: string, page: number): Promise<ServiceAccountPage> {
  const result =
    where.scope === "org"
      ? await listOrgServiceAccountsAction(undefined, { org: where.org, q, page })
      : await listTeamServiceAccountsAction(undefined, { team: where.team, q, page });
  if (!result.ok || !result.data) {
    throw new Error(result.message ?? "The list could not be loaded. Reload the page.");
  }
  return result.data as ServiceAccountPage;
}

export interface ServiceAccountsListProps {
  where: ListScope;
  initial: ServiceAccountPage;
  /** The org of the list: org-scoped rows on a team tab link to its Service Accounts tab. */
  orgSlug: string;
  /** Whether the viewer manages org service accounts (org admin): then they get that link. */
  managesOrgAccounts: boolean;
  /** What to do when there is none yet (depends on what the viewer may do). */
  emptyText: string;
}

export function ServiceAccountsList({
  where,
  initial,
  orgSlug,
  managesOrgAccounts,
  emptyText,
}: ServiceAccountsListProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const q = normalizeSearch(searchParams.get("q"));
  const page = normalizePage(searchParams.get("page"));
  const isInitial = q === initial.q && page === initial.page;

  const query = useQuery({
    queryKey: listQueryKey(where, q, page),
    queryFn: () => fetchPage(where, q, page),
    initialData: isInitial ? initial : undefined,
    // While another page or search loads, the current rows stay (dimmed): nothing jumps.
    placeholderData: keepPreviousData,
  });

  // The URL changes through the History API, which Next's router follows (useSearchParams) without a
  // server round trip: TanStack Query fetches the data. Searches replace, page changes push.
  function go(nextQ: string, nextPage: number, mode: "push" | "replace") {
    const url = `${pathname}${listSearch(nextQ, nextPage)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  const data = query.data;
  const loading = query.isPlaceholderData || (query.isFetching && !data);
  const rows = data?.items ?? [];
  const shownPage = data?.page ?? page;
  const shownQ = data?.q ?? q;
  const from = (shownPage - 1) * PAGE_SIZE + 1;
  const headingId = useId();
  const nothingYet = !loading && !query.isError && !rows.length && !q && page === 1;

  return (
    <div>
      {/* Nothing to search in yet: no search box over an empty list. */}
      <div
        hidden={nothingYet}
        className="flex flex-col gap-3 border-b border-slate-100 px-5 py-3 sm:flex-row sm:items-center sm:justify-between"
      >
        <SearchBox
          q={q}
          onSearch={(text) => go(text, 1, "replace")}
          busy={loading}
          label="Search service accounts by name"
          placeholder="Search by name"
          maxLength={MAX_SEARCH_LENGTH}
          icon
          className="sm:max-w-xs"
        />
        {query.isError && data ? (
          <LoadError inline message={query.error.message} onRetry={() => query.refetch()} />
        ) : (
          <p aria-live="polite" className="min-h-5 text-sm text-slate-600">
            {loading
              ? "Loading…"
              : rows.length
                ? `Showing ${from}–${from + rows.length - 1}${data?.q ? ` matching “${data.q}”` : ""}`
                : ""}
          </p>
        )}
      </div>
      {query.isError && !data ? (
        <LoadError message={query.error.message} onRetry={() => query.refetch()} />
      ) : rows.length ? (
        <div
          className={`relative overflow-x-auto transition-opacity ${loading ? "opacity-60" : ""}`}
          aria-busy={loading || undefined}
        >
          <table className="w-full text-sm" aria-labelledby={headingId}>
            <caption id={headingId} className="sr-only">
              Service accounts, by name
              {data?.q ? `, matching “${data.q}”` : ""}, page {shownPage}
            </caption>
            <thead className="text-left text-slate-500">
              <tr className="whitespace-nowrap">
                <th scope="col" className="sticky left-0 z-10 bg-white px-5 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Scope
                </th>
                {where.scope === "org" && (
                  <th scope="col" className="px-3 py-2 font-medium">
                    Team
                  </th>
                )}
                <th scope="col" className="px-3 py-2 font-medium">
                  Authentication
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Keys
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Created by
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Created
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Last used
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((sa) => (
                <Row
                  key={sa.id}
                  sa={sa}
                  where={where}
                  orgSlug={orgSlug}
                  managesOrgAccounts={managesOrgAccounts}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty
          loading={loading}
          q={shownQ}
          page={shownPage}
          emptyText={emptyText}
          onClear={() => go("", 1, "replace")}
          onFirstPage={() => go(shownQ, 1, "push")}
        />
      )}
      <Pager
        label="Pages of service accounts"
        page={shownPage}
        previous={shownPage > 1 ? () => go(shownQ, shownPage - 1, "push") : null}
        next={data?.hasMore ? () => go(shownQ, shownPage + 1, "push") : null}
        busy={loading}
        hrefOf={(p) => `${pathname}${listSearch(shownQ, p)}`}
      />
    </div>
  );
}

function Row({
  sa,
  where,
  orgSlug,
  managesOrgAccounts,
}: {
  sa: ServiceAccountRow;
  where: ListScope;
  orgSlug: string;
  managesOrgAccounts: boolean;
}) {
  // On a team tab, org service accounts are shown but managed from the org's tab.
  const managedElsewhere = where.scope === "team" && sa.scope === "org";
  // Whoever sees a tab manages its team accounts (the policy's list and manage rules match); org
  // accounts belong to org admins. The account's page decides again on the server.
  const manageable = !managedElsewhere || managesOrgAccounts;
  return (
    <tr data-testid={`service-account-${sa.team}/${sa.name}`} className="group align-top hover:bg-slate-50">
      <th
        scope="row"
        className="sticky left-0 z-10 bg-white px-5 py-2.5 text-left font-medium group-hover:bg-slate-50"
      >
        {/* Names never break at their hyphens; at most 64 characters, the table scrolls instead. */}
        {manageable ? (
          <Link
            href={serviceAccountPath(sa.team, sa.name)}
            className="whitespace-nowrap text-indigo-700 hover:underline"
          >
            {sa.name}
          </Link>
        ) : (
          <span className="whitespace-nowrap">{sa.name}</span>
        )}
        {sa.description && (
          <p className="mt-0.5 max-w-64 min-w-40 text-xs font-normal break-words text-slate-500">
            {sa.description}
          </p>
        )}
        {managedElsewhere &&
          (managesOrgAccounts ? (
            <Link
              href={`/org/${encodeURIComponent(orgSlug)}/service-accounts${listSearch(sa.name, 1)}`}
              className="mt-0.5 block text-xs font-normal whitespace-nowrap text-indigo-700 hover:underline"
            >
              Manage in the organization&rsquo;s tab
            </Link>
          ) : (
            <p className="mt-0.5 text-xs font-normal whitespace-nowrap text-slate-500">
              Managed by org admins
            </p>
          ))}
      </th>
      <td className="px-3 py-2.5 whitespace-nowrap">
        {sa.scope === "team" ? (
          <Badge>Team</Badge>
        ) : (
          // The team tab marks the org's accounts briefly; the org tab names both scopes in full.
          <Badge tone="indigo">{where.scope === "team" ? "Org" : "Organization"}</Badge>
        )}
      </td>
      {where.scope === "org" && (
        <td className="px-3 py-2.5 whitespace-nowrap">
          <Link href={`/${encodeURIComponent(sa.team)}`} className="text-indigo-700 hover:underline">
            {sa.team}
          </Link>
          <div className="text-xs text-slate-500">{sa.scope === "org" ? "default" : "parent"}</div>
        </td>
      )}
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
        {sa.authMethod === "api_key" ? "API key" : "Federated"}
      </td>
      <td className="px-3 py-2.5 text-right whitespace-nowrap text-slate-700 tabular-nums">
        {sa.authMethod === "api_key" ? (
          <span title={`${sa.activeKeyCount} active API key${sa.activeKeyCount === 1 ? "" : "s"}`}>
            {sa.activeKeyCount}
          </span>
        ) : (
          <span title="A federated service account owns no API keys">
            <span aria-hidden>—</span>
            <span className="sr-only">none (federated)</span>
          </span>
        )}
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
        {sa.createdBy ?? (
          <span className="text-slate-500" title="Created with the steward CLI, or by a removed user">
            <span aria-hidden>—</span>
            <span className="sr-only">not recorded</span>
          </span>
        )}
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
        <time dateTime={sa.created.iso} title={sa.created.full}>
          {sa.created.day}
        </time>
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
        {sa.lastUsed ? (
          <time dateTime={sa.lastUsed.iso}>{sa.lastUsed.text}</time>
        ) : (
          <span className="text-slate-500">Never</span>
        )}
      </td>
      <td className="px-5 py-2.5 whitespace-nowrap">
        {sa.status === "active" ? (
          <Badge tone="green">Active</Badge>
        ) : (
          <Badge tone="amber">Deactivated</Badge>
        )}
      </td>
    </tr>
  );
}

function Empty({
  loading,
  q,
  page,
  emptyText,
  onClear,
  onFirstPage,
}: {
  loading: boolean;
  q: string;
  page: number;
  emptyText: string;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  if (loading) return <p className="px-5 py-8 text-center text-sm text-slate-500">Loading…</p>;
  if (page > 1) {
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-600">
        This page is past the end of the list.{" "}
        <Button variant="secondary" size="sm" onClick={onFirstPage}>
          Go to the first page
        </Button>
      </p>
    );
  }
  if (q) {
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-600">
        No service account name contains “{q}”.{" "}
        <Button variant="secondary" size="sm" onClick={onClear}>
          Clear the search
        </Button>
      </p>
    );
  }
  return <p className="px-5 py-8 text-center text-sm text-slate-600">{emptyText}</p>;
}
