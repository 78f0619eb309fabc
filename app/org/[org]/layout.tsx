import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { TabNav } from "@/components/ui/tabs";
import { allows } from "@/lib/context";
import { canManageFederation } from "@/lib/federation/issuers";
import { getOrganization, orgResource } from "@/lib/orgs/service";
import { layoutContext, orNotFound } from "@/lib/server/page";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const ctx = await layoutContext();
  if (!ctx) return children;
  const org = await orNotFound(getOrganization(ctx, slug));
  const base = `/org/${org.slug}`;
  // The same policy the page enforces: org admins only (also on the free plan, where it explains).
  const seesServiceAccounts = allows(ctx.actor, "service_account.list_org", orgResource(org));
  const seesApiKeys = allows(ctx.actor, "organization.list_api_keys", orgResource(org));
  const seesAuditLog = allows(ctx.actor, "organization.read_audit_log", orgResource(org));
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">Organization</p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{org.name}</h1>
          <Badge tone={org.plan === "enterprise" ? "indigo" : "slate"}>
            {org.plan === "enterprise" ? "Enterprise plan" : "Free plan"}
          </Badge>
        </div>
      </div>
      {/* Wrapped: the nav's own -mb-px would cancel the gap above the page's first card. */}
      <div>
        <TabNav
          label="Organization sections"
          tabs={[
            { href: base, label: "Teams" },
            { href: `${base}/members`, label: "Members" },
            ...(seesServiceAccounts ? [{ href: `${base}/service-accounts`, label: "Service Accounts" }] : []),
            ...(seesApiKeys ? [{ href: `${base}/api-keys`, label: "API keys" }] : []),
            ...(seesAuditLog ? [{ href: `${base}/audit-log`, label: "Audit log" }] : []),
            ...(canManageFederation(ctx, org) ? [{ href: `${base}/settings`, label: "Settings" }] : []),
          ]}
        />
      </div>
      {children}
    </div>
  );
}
