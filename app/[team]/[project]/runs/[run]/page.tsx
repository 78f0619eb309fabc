import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatMoment } from "@/components/runs/format";
import { configRows, metricCharts, summaryRows } from "@/components/runs/metrics";
import { LoggedBy, lastStep, OnBehalfOf, RelativeTime, RunStateBadge } from "@/components/runs/run-bits";
import { RunCharts } from "@/components/runs/run-charts";
import { ValuesTable } from "@/components/runs/values-table";
import { getRun } from "@/lib/runs/service";
import { orNotFound } from "@/lib/server/page";
import { loadProject } from "../../load";

type Params = Promise<{ team: string; project: string; run: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, project, run } = await params;
  return { title: `${run} · ${team}/${project}` };
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{term}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

function Card({
  id,
  title,
  aside,
  children,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-xl border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-slate-200 px-5 py-3">
        <h3 id={id} className="font-semibold">
          {title}
        </h3>
        {aside && <span className="text-sm text-slate-500">{aside}</span>}
      </div>
      {children}
    </section>
  );
}

export default async function RunPage({ params }: { params: Params }) {
  const { team: teamName, project: projectName, run: runName } = await params;
  const { ctx, project } = await loadProject(teamName, projectName);
  const run = await orNotFound(getRun(ctx, project.team.name, project.name, runName));
  const projectHref = `/${encodeURIComponent(project.team.name)}/${encodeURIComponent(project.name)}`;
  const now = new Date();
  const charts = metricCharts(run.history);
  const config = configRows(run.config);
  const summary = summaryRows(run.summary);
  const ended = run.state === "finished" || run.state === "failed";

  return (
    <div className="space-y-6">
      <section aria-labelledby="run-heading" className="rounded-xl border border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-5 py-4">
          <p className="text-sm text-slate-500">
            <Link href={projectHref} className="text-indigo-700 hover:underline">
              Runs
            </Link>{" "}
            <span aria-hidden>/</span>
          </p>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h2 id="run-heading" className="text-xl font-semibold [overflow-wrap:anywhere]">
              {run.displayName || run.name}
            </h2>
            <RunStateBadge state={run.state} />
          </div>
          <p className="mt-0.5 font-mono text-xs text-slate-500">
            <span className="sr-only">Run ID </span>
            {run.name}
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-4 px-5 py-4 text-sm md:grid-cols-3 lg:grid-cols-6">
          <Fact term="Logged by">
            <LoggedBy loggedBy={run.loggedBy} />
          </Fact>
          <Fact term="On behalf of">
            <OnBehalfOf attributedTo={run.attributedTo} attributionNote={run.attributionNote} />
          </Fact>
          <Fact term="Created">
            <RelativeTime at={run.createdAt} now={now} />
            <span className="block text-xs text-slate-500">{formatMoment(run.createdAt)}</span>
          </Fact>
          <Fact term="Updated">
            <RelativeTime at={run.updatedAt} now={now} />
            <span className="block text-xs text-slate-500">{formatMoment(run.updatedAt)}</span>
          </Fact>
          <Fact term="Last step">
            <span className="tabular-nums">{lastStep(run.historyLines)}</span>
          </Fact>
          {ended && run.exitCode !== null && (
            <Fact term="Exit code">
              <span className={`font-mono ${run.exitCode === 0 ? "" : "text-red-700"}`}>{run.exitCode}</span>
            </Fact>
          )}
        </dl>
      </section>

      <Card
        id="charts-heading"
        title="Charts"
        aside={
          charts.metricCount > charts.series.length
            ? `The first ${charts.series.length} of ${charts.metricCount} metrics`
            : undefined
        }
      >
        <div className="p-4 sm:p-5">
          {charts.series.length ? (
            <RunCharts x={charts.x} series={charts.series} />
          ) : (
            <p className="text-sm text-slate-600">
              No numeric metrics yet. Values the run logs with <code className="font-mono">wandb.log()</code>{" "}
              appear here as charts.
            </p>
          )}
        </div>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="config-heading" title="Config">
          <ValuesTable caption={`Config of ${run.name}`} rows={config} empty="This run has no config." />
        </Card>
        <Card id="summary-heading" title="Summary">
          <ValuesTable caption={`Summary of ${run.name}`} rows={summary} empty="No summary yet." />
        </Card>
      </div>
    </div>
  );
}
