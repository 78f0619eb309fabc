import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VisibilitySettings } from "@/components/projects/visibility-settings";
import { allows } from "@/lib/context";
import { projectResource } from "@/lib/projects/service";
import { getUserById } from "@/lib/users/service";
import { loadProject } from "../load";

type Params = Promise<{ team: string; project: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { team, project } = await params;
  return { title: `Settings · ${team}/${project}` };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Visibility and who is listed: for the project's owner, its team's admins and its org's admins. Anyone
 * else gets a 404, like a project they may not read (the layout has already answered those).
 */
export default async function ProjectSettingsPage({ params }: { params: Params }) {
  const { team: teamName, project: projectName } = await params;
  const { ctx, project } = await loadProject(teamName, projectName);
  const resource = projectResource(project);
  const canChangeVisibility = allows(ctx.actor, "project.update_visibility", resource);
  const canManageMembers = allows(ctx.actor, "project.manage_members", resource);
  if (!canChangeVisibility && !canManageMembers) notFound();

  const team = project.team;
  const base = `/${encodeURIComponent(team.name)}/${encodeURIComponent(project.name)}`;
  const owner = project.ownerId ? await getUserById(ctx.db, project.ownerId) : null;
  const me = ctx.actor.kind === "user" ? ctx.actor.username : null;
  const listed = project.restrictedMembers;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        {canChangeVisibility ? (
          <VisibilitySettings
            key={project.visibility}
            team={team.name}
            project={project.name}
            orgName={team.orgName}
            current={project.visibility}
            futureProjectsPrivate={team.futureProjectsPrivate}
            me={me}
          />
        ) : (
          <section
            aria-labelledby="visibility-heading"
            className="rounded-xl border border-slate-200 bg-white"
          >
            <h2 id="visibility-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
              Visibility
            </h2>
            <p className="px-5 py-4 text-sm text-slate-600">
              Only the project&rsquo;s owner, {team.name} admins and {team.orgName} org admins change it.
            </p>
          </section>
        )}
      </div>
      <div className="space-y-6">
        <section aria-labelledby="members-heading" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="members-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
            Users and service accounts
          </h2>
          <div className="space-y-2 px-5 py-4 text-sm text-slate-600">
            {project.visibility === "restricted" ? (
              <>
                <p>
                  {plural(listed.userIds.length, "user", "users")} and{" "}
                  {plural(listed.serviceAccountIds.length, "service account", "service accounts")}{" "}
                  {listed.userIds.length + listed.serviceAccountIds.length === 1 ? "is" : "are"} listed on
                  this restricted project.
                </p>
                <p>
                  <Link href={`${base}/users`} className="font-medium text-indigo-700 hover:underline">
                    {canManageMembers ? "Add or remove them on the Users tab" : "See them on the Users tab"}
                  </Link>
                </p>
              </>
            ) : (
              <p>
                Only restricted projects list users and service accounts one by one; this one follows{" "}
                {team.name}
                &rsquo;s membership. Make it restricted to choose who reads and writes it.
              </p>
            )}
          </div>
        </section>
        <section aria-labelledby="about-heading" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="about-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
            About
          </h2>
          <dl className="space-y-3 px-5 py-4 text-sm">
            <div>
              <dt className="text-xs font-medium text-slate-500">Team</dt>
              <dd>
                <Link
                  href={`/${encodeURIComponent(team.name)}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {team.name}
                </Link>{" "}
                <span className="text-slate-500">in {team.orgName}</span>
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Owner</dt>
              <dd>
                {owner ? (
                  <span className="font-medium">
                    {owner.username}
                    {owner.username === me ? " (you)" : ""}
                  </span>
                ) : (
                  <span className="text-slate-600">None: the project belongs to {team.name} alone.</span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Who may change these settings</dt>
              <dd className="text-slate-700">
                {owner ? `${owner.username} (the owner), ` : ""}
                {team.name} admins and {team.orgName} org admins.
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Created</dt>
              <dd>
                <time dateTime={project.createdAt.toISOString()}>
                  {project.createdAt.toISOString().slice(0, 10)}
                </time>
              </dd>
            </div>
          </dl>
        </section>
      </div>
    </div>
  );
}
