import type { Metadata } from "next";
import { AddMemberForm } from "@/components/orgs/add-member-form";
import { MembersTable } from "@/components/orgs/members-table";
import { getOrganization, listOrganizationMembers, orgPermissions } from "@/lib/orgs/service";
import { orNotFound, signedInContext } from "@/lib/server/page";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return { title: `Members · ${(await params).org}` };
}

export default async function OrgMembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await signedInContext(`/org/${slug}/members`);
  const org = await orNotFound(getOrganization(ctx, slug));
  const members = await listOrganizationMembers(ctx, org);
  const can = orgPermissions(ctx, org);
  return (
    <div className="space-y-6">
      {can.manageMembers && <AddMemberForm org={org.slug} />}
      <MembersTable
        org={org.slug}
        canManage={can.manageMembers}
        currentUserId={ctx.actor.id}
        members={members.map((m) => ({
          userId: m.userId,
          username: m.username,
          email: m.email,
          displayName: m.displayName,
          role: m.role,
        }))}
      />
    </div>
  );
}
