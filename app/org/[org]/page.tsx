import type { Metadata } from "next";
import Link from "next/link";
import { CreateTeamForm } from "@/components/orgs/create-team-form";
import { getOrganization, orgPermissions } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { listTeams } from "@/lib/teams/service";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return { title: `Teams · ${(await params).org}` };
}

export default async function OrgTeamsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await signedInContext(`/org/${slug}`);
  const org = await orNotFound(getOrganization(ctx, slug));
  const teams = await listTeams(ctx, org);
  const can = orgPermissions(ctx, org);
  return (
    <div className="space-y-6">
      {can.createTeam && <CreateTeamForm org={org.slug} />}
      <section aria-labelledby="teams-heading" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="teams-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
          Teams <span className="font-normal text-slate-500">({teams.length})</span>
        </h2>
        {teams.length ? (
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="px-5 py-2 font-medium">Name</th>
                <th className="px-5 py-2 font-medium">Members</th>
                <th className="px-5 py-2 font-medium">Projects</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {teams.map((team) => (
                <tr key={team.id}>
                  <td className="px-5 py-2">
                    <Link href={`/${team.name}`} className="font-medium text-indigo-700 hover:underline">
                      {team.name}
                    </Link>
                  </td>
                  <td className="px-5 py-2">{team.memberCount}</td>
                  <td className="px-5 py-2">{team.projectCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="px-5 py-6 text-sm text-slate-600">
            No teams yet.
            {can.createTeam ? " Create the first one above." : " An organization admin can create one."}
          </p>
        )}
      </section>
    </div>
  );
}
