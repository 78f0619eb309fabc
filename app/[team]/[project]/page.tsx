import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LogARun } from "@/components/runs/log-a-run";
import { RunsTable } from "@/components/runs/runs-table";
import { allows } from "@/lib/context";
import { ServiceError } from "@/lib/errors";
import { projectResource } from "@/lib/projects/service";
import { listRuns } from "@/lib/runs/service";
import { loadProject, requestOrigin } from "./load";

const PAGE_SIZE = 50;

type Params = Promise<{ team: string; project: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, project } = await params;
  return { title: `${project} · ${team}` };
}

export default async function ProjectRunsPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<{ after?: string | string[] }>;
}) {
  const { team: teamName, project: projectName } = await params;
  const { ctx, project, canRead } = await loadProject(teamName, projectName);
  // Settings-only access (an unlisted admin of a restricted project): the runs stay out of reach.
  if (!canRead) redirect(`/${encodeURIComponent(teamName)}/${encodeURIComponent(projectName)}/settings`);
  const rawAfter = (await searchParams).after;
  const after = (Array.isArray(rawAfter) ? rawAfter[0] : rawAfter) || null;
  const base = `/${encodeURIComponent(project.team.name)}/${encodeURIComponent(project.name)}`;

  let page: Awaited<ReturnType<typeof listRuns>> | null = null;
  try {
    page = await listRuns(ctx, project, { first: PAGE_SIZE, after });
  } catch (err) {
    // A mangled ?after= (an edited or truncated link): say so instead of failing the page.
    if (!(err instanceof ServiceError && err.status === 400)) throw err;
  }
  const now = new Date();
  const canWrite = allows(ctx.actor, "project.write", projectResource(project));

  return (
    <section aria-labelledby="runs-heading" className="rounded-xl border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-slate-200 px-5 py-3">
        <h2 id="runs-heading" className="font-semibold">
          Runs
        </h2>
        {after && <span className="text-sm text-slate-500">Older runs</span>}
      </div>
      {!page ? (
        <p className="px-5 py-6 text-sm text-slate-600">
          This page link is broken or out of date.{" "}
          <Link href={base} className="font-medium text-indigo-700 hover:underline">
            Go to the newest runs
          </Link>
          .
        </p>
      ) : page.runs.length ? (
        <RunsTable team={project.team.name} project={project.name} runs={page.runs} now={now} />
      ) : after ? (
        <p className="px-5 py-6 text-sm text-slate-600">No older runs.</p>
      ) : canWrite ? (
        <LogARun
          origin={await requestOrigin()}
          team={project.team.name}
          project={project.name}
          signedIn={ctx.actor.kind === "user"}
        />
      ) : (
        <p className="px-5 py-6 text-sm text-slate-600">No runs have been logged to this project yet.</p>
      )}
      {page && (after || page.hasNextPage) && (
        <nav
          aria-label="Runs pages"
          className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm"
        >
          {after ? (
            <Link href={base} className="font-medium text-indigo-700 hover:underline">
              ← Newest runs
            </Link>
          ) : (
            <span />
          )}
          {page.hasNextPage && page.endCursor && (
            <Link
              href={`${base}?after=${encodeURIComponent(page.endCursor)}`}
              className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 font-medium text-slate-800 hover:bg-slate-50"
            >
              Older runs →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
