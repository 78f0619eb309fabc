import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { TabNav } from "@/components/ui/tabs";
import { getOrganization } from "@/lib/orgs/service";
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
      <TabNav
        label="Organization sections"
        tabs={[
          { href: base, label: "Teams" },
          { href: `${base}/members`, label: "Members" },
        ]}
      />
      {children}
    </div>
  );
}
