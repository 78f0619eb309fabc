import type { Metadata } from "next";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { loadAuditPage, type SearchParams } from "@/components/audit/load";
import { listServiceAccountActivity } from "@/lib/audit/query";
import { orNotFound, signedInContext } from "@/lib/server/page";

type Params = Promise<{ team: string; name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, name } = await params;
  return { title: `Activity · ${team}/${name}` };
}

/**
 * A service account's Activity tab: what it did and what was done to it (keys, status, projects),
 * from the audit log. For those who manage it (service_account.manage); a 404 for everyone else.
 */
export default async function ServiceAccountActivityPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}) {
  const { team, name } = await params;
  const base = `/${encodeURIComponent(team)}/service-accounts/${encodeURIComponent(name)}/activity`;
  const ctx = await signedInContext(base);
  const { list, cursor, notice } = await orNotFound(
    loadAuditPage(await searchParams, (_filter, page) => listServiceAccountActivity(ctx, team, name, page)),
  );
  return (
    <AuditLogView
      heading="Recent activity"
      intro={`What ${name} did with its keys or tokens, and what admins did to it. Times are UTC.`}
      basePath={base}
      list={list}
      cursor={cursor}
      filters={null}
      notice={notice}
      emptyText={`No activity recorded for ${name} yet.`}
    />
  );
}
