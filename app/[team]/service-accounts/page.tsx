import type { Metadata } from "next";
import { loadKeyPage } from "@/components/api-keys/load";
import { ServiceAccountKeysSection } from "@/components/api-keys/service-account-keys";
import { loadServiceAccountPage } from "@/components/service-accounts/load";
import { CreationDisabledNotice, EnterpriseNotice } from "@/components/service-accounts/notices";
import { ServiceAccountsSection } from "@/components/service-accounts/section";
import { TeamSettingsHeader } from "@/components/service-accounts/team-settings-header";
import { allows } from "@/lib/context";
import { canManageFederation, listIssuersForTeam } from "@/lib/federation/issuers";
import { listOrganizationAdminNames, orgResource } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { teamServiceAccountCreationDisabled } from "@/lib/service-accounts/service";
import { getTeam, teamResource } from "@/lib/teams/service";

export async function generateMetadata({ params }: { params: Promise<{ team: string }> }): Promise<Metadata> {
  return { title: `Service accounts · ${(await params).team}` };
}

export default async function TeamServiceAccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team: name } = await params;
  const { q, page, keys_q: keysQ, keys_status: keysStatus } = await searchParams;
  const ctx = await signedInContext(`/${name}/service-accounts`);
  const team = await orNotFound(getTeam(ctx, name));
  // Team admins of this team and org admins (service_account.list_team): anyone else gets a 404.
  const initial = await orNotFound(loadServiceAccountPage(ctx, { scope: "team", team: team.name }, q, page));
  const org = { id: team.orgId, slug: team.orgSlug, name: team.orgName, plan: team.orgPlan };
  const orgAdmin = allows(ctx.actor, "service_account.list_org", orgResource(org));
  const free = team.orgPlan !== "enterprise";
  const disabled = !free && teamServiceAccountCreationDisabled();
  // On the free plan the policy already refuses; the instance setting is the service's own refusal.
  const canCreate = !disabled && allows(ctx.actor, "service_account.create_team_scoped", teamResource(team));
  // Whom a team admin should ask when team service accounts are turned off (null: not visible to them).
  const orgAdmins =
    disabled && !orgAdmin ? await listOrganizationAdminNames(ctx, team.orgSlug).catch(() => null) : null;
  // The same policy as the list above (service_account.list_team): the keys of the team's own accounts.
  const keys = await loadKeyPage(ctx, { scope: "team", team: team.name }, { q: keysQ, status: keysStatus });
  // A federated account is bound to one of the org's JWT issuers; org admins may register one.
  const issuers = canCreate ? await listIssuersForTeam(ctx, team.name) : [];
  const issuerSettingsHref = canManageFederation(ctx, org)
    ? `/org/${encodeURIComponent(org.slug)}/settings`
    : null;

  return (
    <div className="space-y-6">
      <TeamSettingsHeader team={team.name} orgName={team.orgName} />
      <ServiceAccountsSection
        create={
          canCreate
            ? { scope: "team", team: team.name, orgName: team.orgName, issuers, issuerSettingsHref }
            : null
        }
        notice={
          free ? (
            <EnterpriseNotice orgName={team.orgName} orgSlug={team.orgSlug} />
          ) : disabled ? (
            <CreationDisabledNotice
              team={team.name}
              orgSlug={team.orgSlug}
              orgAdmins={orgAdmins}
              viewerIsOrgAdmin={orgAdmin}
            />
          ) : null
        }
        intro={
          <>
            Identities for {team.name}&rsquo;s CI jobs and pipelines, with their own API keys: they read and
            write the team&rsquo;s projects whoever set them up. Org service accounts whose default team is{" "}
            {team.name} are listed too, marked Org; org admins manage them.
          </>
        }
        list={{
          where: { scope: "team", team: team.name },
          initial,
          orgSlug: team.orgSlug,
          managesOrgAccounts: orgAdmin,
          emptyText: canCreate
            ? `No service accounts in ${team.name} yet. Choose New service account to give a CI job or a pipeline its own API key.`
            : `No service accounts in ${team.name} yet.`,
        }}
      />
      <ServiceAccountKeysSection
        where={{ scope: "team", team: team.name }}
        params={{ q: "keys_q", status: "keys_status" }}
        initial={keys}
        intro={
          <>
            The keys of {team.name}&rsquo;s own service accounts, newest first: revoke one, or several at
            once. Org service accounts&rsquo; keys are on the organization&rsquo;s API keys tab.
          </>
        }
        emptyText={`No service account of ${team.name} has an API key yet.`}
      />
    </div>
  );
}
