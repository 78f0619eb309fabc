import Link from "next/link";
import type { ReactNode } from "react";
import { VisibilityBadge } from "@/components/ui/badge";
import { TabNav } from "@/components/ui/tabs";
import { allows } from "@/lib/context";
import { projectResource } from "@/lib/projects/service";
import { teamResource } from "@/lib/teams/service";
import { loadProject } from "./load";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ team: string; project: string }>;
}) {
  const { team: teamName, project: projectName } = await params;
  const { ctx, project, canRead } = await loadProject(teamName, projectName);
  const team = project.team;
  const base = `/${encodeURIComponent(team.name)}/${encodeURIComponent(project.name)}`;
  // Readers of an open or public project need not be able to see its team.
  const canSeeTeam = allows(ctx.actor, "team.read", teamResource(team));
  // Users lists a restricted project's members (other visibilities follow team membership, so the
  // tab would have nothing to list); Settings is for those the server lets change something there.
  const resource = projectResource(project);
  const tabs = [
    ...(canRead
      ? [
          { href: base, label: "Runs", matchPrefixes: [`${base}/runs`] },
          { href: `${base}/traces`, label: "Traces" },
        ]
      : []),
    ...(project.visibility === "restricted" ? [{ href: `${base}/users`, label: "Users" }] : []),
    ...(allows(ctx.actor, "project.update_visibility", resource) ||
    allows(ctx.actor, "project.manage_members", resource)
      ? [{ href: `${base}/settings`, label: "Settings" }]
      : []),
  ];
  return (
    <div className="space-y-6">
      <div className="min-w-0">
        <p className="text-sm text-slate-500">
          Project in{" "}
          {canSeeTeam ? (
            <Link href={`/${encodeURIComponent(team.name)}`} className="text-indigo-700 hover:underline">
              {team.name}
            </Link>
          ) : (
            <span className="font-medium text-slate-700">{team.name}</span>
          )}
        </p>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{project.name}</h1>
          <VisibilityBadge visibility={project.visibility} />
        </div>
        {project.description && (
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{project.description}</p>
        )}
      </div>
      {/* Wrapped: the nav's own -mb-px would cancel the gap above the page's first card. */}
      <div>
        <TabNav label="Project sections" tabs={tabs} />
      </div>
      {children}
    </div>
  );
}
