import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { listOrganizations } from "@/lib/orgs/service";
import { signedInContext } from "@/lib/server/page";
import { listTeamsOfUser } from "@/lib/teams/service";

export default async function HomePage() {
  const ctx = await signedInContext("/");
  const [orgs, teams] = await Promise.all([listOrganizations(ctx), listTeamsOfUser(ctx.db, ctx.actor.id)]);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="orgs-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h1 id="orgs-heading" className="text-lg font-semibold">
          Your organizations
        </h1>
        {orgs.length ? (
          <ul className="mt-3 divide-y divide-slate-100">
            {orgs.map((org) => (
              <li key={org.id} className="flex items-center justify-between py-2">
                <Link href={`/org/${org.slug}`} className="font-medium text-indigo-700 hover:underline">
                  {org.name}
                </Link>
                <span className="flex gap-2">
                  {org.plan === "enterprise" && <Badge tone="indigo">Enterprise</Badge>}
                  {org.role && <Badge>{org.role}</Badge>}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-sm text-slate-600">
            You are not in any organization yet. Ask an organization admin to add you.
          </p>
        )}
      </section>
      <section aria-labelledby="teams-heading" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="teams-heading" className="text-lg font-semibold">
          Your teams
        </h2>
        {teams.length ? (
          <ul className="mt-3 divide-y divide-slate-100">
            {teams.map((team) => (
              <li key={team.id} className="flex items-center justify-between py-2">
                <Link href={`/${team.name}`} className="font-medium text-indigo-700 hover:underline">
                  {team.name}
                </Link>
                <span className="flex gap-2 text-sm text-slate-500">
                  {team.orgSlug}
                  <Badge>{team.role}</Badge>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-sm text-slate-600">You are not in any team yet.</p>
        )}
      </section>
    </div>
  );
}
