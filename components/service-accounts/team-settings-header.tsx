// The head of a team's settings: the team's name and the settings tabs, for the team's admins and
// the org's admins (each page decides who may see it, through the policy).
import Link from "next/link";
import { TabNav } from "@/components/ui/tabs";

export function teamSettingsTabs(team: string) {
  const base = `/${encodeURIComponent(team)}`;
  return [
    { href: `${base}/service-accounts`, label: "Service Accounts" },
    { href: `${base}/settings/general`, label: "General" },
    { href: `${base}/settings/audit-log`, label: "Audit log" },
  ];
}

export function TeamSettingsHeader({ team, orgName }: { team: string; orgName: string }) {
  return (
    <>
      <div className="min-w-0">
        <p className="text-sm text-slate-500">Team settings · {orgName}</p>
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{team}</h1>
          <Link href={`/${encodeURIComponent(team)}`} className="text-sm text-indigo-700 hover:underline">
            Projects and members
          </Link>
        </div>
      </div>
      {/* Wrapped: the nav's own -mb-px would cancel the gap above the first card. */}
      <div>
        <TabNav label="Team settings" tabs={teamSettingsTabs(team)} />
      </div>
    </>
  );
}
