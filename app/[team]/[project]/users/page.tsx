import type { Metadata } from "next";
import Link from "next/link";
import { ProjectMembers } from "@/components/projects/project-members";
import { accessSentence, VISIBILITY_ADJECTIVE } from "@/components/projects/visibility";
import { allows } from "@/lib/context";
import {
  listableMembers,
  listProjectMembers,
  listProjectServiceAccounts,
  projectResource,
} from "@/lib/projects/service";
import { loadProject } from "../load";

type Params = Promise<{ team: string; project: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, project } = await params;
  return { title: `Users · ${team}/${project}` };
}

/**
 * The users and service accounts listed on a restricted project. Whoever may read the project sees
 * the list (the layout answers 404 to everyone else); owners, team admins and org admins change it.
 */
export default async function ProjectUsersPage({ params }: { params: Params }) {
  const { team: teamName, project: projectName } = await params;
  const { ctx, project } = await loadProject(teamName, projectName);
  const resource = projectResource(project);
  const canManage = allows(ctx.actor, "project.manage_members", resource);
  const base = `/${encodeURIComponent(project.team.name)}/${encodeURIComponent(project.name)}`;
  const names = { team: project.team.name, org: project.team.orgName };

  if (project.visibility !== "restricted") {
    const canChange = allows(ctx.actor, "project.update_visibility", resource);
    return (
      <section aria-labelledby="users-heading" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="users-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
          Users
        </h2>
        <div className="space-y-2 px-5 py-4 text-sm text-slate-600">
          <p>
            This project is {VISIBILITY_ADJECTIVE[project.visibility]}.{" "}
            {accessSentence(project.visibility, names, "now")}
          </p>
          <p>
            Only restricted projects list their users and service accounts one by one.{" "}
            {canChange ? (
              <Link href={`${base}/settings`} className="font-medium text-indigo-700 hover:underline">
                Restrict it in Settings
              </Link>
            ) : (
              "Its owner, team admins and org admins can restrict it."
            )}
          </p>
        </div>
      </section>
    );
  }

  const [users, serviceAccounts, listable] = await Promise.all([
    listProjectMembers(ctx.db, project),
    listProjectServiceAccounts(ctx.db, project),
    canManage ? listableMembers(ctx, project) : null,
  ]);
  return (
    <ProjectMembers
      team={project.team.name}
      project={project.name}
      orgName={project.team.orgName}
      me={ctx.actor.kind === "user" ? ctx.actor.username : null}
      users={users.map((u) => ({
        username: u.username,
        displayName: u.displayName,
        owner: u.id === project.ownerId,
      }))}
      serviceAccounts={serviceAccounts.map((a) => ({ path: a.path, scope: a.scope }))}
      listable={
        listable && {
          users: listable.users.map((u) => u.username),
          serviceAccounts: listable.serviceAccounts.map((a) => ({ path: a.path, scope: a.scope })),
        }
      }
    />
  );
}
