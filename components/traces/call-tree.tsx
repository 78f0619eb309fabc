"use client";

// Calls as a tree: each call with its status, duration, payload previews and who logged it; a call
// with children expands to list them (fetched when first opened, 50 at a time).
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { childCallsAction } from "@/app/[team]/[project]/traces/actions";
import { LoggedBy, OnBehalfOf, RelativeTime } from "@/components/runs/run-bits";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { CallListItem, CallPage, CallStatus } from "@/lib/traces/pages";
import { formatDuration } from "./format";
import { Payload } from "./payload";

export interface TreeScope {
  team: string;
  project: string;
  /** The page's render time: relative times stay the same on server and browser. */
  now: Date;
}

const statusTone = { success: "green", error: "red", running: "blue" } as const;

export function CallStatusBadge({ status }: { status: CallStatus }) {
  return (
    <Badge tone={statusTone[status]}>
      {status === "running" && <span aria-hidden className="mr-1.5 size-1.5 rounded-full bg-blue-500" />}
      {status}
    </Badge>
  );
}

export function CallTree({
  scope,
  calls,
  label,
}: {
  scope: TreeScope;
  calls: CallListItem[];
  label: string;
}) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {calls.map((call) => (
        <CallNode key={call.id} scope={scope} call={call} depth={0} />
      ))}
    </ul>
  );
}

function CallNode({ scope, call, depth }: { scope: TreeScope; call: CallListItem; depth: number }) {
  const [open, setOpen] = useState(false);
  const childrenId = useId();
  const name = call.displayName || call.opName;
  const plural = call.childCount === 1 ? "child call" : "child calls";
  return (
    <li data-testid={`call-${call.id}`} className={depth ? "pt-3" : "px-4 py-3 sm:px-5"}>
      <div className="flex items-start gap-2">
        {call.childCount > 0 ? (
          <button
            type="button"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            aria-controls={childrenId}
            aria-label={`${open ? "Hide" : "Show"} ${call.childCount} ${plural} of ${name}`}
            className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded text-slate-600 hover:bg-slate-100"
          >
            <span aria-hidden className={`transition-transform ${open ? "rotate-90" : ""}`}>
              ▸
            </span>
          </button>
        ) : (
          <span aria-hidden className="size-6 shrink-0" />
        )}
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium [overflow-wrap:anywhere]">{name}</span>
            {call.displayName && call.displayName !== call.opName && (
              <span className="font-mono text-xs text-slate-500 [overflow-wrap:anywhere]">{call.opName}</span>
            )}
            <CallStatusBadge status={call.status} />
            <span className="text-sm text-slate-600 tabular-nums">
              {call.durationMs === null ? "—" : formatDuration(call.durationMs)}
              <span className="sr-only"> duration</span>
            </span>
            <span className="text-sm text-slate-500">
              <RelativeTime at={call.startedAt} now={scope.now} />
            </span>
            {call.childCount > 0 && (
              <span className="text-xs text-slate-500">
                {call.childCount} {plural}
              </span>
            )}
          </div>
          {call.exception !== null && (
            <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 [overflow-wrap:anywhere]">
              <span className="font-medium">Exception:</span> {call.exception}
            </p>
          )}
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
            <Payload scope={scope} callId={call.id} which="inputs" preview={call.inputs} />
            <Payload
              scope={scope}
              callId={call.id}
              which="output"
              preview={call.output}
              pending={call.status === "running"}
            />
            <dt className="text-slate-500">Logged by</dt>
            <dd>
              <LoggedBy loggedBy={call.loggedBy} />
            </dd>
            <dt className="text-slate-500">On behalf of</dt>
            <dd>
              <OnBehalfOf attributedTo={call.attributedTo} attributionNote={call.attributionNote} />
            </dd>
          </dl>
        </div>
      </div>
      <div id={childrenId} hidden={!open}>
        {open && <ChildCalls scope={scope} parent={call} depth={depth + 1} />}
      </div>
    </li>
  );
}

async function fetchChildren(scope: TreeScope, parentId: string, after: string | null): Promise<CallPage> {
  const result = await childCallsAction(undefined, {
    team: scope.team,
    project: scope.project,
    parentId,
    after,
  });
  if (!result.ok || !result.data) throw new Error(result.message ?? "The calls could not be loaded.");
  return result.data as CallPage;
}

function ChildCalls({ scope, parent, depth }: { scope: TreeScope; parent: CallListItem; depth: number }) {
  const query = useInfiniteQuery({
    queryKey: ["trace-children", scope.team, scope.project, parent.id],
    queryFn: ({ pageParam }) => fetchChildren(scope, parent.id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasNextPage ? last.endCursor : undefined),
  });
  const calls = query.data?.pages.flatMap((p) => p.calls) ?? [];
  const name = parent.displayName || parent.opName;
  return (
    <div className="mt-1 ml-3 border-l border-slate-200 pl-3 sm:ml-6">
      {query.isPending ? (
        <p aria-live="polite" className="py-2 text-sm text-slate-600">
          Loading calls…
        </p>
      ) : query.isError && !calls.length ? (
        <p role="alert" className="flex flex-wrap items-center gap-2 py-2 text-sm text-red-700">
          {query.error.message}
          <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
            Try again
          </Button>
        </p>
      ) : (
        <>
          <ul aria-label={`Calls inside ${name}`} className="space-y-1">
            {calls.map((call) => (
              <CallNode key={call.id} scope={scope} call={call} depth={depth} />
            ))}
          </ul>
          {query.hasNextPage && (
            <Button
              variant="secondary"
              size="sm"
              className="mt-3"
              pending={query.isFetchingNextPage}
              onClick={() => query.fetchNextPage()}
            >
              Show more calls inside {name}
            </Button>
          )}
          {query.isFetchNextPageError && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {query.error?.message}
            </p>
          )}
        </>
      )}
    </div>
  );
}
