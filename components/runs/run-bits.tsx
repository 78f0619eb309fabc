// Small pieces shared by the runs table and the run page: state, who logged a run, for whom, when.
import { Badge } from "@/components/ui/badge";
import type { RunListItem } from "@/lib/runs/service";
import { formatMoment, formatRelative } from "./format";

const stateTone = { running: "blue", finished: "green", failed: "red", crashed: "amber" } as const;

export function RunStateBadge({ state }: { state: string }) {
  const tone = stateTone[state as keyof typeof stateTone] ?? "slate";
  return (
    <Badge tone={tone}>
      {state === "running" && <span aria-hidden className="mr-1.5 size-1.5 rounded-full bg-blue-500" />}
      {state}
    </Badge>
  );
}

const markerClass = "text-xs text-slate-500";

/** The principal that wrote the run, and what kind it is. */
export function LoggedBy({ loggedBy }: { loggedBy: RunListItem["loggedBy"] }) {
  if (loggedBy.kind === "unknown" || !loggedBy.name) {
    return (
      <span className="text-slate-500">
        — <span className={markerClass}>unknown</span>
      </span>
    );
  }
  const marker =
    loggedBy.kind === "user" ? "user" : loggedBy.deleted ? "deleted service account" : "service account";
  return (
    <span className="inline-flex flex-col">
      <span className={`font-medium ${loggedBy.deleted ? "text-slate-500 line-through" : ""}`}>
        {loggedBy.name}
      </span>
      <span className={markerClass}>{marker}</span>
    </span>
  );
}

/** The user the run is attributed to, or why a requested attribution was ignored. */
export function OnBehalfOf({
  attributedTo,
  attributionNote,
}: {
  attributedTo: string | null;
  attributionNote: string | null;
}) {
  if (attributedTo) return <span className="font-medium">{attributedTo}</span>;
  return (
    <span className="inline-flex flex-col">
      <span className="text-slate-500">—{!attributionNote && <span className="sr-only">no one</span>}</span>
      {attributionNote && (
        <span className="mt-0.5 max-w-64 text-xs text-amber-800 [overflow-wrap:anywhere]">
          {attributionNote}
        </span>
      )}
    </span>
  );
}

export function RelativeTime({ at, now }: { at: Date; now: Date }) {
  return (
    <time dateTime={at.toISOString()} title={formatMoment(at)}>
      {formatRelative(at, now)}
    </time>
  );
}

/** The last history step: W&B steps count from 0, one per history row. */
export function lastStep(historyLines: number): string {
  return historyLines > 0 ? String(historyLines - 1) : "—";
}
