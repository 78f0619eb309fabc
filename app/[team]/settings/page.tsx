import { notFound, redirect } from "next/navigation";
import { teamSettingsTabs } from "@/components/service-accounts/team-settings-header";
import { allows } from "@/lib/context";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { getTeam, teamResource } from "@/lib/teams/service";

/**
 * `/<team>/settings` opens the first settings tab. Service Accounts is the only one so far, for team
 * admins and org admins; everyone else gets a 404 (decided here, before anything renders).
 */
export default async function TeamSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: name } = await params;
  const ctx = await signedInContext(`/${name}/settings`);
  const team = await orNotFound(getTeam(ctx, name));
  if (!allows(ctx.actor, "service_account.list_team", teamResource(team))) notFound();
  redirect(teamSettingsTabs(team.name)[0]!.href);
}
