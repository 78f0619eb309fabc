"use client";

// A call's inputs or output: the start of its JSON in the list, the whole of it (indented) when
// expanded. The whole payload may be megabytes, so it is read only when someone asks for it.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { callPayloadsAction } from "@/app/[team]/[project]/traces/actions";
import { Button } from "@/components/ui/button";
import type { CallPayloads, PayloadPreview } from "@/lib/traces/pages";
import type { TreeScope } from "./call-tree";
import { formatLength, prettyJson } from "./format";

const label = { inputs: "Inputs", output: "Output" } as const;

async function fetchPayloads(scope: TreeScope, callId: string): Promise<CallPayloads> {
  const result = await callPayloadsAction(undefined, { team: scope.team, project: scope.project, callId });
  if (!result.ok || !result.data) throw new Error(result.message ?? "The call could not be loaded.");
  return result.data as CallPayloads;
}

export function Payload({
  scope,
  callId,
  which,
  preview,
  pending = false,
}: {
  scope: TreeScope;
  callId: string;
  which: "inputs" | "output";
  preview: PayloadPreview;
  /** The call is still running: no output yet. */
  pending?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const fullId = useId();
  // Inputs and output come together: expanding one makes the other instant.
  const query = useQuery({
    queryKey: ["trace-payloads", scope.team, scope.project, callId],
    queryFn: () => fetchPayloads(scope, callId),
    enabled: open,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const name = label[which];
  if (preview.text === null) {
    return (
      <>
        <dt className="text-slate-500">{name}</dt>
        <dd className="text-slate-500">{pending ? "— (not returned yet)" : "—"}</dd>
      </>
    );
  }
  const cut = preview.length > preview.text.length;
  return (
    <>
      <dt className="text-slate-500">{name}</dt>
      <dd className="min-w-0 space-y-1">
        {!open && (
          <code className="line-clamp-2 font-mono text-xs break-all text-slate-800">
            {preview.text}
            {cut && "…"}
          </code>
        )}
        <Button
          variant="ghost"
          size="sm"
          className="-ml-3"
          aria-expanded={open}
          aria-controls={fullId}
          onClick={() => setOpen(!open)}
        >
          {open ? `Collapse ${which}` : `Expand ${which}`}
          {!open && cut && (
            <span className="text-xs font-normal text-slate-500">({formatLength(preview.length)})</span>
          )}
        </Button>
        <div id={fullId} hidden={!open}>
          {open &&
            (query.isPending ? (
              <p aria-live="polite" className="text-sm text-slate-600">
                Loading {which}…
              </p>
            ) : query.isError ? (
              <p role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700">
                {query.error.message}
                <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
                  Try again
                </Button>
              </p>
            ) : (
              <section
                aria-label={`${name} of the call, as JSON`}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
                tabIndex={0}
                className="max-h-96 overflow-auto rounded-md bg-slate-50 ring-1 ring-slate-200"
              >
                <pre className="p-3 font-mono text-xs text-slate-800">
                  {prettyJson(which === "inputs" ? query.data.inputs : query.data.output)}
                </pre>
              </section>
            ))}
        </div>
      </dd>
    </>
  );
}
