import type { Metadata } from "next";
import Link from "next/link";
import { Pager, ReachableTable, UnreachableTable } from "@/components/effective-access/access-tables";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { effectiveAccess } from "@/lib/service-accounts/effective-access";

type Params = Promise<{ team: string; name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, name } = await params;
  return { title: `Effective access · ${team}/${name}` };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const pageNumber = (v: string | string[] | undefined) => Number.parseInt(first(v) ?? "1", 10) || 1;

/**
 * A service account's Effective access tab: for those who manage it (service_account.manage), a 404
 * for everyone else. Computed by lib/service-accounts/effective-access (one query, then the policy).
 */
export default async function EffectiveAccessPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { team, name } = await params;
  const query = await searchParams;
  const q = (first(query.q) ?? "").trim().slice(0, 200);
  const base = `/${encodeURIComponent(team)}/service-accounts/${encodeURIComponent(name)}/access`;
  const ctx = await signedInContext(base);
  const access = await orNotFound(
    effectiveAccess(ctx, team, name, {
      search: q,
      page: pageNumber(query.page),
      outPage: pageNumber(query.outPage),
    }),
  );
  const sa = access.serviceAccount;
  const { reachable, unreachable } = access;
  const hrefWith = (changes: Record<string, number>) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    const pages = { page: reachable.page, outPage: unreachable.page, ...changes };
    for (const [key, value] of Object.entries(pages)) if (value > 1) next.set(key, String(value));
    const text = next.toString();
    return text ? `${base}?${text}` : base;
  };

  const writes = reachable.writes;
  const readsOnly = reachable.total - writes;
  const matching = q ? ` matching “${q}”` : "";
  const inactive =
    sa.status !== "active"
      ? `${sa.name} is ${sa.status}: every request it makes is refused, so it reaches no project.`
      : sa.orgPlan !== "enterprise"
        ? `${sa.orgSlug} is on the free plan, where service accounts reach no project. Upgrade to the enterprise plan to use them.`
        : null;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h2 className="text-lg font-semibold">Effective access</h2>
        <p className="text-sm text-slate-600">
          What {sa.teamName}/{sa.name} can do with its credential, decided by the same rules the API applies
          on each request. Listing it on a restricted project, or changing a project&rsquo;s visibility, shows
          here and in the API at once.
        </p>
        {inactive && (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {inactive}
          </p>
        )}
      </div>

      <form method="get" action={base} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 space-y-1 sm:max-w-sm">
          <label htmlFor="access-filter" className="block text-sm font-medium text-slate-800">
            Filter by project name
          </label>
          <input
            id="access-filter"
            name="q"
            type="search"
            defaultValue={q}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs"
          />
        </div>
        <button
          type="submit"
          className="inline-flex h-9 items-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Filter
        </button>
        {q && (
          <Link href={base} className="inline-flex h-9 items-center text-sm text-indigo-700 hover:underline">
            Clear filter
          </Link>
        )}
      </form>

      <section aria-labelledby="reachable-heading" className="rounded-xl border border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-5 py-3">
          <h3 id="reachable-heading" className="font-semibold">
            Projects it can reach <span className="font-normal text-slate-500">({reachable.total})</span>
          </h3>
          <p className="text-sm text-slate-600" aria-live="polite">
            Reads and writes {plural(writes, "project")}, reads {plural(readsOnly, "more project")}
            {matching}.{" "}
            {reachable.total > 0 &&
              `Showing ${reachable.from}–${reachable.from + reachable.items.length - 1}.`}
          </p>
        </div>
        {reachable.items.length ? (
          <ReachableTable
            slice={reachable}
            caption={`Projects ${sa.name} can reach${matching}, by team, page ${reachable.page} of ${reachable.pages}`}
          />
        ) : (
          <p className="px-5 py-6 text-sm text-slate-600">
            {q ? `No project it can reach matches “${q}”.` : `${sa.name} cannot reach any project.`}
          </p>
        )}
        <Pager
          label="Pages of projects it can reach"
          slice={reachable}
          hrefFor={(page) => hrefWith({ page })}
        />
      </section>

      {!inactive && (
        <section
          aria-labelledby="unreachable-heading"
          className="rounded-xl border border-slate-200 bg-white"
        >
          <div className="border-b border-slate-200 px-5 py-3">
            <h3 id="unreachable-heading" className="font-semibold">
              Out of its reach <span className="font-normal text-slate-500">({unreachable.total})</span>
            </h3>
            <p className="text-sm text-slate-600">
              Projects of {sa.orgSlug} someone might expect it to reach{matching}: restricted projects that do
              not list it, and team projects of other teams.
            </p>
          </div>
          {unreachable.items.length ? (
            <UnreachableTable
              slice={unreachable}
              caption={`Projects of ${sa.orgSlug} out of ${sa.name}'s reach${matching}, page ${unreachable.page} of ${unreachable.pages}`}
            />
          ) : (
            <p className="px-5 py-6 text-sm text-slate-600">
              {q
                ? `No project out of its reach matches “${q}”.`
                : `Nothing: ${sa.name} reaches every project of ${sa.orgSlug} it could.`}
            </p>
          )}
          <Pager
            label="Pages of projects out of its reach"
            slice={unreachable}
            hrefFor={(outPage) => hrefWith({ outPage })}
          />
        </section>
      )}
    </div>
  );
}
