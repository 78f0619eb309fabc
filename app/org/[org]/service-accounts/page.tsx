import type { Metadata } from "next";
import { loadServiceAccountPage } from "@/components/service-accounts/load";
import { EnterpriseNotice, NoTeamNotice } from "@/components/service-accounts/notices";
import { ServiceAccountsSection } from "@/components/service-accounts/section";
import { allows } from "@/lib/context";
import { getOrganization, orgResource } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { teamsOfOrg } from "@/lib/teams/service";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return { title: `Service accounts · ${(await params).org}` };
}

export default async function OrgServiceAccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { q, page } = await searchParams;
  const ctx = await signedInContext(`/org/${slug}/service-accounts`);
  const org = await orNotFound(getOrganization(ctx, slug));
  // Org admins only (service_account.list_org): anyone else gets the 404 page, with a 404 status.
  const initial = await orNotFound(loadServiceAccountPage(ctx, { scope: "org", org: org.slug }, q, page));
  const canCreate = allows(ctx.actor, "service_account.create_org_scoped", orgResource(org));
  const teams = canCreate ? await teamsOfOrg(ctx.db, org.id) : [];
  const free = org.plan !== "enterprise";

  return (
    <ServiceAccountsSection
      create={canCreate && teams.length ? { scope: "org", org: org.slug, orgName: org.name, teams } : null}
      notice={
        free ? (
          <EnterpriseNotice orgName={org.name} orgSlug={org.slug} />
        ) : canCreate && !teams.length ? (
          <NoTeamNotice orgSlug={org.slug} />
        ) : null
      }
      intro={
        <>
          Non-human identities for CI jobs, training pipelines and LLM apps, with their own API keys. Every
          service account of {org.name} is listed: org service accounts (created here, able to log to any
          team, each with a default team) and team service accounts (created by team admins).
        </>
      }
      list={{
        where: { scope: "org", org: org.slug },
        initial,
        orgSlug: org.slug,
        managesOrgAccounts: true,
        emptyText: free
          ? `${org.name} has no service accounts.`
          : canCreate && teams.length
            ? "No service accounts yet. Choose New service account to give a CI job or a training pipeline its own API key."
            : "No service accounts yet.",
      }}
    />
  );
}
