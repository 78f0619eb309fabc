import type { ReactNode } from "react";
import { ServiceAccountHeader } from "@/components/service-account-page/header";
import { loadServiceAccount, toView } from "@/components/service-account-page/load";
import { serviceAccountPath } from "@/components/service-account-page/types";
import { TabNav } from "@/components/ui/tabs";

// A service account's page, for the admins who manage it (service_account.manage): anyone else
// gets a 404, decided here before anything streams. The tabs' pages decide again for themselves.
export default async function ServiceAccountLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ team: string; name: string }>;
}) {
  const { team, name } = await params;
  const loaded = await loadServiceAccount(team, name);
  // Signed out: the page sends the visitor to sign in (it knows the full path to come back to).
  if (!loaded) return children;
  const sa = toView(loaded.sa);
  const base = serviceAccountPath(sa.team, sa.name);
  return (
    <div className="space-y-6">
      <ServiceAccountHeader sa={sa} />
      {/* Wrapped: the nav's own -mb-px would cancel the gap above the page's first card. */}
      <div>
        <TabNav
          label="Service account sections"
          tabs={[
            { href: base, label: "Overview" },
            { href: `${base}/access`, label: "Effective access" },
            { href: `${base}/activity`, label: "Activity" },
          ]}
        />
      </div>
      {children}
    </div>
  );
}
