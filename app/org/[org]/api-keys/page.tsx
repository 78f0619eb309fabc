import type { Metadata } from "next";
import { loadKeyPage } from "@/components/api-keys/load";
import { ServiceAccountKeysSection } from "@/components/api-keys/service-account-keys";
import { getOrganization } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return { title: `API keys · ${(await params).org}` };
}

export default async function OrgApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { q, status } = await searchParams;
  const ctx = await signedInContext(`/org/${slug}/api-keys`);
  const org = await orNotFound(getOrganization(ctx, slug));
  // Org admins only (organization.list_api_keys): anyone else gets the 404 page, with a 404 status.
  const initial = await orNotFound(loadKeyPage(ctx, { scope: "org", org: org.slug }, { q, status }));
  return (
    <ServiceAccountKeysSection
      where={{ scope: "org", org: org.slug }}
      params={{ q: "q", status: "status" }}
      initial={initial}
      intro={
        <>
          Every API key of {org.name}&rsquo;s service accounts, newest first. Revoke the keys of a retired
          pipeline or a leaked secret here, one or several at once: they stop working on the next request. New
          keys are created on each service account&rsquo;s page.
        </>
      }
      emptyText={`No service account of ${org.name} has an API key yet.`}
    />
  );
}
