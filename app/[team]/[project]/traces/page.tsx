import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CallTree } from "@/components/traces/call-tree";
import { BrokenPageLink, ListPager } from "@/components/traces/list-pager";
import { ObjectsTable } from "@/components/traces/objects-table";
import { ServiceError } from "@/lib/errors";
import { orNotFound } from "@/lib/server/page";
import { listPublishedObjects, listTraceRoots } from "@/lib/traces/pages";
import { loadProject } from "../load";

const PAGE_SIZE = 25;

type Params = Promise<{ team: string; project: string }>;
type Search = Promise<{ after?: string | string[]; objects?: string | string[] }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, project } = await params;
  return { title: `Traces · ${project} · ${team}` };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || null;

/** A page of a list, or null when the link's cursor is mangled (an edited or truncated link). */
async function orBrokenLink<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof ServiceError && err.status === 400) return null;
    throw err;
  }
}

/** The tab's URL with each list at the page it is on. */
function tracesHref(base: string, at: { after?: string | null; objects?: string | null }): string {
  const query = new URLSearchParams();
  if (at.after) query.set("after", at.after);
  if (at.objects) query.set("objects", at.objects);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

export default async function ProjectTracesPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}) {
  const { team: teamName, project: projectName } = await params;
  const { ctx, project, canRead } = await loadProject(teamName, projectName);
  // Settings-only access (an unlisted admin of a restricted project): as on the Runs tab.
  if (!canRead) redirect(`/${encodeURIComponent(teamName)}/${encodeURIComponent(projectName)}/settings`);
  const search = await searchParams;
  const after = first(search.after);
  const objectsAfter = first(search.objects);
  const projectId = `${project.team.name}/${project.name}`;
  const base = `/${encodeURIComponent(project.team.name)}/${encodeURIComponent(project.name)}/traces`;
  // The same access checks as the trace API (lib/traces/project.ts), on top of the page's own.
  const [roots, objects] = await orNotFound(
    Promise.all([
      orBrokenLink(listTraceRoots(ctx, projectId, { first: PAGE_SIZE, after })),
      orBrokenLink(listPublishedObjects(ctx, projectId, { first: PAGE_SIZE, after: objectsAfter })),
    ]),
  );
  const now = new Date();
  const scope = { team: project.team.name, project: project.name, now };

  return (
    <div className="space-y-6">
      <section aria-labelledby="calls-heading" className="rounded-xl border border-slate-200 bg-white">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-slate-200 px-5 py-3">
          <h2 id="calls-heading" className="font-semibold">
            Calls
          </h2>
          <span className="text-sm text-slate-500">
            {after ? "Older traces" : "Newest traces first; expand a call to see the calls inside it"}
          </span>
        </div>
        {!roots ? (
          <BrokenPageLink href={base} text="Go to the newest traces" />
        ) : roots.calls.length ? (
          <CallTree scope={scope} calls={roots.calls} label={`Traces of ${project.name}, newest first`} />
        ) : after ? (
          <p className="px-5 py-6 text-sm text-slate-600">No older traces.</p>
        ) : (
          <p className="px-5 py-6 text-sm text-slate-600">
            No traces have been logged to this project yet. Apps instrumented with W&B Weave send them here
            with <code className="font-mono text-xs">weave.init(&quot;{projectId}&quot;)</code> and a key that
            may write the project.
          </p>
        )}
        {roots && (
          <ListPager
            label="Trace pages"
            first={
              after ? { href: tracesHref(base, { objects: objectsAfter }), text: "Newest traces" } : null
            }
            next={
              roots.hasNextPage && roots.endCursor
                ? {
                    href: tracesHref(base, { after: roots.endCursor, objects: objectsAfter }),
                    text: "Older traces",
                  }
                : null
            }
          />
        )}
      </section>

      <section aria-labelledby="objects-heading" className="rounded-xl border border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 id="objects-heading" className="font-semibold">
            Objects and datasets
          </h2>
        </div>
        {!objects ? (
          <BrokenPageLink href={base} text="Go to the first objects" />
        ) : objects.objects.length ? (
          <ObjectsTable project={project.name} objects={objects.objects} now={now} />
        ) : (
          <p className="px-5 py-6 text-sm text-slate-600">
            {objectsAfter
              ? "No more objects."
              : "No objects or datasets have been published to this project yet (weave.publish, Dataset.save)."}
          </p>
        )}
        {objects && (
          <ListPager
            label="Object pages"
            first={objectsAfter ? { href: tracesHref(base, { after }), text: "First objects" } : null}
            next={
              objects.hasNextPage && objects.endCursor
                ? { href: tracesHref(base, { after, objects: objects.endCursor }), text: "More objects" }
                : null
            }
          />
        )}
      </section>
    </div>
  );
}
