import type { Metadata } from "next";
import Link from "next/link";
import { CreateProjectForm } from "@/components/teams/create-project-form";
import { TeamMembers } from "@/components/teams/team-members";
import { VisibilityBadge } from "@/components/ui/badge";
import { listProjects } from "@/lib/projects/service";
import { orNotFound, signedInContext } from "@/lib/server/page";
import { getTeam, listTeamMembers, teamPermissions } from "@/lib/teams/service";

export async function generateMetadata({ params }: { params: Promise<{ team: string }> }): Promise<Metadata> {
  return { title: (await params).team };
}

export default async function TeamPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: name } = await params;
  const ctx = await signedInContext(`/${name}`);
  const team = await orNotFound(getTeam(ctx, name));
  const [projects, members] = await Promise.all([listProjects(ctx, team), listTeamMembers(ctx, team)]);
  const can = teamPermissions(ctx, team);
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">
          Team in{" "}
          <Link href={`/org/${team.orgSlug}`} className="text-indigo-700 hover:underline">
            {team.orgName}
          </Link>
        </p>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">{team.name}</h1>
          {can.openSettings && (
            <Link
              href={`/${team.name}/settings`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Team settings
            </Link>
          )}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {can.createProject && (
            <CreateProjectForm team={team.name} futureProjectsPrivate={team.futureProjectsPrivate} />
          )}
          <section aria-labelledby="projects-heading" className="rounded-xl border border-slate-200 bg-white">
            <h2 id="projects-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
              Projects <span className="font-normal text-slate-500">({projects.length})</span>
            </h2>
            {projects.length ? (
              <ul className="divide-y divide-slate-100">
                {projects.map((p) => (
                  <li key={p.id} className="flex items-start justify-between gap-4 px-5 py-3">
                    <div>
                      <Link
                        href={`/${encodeURIComponent(team.name)}/${encodeURIComponent(p.name)}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {p.name}
                      </Link>
                      {p.description && <p className="text-sm text-slate-500">{p.description}</p>}
                    </div>
                    <VisibilityBadge visibility={p.visibility} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-5 py-6 text-sm text-slate-600">
                No projects you can see yet.
                {can.createProject ? " Create one above, or log a run to a new project name." : ""}
              </p>
            )}
          </section>
        </div>
        <TeamMembers
          team={team.name}
          canManage={can.manageMembers}
          members={members.map((m) => ({ userId: m.userId, username: m.username, role: m.role }))}
        />
      </div>
    </div>
  );
}
