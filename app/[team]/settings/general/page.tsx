import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TeamSettingsHeader } from "@/components/service-accounts/team-settings-header";
import { FutureProjectsPrivate } from "@/components/teams/future-projects-private";
import { listOrganizationAdminNames } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { getTeam, teamPermissions } from "@/lib/teams/service";

export async function generateMetadata({ params }: { params: Promise<{ team: string }> }): Promise<Metadata> {
  return { title: `General settings · ${(await params).team}` };
}

/**
 * The team's General settings: for its team admins and the org's admins (the team settings pages'
 * audience), a 404 for everyone else. Only org admins change "Make all future projects private".
 */
export default async function TeamGeneralSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: name } = await params;
  const ctx = await signedInContext(`/${name}/settings/general`);
  const team = await orNotFound(getTeam(ctx, name));
  const can = teamPermissions(ctx, team);
  if (!can.openSettings) notFound();

  // Team admins are org members, so they may read the org's member list to know whom to ask.
  const admins = await listOrganizationAdminNames(ctx, team.orgSlug);
  const whoChanges = admins.length
    ? `${team.orgName} org admins (${admins.join(", ")})`
    : `${team.orgName} org admins`;

  return (
    <div className="space-y-6">
      <TeamSettingsHeader team={team.name} orgName={team.orgName} />
      <section aria-labelledby="new-projects-heading" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="new-projects-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
          New projects
        </h2>
        <FutureProjectsPrivate
          team={team.name}
          enabled={team.futureProjectsPrivate}
          canChange={can.updateSettings}
          whoChanges={whoChanges}
        />
      </section>
    </div>
  );
}
