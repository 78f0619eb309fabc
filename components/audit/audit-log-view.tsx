// One page of audit events: the filters (a GET form, so every filtered view is a shareable link),
// the table, "Older" by cursor and the JSON Lines export. Shared by the org's Audit log tab, a
// team's, and a service account's Activity tab. A server component: no JavaScript needed.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { AUDIT_ACTIONS, describeAction } from "@/lib/audit/actions";
import { type FilterParams, filterQuery } from "@/lib/audit/filter";
import type { AuditEventList, AuditEventView } from "@/lib/audit/query";

export interface AuditLogViewProps {
  heading: string;
  intro?: ReactNode;
  /** The page's path: the filter form and the links point here. */
  basePath: string;
  list: AuditEventList;
  /** The cursor of the page shown (undefined: the newest events). */
  cursor?: string;
  /** Filters as in the URL; null hides the filter form (a service account's activity). */
  filters: { params: FilterParams; errors: Record<string, string> } | null;
  /** A notice above the table (an invalid filter or page link). */
  notice?: string | null;
  exportHref?: string | null;
  emptyText: string;
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const linkButton =
  "inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";

export function AuditLogView(props: AuditLogViewProps) {
  const { heading, intro, basePath, list, cursor, filters, notice, exportHref, emptyText } = props;
  const params = filters?.params ?? {};
  const filterHref = filters
    ? (name: "actor" | "target", value: string) => `${basePath}${filterQuery({ ...params, [name]: value })}`
    : null;
  return (
    <section
      aria-labelledby="audit-heading"
      className="min-w-0 max-w-full rounded-xl border border-slate-200 bg-white"
    >
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h2 id="audit-heading" className="font-semibold">
          {heading}
        </h2>
        {exportHref && (
          <a href={exportHref} download className={linkButton}>
            Export JSON Lines
          </a>
        )}
      </div>
      {intro && <p className="px-5 pt-3 text-sm text-slate-600">{intro}</p>}
      {filters && <FilterForm basePath={basePath} params={params} errors={filters.errors} />}
      {notice && (
        <p role="alert" className="mx-5 mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      {list.events.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-slate-600">{emptyText}</p>
      ) : (
        <div className="relative max-w-full overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{heading}, newest first</caption>
            <thead className="text-left text-slate-500">
              <tr>
                {["Time", "Actor", "Action", "Target", "Team / project", "IP", "Outcome", "Details"].map(
                  (h) => (
                    <th
                      key={h}
                      scope="col"
                      className="px-3 py-2 font-medium whitespace-nowrap first:pl-5 last:pr-5"
                    >
                      {h}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {list.events.map((event) => (
                <EventRow key={event.id} event={event} filterHref={filterHref} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CursorPager basePath={basePath} params={params} cursor={cursor} nextCursor={list.nextCursor} />
    </section>
  );
}

function FilterForm({
  basePath,
  params,
  errors,
}: {
  basePath: string;
  params: FilterParams;
  errors: Record<string, string>;
}) {
  const err = (name: string) => (errors[name] ? [errors[name]] : undefined);
  const time = (value: string | undefined) => (value && LOCAL_TIME.test(value) ? value : undefined);
  return (
    <form
      method="get"
      action={basePath}
      aria-label="Filter the audit log"
      className="grid gap-3 border-b border-slate-200 px-5 py-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <TextField
        label="Action"
        name="action"
        list="audit-actions"
        defaultValue={params.action}
        placeholder="team:create_service_account"
        errors={err("action")}
      />
      <datalist id="audit-actions">
        {Object.entries(AUDIT_ACTIONS).map(([name, words]) => (
          <option key={name} value={name}>
            {words}
          </option>
        ))}
      </datalist>
      <TextField
        label="Actor"
        name="actor"
        defaultValue={params.actor}
        placeholder="username, team/service-account, key ID or cli"
        errors={err("actor")}
      />
      <TextField
        label="Target"
        name="target"
        defaultValue={params.target}
        placeholder="username, team/name, team or key ID"
        errors={err("target")}
      />
      <TextField
        label="From (UTC)"
        name="since"
        type="datetime-local"
        defaultValue={time(params.since)}
        errors={err("since")}
      />
      <TextField
        label="Until (UTC)"
        name="until"
        type="datetime-local"
        defaultValue={time(params.until)}
        errors={err("until")}
      />
      {params.limit && <input type="hidden" name="limit" value={params.limit} />}
      <div className="flex items-end gap-2">
        <Button type="submit" size="sm">
          Apply filters
        </Button>
        <Link href={basePath} className={linkButton}>
          Clear
        </Link>
      </div>
    </form>
  );
}

const ACTOR_KIND = {
  user: "User",
  service_account: "Service account",
  cli: "CLI",
  anonymous: "Unknown caller",
} as const;

function EventRow({
  event,
  filterHref,
}: {
  event: AuditEventView;
  filterHref: ((name: "actor" | "target", value: string) => string) | null;
}) {
  const { actor, target } = event;
  const actorFilter =
    actor.kind === "cli" ? "cli" : actor.kind === "user" ? actor.name : (actor.id ?? actor.credentialId);
  const targetFilter = target ? (target.name ?? target.id) : null;
  const cell = "px-3 py-2 first:pl-5 last:pr-5";
  return (
    <tr data-event-id={event.id}>
      <td className={`${cell} whitespace-nowrap text-slate-700`}>
        <time dateTime={event.at}>{formatTime(event.at)}</time>
      </td>
      <td className={cell}>
        <div className="flex flex-wrap items-center gap-1.5">
          <Filterable href={filterHref && actorFilter ? filterHref("actor", actorFilter) : null}>
            {actor.kind === "cli" ? "steward CLI" : (actor.name ?? "unknown")}
          </Filterable>
          <Badge tone={actor.kind === "service_account" ? "indigo" : "slate"}>{ACTOR_KIND[actor.kind]}</Badge>
        </div>
        {actor.credentialId && (
          <div className="mt-0.5 font-mono text-xs text-slate-500">
            {actor.credentialId.startsWith("stw_at-") ? "token" : "key"} {actor.credentialId}
          </div>
        )}
      </td>
      <td className={cell}>
        <div className="font-mono text-xs whitespace-nowrap text-slate-900">{event.action}</div>
        <div className="text-xs text-slate-500">{describeAction(event.action)}</div>
      </td>
      <td className={`${cell} [overflow-wrap:anywhere]`}>
        {target ? (
          <>
            <Filterable href={filterHref && targetFilter ? filterHref("target", targetFilter) : null}>
              {target.name ?? target.id}
            </Filterable>
            <div className="text-xs text-slate-500">{target.kind.replace(/_/g, " ")}</div>
          </>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
      <td className={`${cell} [overflow-wrap:anywhere] text-slate-700`}>
        {event.project ?? event.team ?? <span className="text-slate-400">—</span>}
      </td>
      <td className={`${cell} font-mono text-xs whitespace-nowrap text-slate-700`}>{event.ip ?? "—"}</td>
      <td className={cell}>
        <Badge tone={event.outcome === "success" ? "green" : "red"}>
          {event.outcome === "success" ? "Success" : "Failure"}
        </Badge>
      </td>
      <td className={cell}>
        <EventDetails event={event} />
      </td>
    </tr>
  );
}

function Filterable({ href, children }: { href: string | null; children: ReactNode }) {
  if (!href) return <span className="font-medium text-slate-900">{children}</span>;
  return (
    <Link href={href} prefetch={false} className="font-medium text-indigo-700 hover:underline">
      {children}
    </Link>
  );
}

/** Before / after first (the question people ask), then everything else the event recorded. */
function EventDetails({ event }: { event: AuditEventView }) {
  const details = event.details ?? {};
  const { before, after, ...rest } = details;
  const hasChange = before !== undefined || after !== undefined;
  return (
    <details className="group min-w-40">
      <summary className="cursor-pointer text-sm text-indigo-700 hover:underline">
        Details<span className="sr-only"> of event {event.id}</span>
      </summary>
      <dl className="mt-2 space-y-1 text-xs">
        {hasChange && (
          <>
            <Entry term="Before" value={before} />
            <Entry term="After" value={after} />
          </>
        )}
        {Object.entries(rest).map(([key, value]) => (
          <Entry key={key} term={key} value={value} />
        ))}
        {event.userAgent && <Entry term="User agent" value={event.userAgent} />}
        <Entry term="Event ID" value={event.id} />
      </dl>
    </details>
  );
}

function Entry({ term, value }: { term: string; value: unknown }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="font-mono [overflow-wrap:anywhere] whitespace-pre-wrap text-slate-800">
        {value === undefined || value === null
          ? "—"
          : typeof value === "string"
            ? value
            : JSON.stringify(value, null, 2)}
      </dd>
    </div>
  );
}

function CursorPager({
  basePath,
  params,
  cursor,
  nextCursor,
}: {
  basePath: string;
  params: FilterParams;
  cursor?: string;
  nextCursor: string | null;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav
      aria-label="Audit log pages"
      className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3"
    >
      {cursor ? (
        <Link href={`${basePath}${filterQuery(params)}`} prefetch={false} className={linkButton}>
          Newest
        </Link>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <Link
          href={`${basePath}${filterQuery(params, { cursor: nextCursor })}`}
          prefetch={false}
          rel="next"
          className={linkButton}
        >
          Older
        </Link>
      ) : (
        <span className="text-sm text-slate-500">No older events</span>
      )}
    </nav>
  );
}

const timeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "medium",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "Nov 30, 2026, 14:05:12 UTC": formatted on the server, in UTC, like the rest of the app. */
function formatTime(iso: string): string {
  return `${timeFormat.format(new Date(iso))} UTC`;
}
