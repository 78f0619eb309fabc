import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { exportHref } from "@/components/audit/export-href";
import { loadAuditPage, type SearchParams } from "@/components/audit/load";
import { listAuditEvents } from "@/lib/audit/query";
import { orNotFound, signedInContext } from "@/lib/server/page";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return { title: `Audit log · ${(await params).org}` };
}

/** The org's Audit log tab: org admins only (organization.read_audit_log); a 404 for anyone else. */
export default async function OrgAuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { org: slug } = await params;
  const base = `/org/${encodeURIComponent(slug)}/audit-log`;
  const ctx = await signedInContext(base);
  const page = await orNotFound(
    loadAuditPage(await searchParams, (filter, cursor) => listAuditEvents(ctx, slug, filter, cursor)),
  );
  return (
    <AuditLogView
      heading="Audit log"
      intro="Who did what, to which object, from where: every change to members, teams, projects, service accounts and keys, and failed authentications. Times are UTC."
      basePath={base}
      {...page}
      exportHref={exportHref(base, page.filters)}
      emptyText={
        Object.keys(page.filters.params).length
          ? "No events match these filters. Widen the time range or clear a filter."
          : "No events yet. Changes to members, teams, projects and service accounts will appear here."
      }
    />
  );
}
