// The project's runs, newest first: what each run is, its state, who logged it and for whom.
import Link from "next/link";
import type { RunListItem } from "@/lib/runs/service";
import { LoggedBy, lastStep, OnBehalfOf, RelativeTime, RunStateBadge } from "./run-bits";

export function runHref(team: string, project: string, run: string) {
  return `/${encodeURIComponent(team)}/${encodeURIComponent(project)}/runs/${encodeURIComponent(run)}`;
}

const th = "px-3 py-2 font-medium whitespace-nowrap";

export function RunsTable({
  team,
  project,
  runs,
  now,
}: {
  team: string;
  project: string;
  runs: RunListItem[];
  now: Date;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Runs of {project}, newest first</caption>
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className={`${th} pl-5`}>
              Name
            </th>
            <th scope="col" className={th}>
              State
            </th>
            <th scope="col" className={th}>
              Logged by
            </th>
            <th scope="col" className={th}>
              On behalf of
            </th>
            <th scope="col" className={th}>
              Created
            </th>
            <th scope="col" className={`${th} pr-5 text-right`}>
              Last step
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} data-testid={`run-${run.name}`} className="align-top hover:bg-slate-50">
              <th scope="row" className="py-2.5 pr-3 pl-5 text-left font-normal">
                <Link
                  href={runHref(team, project, run.name)}
                  className="block max-w-72 min-w-32 font-medium text-indigo-700 [overflow-wrap:anywhere] hover:underline"
                >
                  {run.displayName || run.name}
                </Link>
                {run.displayName && run.displayName !== run.name && (
                  <span className="block font-mono text-xs text-slate-500">{run.name}</span>
                )}
              </th>
              <td className="px-3 py-2.5">
                <RunStateBadge state={run.state} />
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap">
                <LoggedBy loggedBy={run.loggedBy} />
              </td>
              <td className="min-w-52 px-3 py-2.5">
                <OnBehalfOf attributedTo={run.attributedTo} attributionNote={run.attributionNote} />
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap text-slate-600">
                <RelativeTime at={run.createdAt} now={now} />
              </td>
              <td className="py-2.5 pr-5 pl-3 text-right whitespace-nowrap text-slate-600 tabular-nums">
                {lastStep(run.historyLines)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
