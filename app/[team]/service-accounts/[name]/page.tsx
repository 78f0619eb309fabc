import type { Metadata } from "next";
import { DangerZone } from "@/components/service-account-page/danger-zone";
import { DetailsForm } from "@/components/service-account-page/details-form";
import { KeysSection } from "@/components/service-account-page/keys-section";
import {
  loadKeys,
  loadServiceAccount,
  loadWorkloadIdentity,
  toView,
} from "@/components/service-account-page/load";
import { serviceAccountPath } from "@/components/service-account-page/types";
import { WorkloadIdentity } from "@/components/service-account-page/workload-identity";
import { signedInContext } from "@/lib/server/page";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ team: string; name: string }>;
}): Promise<Metadata> {
  const { team, name } = await params;
  return { title: `${name} · Service accounts · ${team}` };
}

export default async function ServiceAccountOverviewPage({
  params,
}: {
  params: Promise<{ team: string; name: string }>;
}) {
  const { team, name } = await params;
  await signedInContext(serviceAccountPath(team, name));
  // The layout already answered 404 to anyone who may not manage it; this is the same cached read.
  const { ctx, sa } = (await loadServiceAccount(team, name))!;
  const [keys, identity] = await Promise.all([
    sa.authMethod === "api_key" ? loadKeys(ctx, sa) : null,
    loadWorkloadIdentity(ctx, sa),
  ]);
  const view = toView(sa);
  return (
    <div className="space-y-6">
      {keys && <KeysSection sa={view} keys={keys} />}
      {identity && <WorkloadIdentity sa={view} identity={identity} />}
      <DetailsForm sa={view} />
      <DangerZone sa={view} />
    </div>
  );
}
