// The two lists of a service account's Effective access tab: the projects it reaches (grouped by
// team, with the policy's reason) and those of its org it does not, with how access would be granted.
// Server components: the page hands them one page of entries at a time.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, VisibilityBadge } from "@/components/ui/badge";
import { groupByTeam, type PageSlice } from "./paging";

export interface EntryView {
  projectId: string;
  team: string;
  project: string;
  visibility: "open" | "public" | "team" | "restricted";
  read: boolean;
  write: boolean;
  reason: string;
  howToGrant?: string;
}

const projectHref = (e: EntryView) => `/${encodeURIComponent(e.team)}/${encodeURIComponent(e.project)}`;

function AccessBadge({ entry }: { entry: EntryView }) {
  if (entry.write) return <Badge tone="green">Read and write</Badge>;
  if (entry.read) return <Badge tone="blue">Read only</Badge>;
  return <Badge tone="red">No access</Badge>;
}

/** The column headings; the first and last cells line up with the card's padding. */
function Head({ columns }: { columns: string[] }) {
  return (
    <thead className="text-left text-slate-500">
      <tr className="whitespace-nowrap">
        {columns.map((label, i) => (
          <th
            key={label}
            scope="col"
            className={`px-3 py-2 font-medium ${i === 0 ? "pl-5" : ""} ${i === columns.length - 1 ? "pr-5" : ""}`}
          >
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function ReachableTable({ slice, caption }: { slice: PageSlice<EntryView>; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <Head columns={["Project", "Visibility", "Access", "Why (the rule that decided)"]} />
        {groupByTeam(slice.items).map((group) => (
          <tbody key={group.team} className="divide-y divide-slate-100 border-t border-slate-200">
            <tr className="bg-slate-50">
              <th scope="colgroup" colSpan={4} className="px-5 py-2 text-left font-semibold text-slate-800">
                {group.team}{" "}
                <span className="font-normal text-slate-500">({group.items.length} on this page)</span>
              </th>
            </tr>
            {group.items.map((entry) => (
              <tr key={entry.projectId} data-testid={`access-${entry.team}/${entry.project}`}>
                <td className="py-2 pr-3 pl-5 align-top">
                  <Link href={projectHref(entry)} className="font-medium text-indigo-700 hover:underline">
                    {entry.project}
                  </Link>
                </td>
                <td className="px-3 py-2 align-top">
                  <VisibilityBadge visibility={entry.visibility} />
                </td>
                <td className="px-3 py-2 align-top whitespace-nowrap">
                  <AccessBadge entry={entry} />
                </td>
                <td className="min-w-64 py-2 pr-5 pl-3 align-top text-slate-700">{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

export function UnreachableTable({ slice, caption }: { slice: PageSlice<EntryView>; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <Head columns={["Project", "Visibility", "Access", "Why not", "How to grant access"]} />
        <tbody className="divide-y divide-slate-100 border-t border-slate-200">
          {slice.items.map((entry) => (
            <tr key={entry.projectId} data-testid={`access-${entry.team}/${entry.project}`}>
              <td className="py-2 pr-3 pl-5 align-top whitespace-nowrap">
                <span className="text-slate-500">{entry.team}/</span>
                <span className="font-medium text-slate-900">{entry.project}</span>
              </td>
              <td className="px-3 py-2 align-top">
                <VisibilityBadge visibility={entry.visibility} />
              </td>
              <td className="px-3 py-2 align-top whitespace-nowrap">
                <AccessBadge entry={entry} />
              </td>
              <td className="min-w-56 px-3 py-2 align-top text-slate-700">{entry.reason}</td>
              <td className="min-w-64 py-2 pr-5 pl-3 align-top text-slate-700">{entry.howToGrant}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / Page n of m / Next, as links that keep the rest of the address. */
export function Pager({
  label,
  slice,
  hrefFor,
}: {
  label: string;
  slice: PageSlice<unknown>;
  hrefFor: (page: number) => string;
}) {
  if (slice.pages <= 1) return null;
  const linkClass =
    "inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";
  const disabledClass =
    "inline-flex h-8 items-center rounded-md border border-slate-200 px-3 text-sm font-medium text-slate-400";
  const step = (page: number, text: string, rel: string): ReactNode =>
    page >= 1 && page <= slice.pages ? (
      <Link href={hrefFor(page)} prefetch={false} rel={rel} className={linkClass}>
        {text}
      </Link>
    ) : (
      <span aria-disabled="true" className={disabledClass}>
        {text}
      </span>
    );
  return (
    <nav
      aria-label={label}
      className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3"
    >
      {step(slice.page - 1, "Previous", "prev")}
      <span className="text-sm text-slate-600">
        Page {slice.page} of {slice.pages}
      </span>
      {step(slice.page + 1, "Next", "next")}
    </nav>
  );
}
