"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { changeMemberRoleAction, removeMemberAction } from "@/app/org/[org]/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Role = "admin" | "member" | "viewer";
interface Member {
  userId: string;
  username: string;
  email: string;
  displayName: string;
  role: Role;
}

export function MembersTable({
  org,
  members,
  canManage,
  currentUserId,
}: {
  org: string;
  members: Member[];
  canManage: boolean;
  currentUserId: string;
}) {
  const router = useRouter();
  const onResult = (state: { ok?: boolean; message?: string }) => {
    if (state.ok) {
      toast.success(state.message);
      router.refresh();
    } else toast.error(state.message ?? "That did not work.");
  };
  const changeRole = useMutation({
    mutationFn: (v: { username: string; role: Role }) => changeMemberRoleAction(undefined, { org, ...v }),
    onSuccess: onResult,
  });
  const remove = useMutation({
    mutationFn: (username: string) => removeMemberAction(undefined, { org, username }),
    onSuccess: onResult,
  });

  return (
    <section aria-labelledby="members-heading" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="members-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
        Members <span className="font-normal text-slate-500">({members.length})</span>
      </h2>
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="px-5 py-2 font-medium">User</th>
              <th className="px-5 py-2 font-medium">Role</th>
              {canManage && (
                <th className="px-5 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.userId} data-testid={`member-${m.username}`}>
                <td className="px-5 py-2">
                  <div className="font-medium">
                    {m.username}
                    {m.userId === currentUserId && <span className="ml-2 text-slate-500">(you)</span>}
                  </div>
                  <div className="text-slate-500">{m.email}</div>
                </td>
                <td className="px-5 py-2">
                  {canManage ? (
                    <select
                      aria-label={`Role of ${m.username}`}
                      value={m.role}
                      disabled={changeRole.isPending}
                      onChange={(e) =>
                        changeRole.mutate({ username: m.username, role: e.target.value as Role })
                      }
                      className="rounded-md border border-slate-300 bg-white px-2 py-1"
                    >
                      <option value="admin">admin</option>
                      <option value="member">member</option>
                      <option value="viewer">viewer</option>
                    </select>
                  ) : (
                    <Badge>{m.role}</Badge>
                  )}
                </td>
                {canManage && (
                  <td className="px-5 py-2 text-right">
                    <ConfirmDialog
                      title={`Remove ${m.username}?`}
                      description={`${m.username} loses access to every team and project of this organization.`}
                      confirmLabel="Remove member"
                      onConfirm={() => remove.mutateAsync(m.username)}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Remove ${m.username}`}>
                          Remove
                        </Button>
                      }
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
