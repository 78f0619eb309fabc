import type { Metadata } from "next";
import { AccessTokenLifetimeForm } from "@/components/federation/access-token-lifetime-form";
import { JwtIssuersSection } from "@/components/federation/jwt-issuers-section";
import { getAccessTokenLifetime, listJwtIssuers } from "@/lib/federation/issuers";
import { getOrganization } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return { title: `Settings · ${(await params).org}` };
}

export default async function OrgSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await signedInContext(`/org/${slug}/settings`);
  const org = await orNotFound(getOrganization(ctx, slug));
  // Org admins of enterprise orgs only (jwt_issuer.manage): anyone else gets the 404 page, with a 404 status.
  const issuers = await orNotFound(listJwtIssuers(ctx, org.slug));
  const lifetimeSeconds = await getAccessTokenLifetime(ctx, org.slug);
  return (
    <section aria-labelledby="authentication-heading" className="space-y-6">
      <div>
        <h2 id="authentication-heading" className="text-lg font-semibold">
          Authentication
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Workloads such as GitHub Actions jobs or Kubernetes pods can act as a federated service account of{" "}
          {org.name} without storing an API key: they exchange a JWT from their identity provider at{" "}
          <code className="rounded bg-slate-100 px-1 text-xs">POST /oidc/token</code> for a short-lived access
          token.
        </p>
      </div>
      <JwtIssuersSection
        org={org.slug}
        issuers={issuers.map((i) => ({
          url: i.url,
          audience: i.audience,
          discoveryUrl: i.discoveryUrl,
          jwksUri: i.jwksUri,
          keys: i.keys,
          discoveredAt: i.discoveredAt.toISOString(),
          createdBy: i.createdBy,
          createdAt: i.createdAt.toISOString(),
          boundServiceAccounts: i.boundServiceAccounts,
        }))}
      />
      <AccessTokenLifetimeForm org={org.slug} minutes={lifetimeSeconds / 60} />
    </section>
  );
}
