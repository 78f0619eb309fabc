import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { exportHref } from "@/components/audit/export-href";
import { loadAuditPage, type SearchParams } from "@/components/audit/load";
import { TeamSettingsHeader } from "@/components/service-accounts/team-settings-header";
import { listAuditEvents } from "@/lib/audit/query";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { getTeam } from "@/lib/teams/service";

export async function generateMetadata({ params }: { params: Promise<{ team: string }> }): Promise<Metadata> {
  return { title: `Audit log · ${(await params).team}` };
}

/** A team's audit log: its team admins and the org's admins (team.read_audit_log); a 404 for anyone else. */
export default async function TeamAuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { team: name } = await params;
  const base = `/${encodeURIComponent(name)}/settings/audit-log`;
  const ctx = await signedInContext(base);
  const team = await orNotFound(getTeam(ctx, name));
  const page = await orNotFound(
    loadAuditPage(await searchParams, (filter, cursor) =>
      listAuditEvents(ctx, team.orgSlug, { ...filter, teamId: team.id }, cursor),
    ),
  );
  return (
    <div className="space-y-6">
      <TeamSettingsHeader team={team.name} orgName={team.orgName} />
      <AuditLogView
        heading={`Audit log of ${team.name}`}
        intro={`Changes to ${team.name}'s members, projects, service accounts and keys, and failed authentications with its service accounts' keys. Times are UTC.`}
        basePath={base}
        {...page}
        exportHref={exportHref(`/org/${encodeURIComponent(team.orgSlug)}/audit-log`, page.filters, team.id)}
        emptyText={
          Object.keys(page.filters.params).length
            ? "No events match these filters. Widen the time range or clear a filter."
            : `No events in ${team.name} yet.`
        }
      />
    </div>
  );
}
