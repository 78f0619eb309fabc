"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { addTeamMemberAction, changeTeamRoleAction, removeTeamMemberAction } from "@/app/[team]/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Role = "admin" | "member" | "viewer";

export function TeamMembers({
  team,
  members,
  canManage,
}: {
  team: string;
  members: { userId: string; username: string; role: Role }[];
  canManage: boolean;
}) {
  const router = useRouter();
  const onResult = (state: { ok?: boolean; message?: string }) => {
    if (state.ok) {
      toast.success(state.message);
      router.refresh();
    } else toast.error(state.message ?? "That did not work.");
  };
  const changeRole = useMutation({
    mutationFn: (v: { username: string; role: Role }) => changeTeamRoleAction(undefined, { team, ...v }),
    onSuccess: onResult,
  });
  const remove = useMutation({
    mutationFn: (username: string) => removeTeamMemberAction(undefined, { team, username }),
    onSuccess: onResult,
  });
  return (
    <section
      aria-labelledby="team-members-heading"
      className="h-fit rounded-xl border border-slate-200 bg-white"
    >
      <h2 id="team-members-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
        Members <span className="font-normal text-slate-500">({members.length})</span>
      </h2>
      <ul className="divide-y divide-slate-100">
        {members.map((m) => (
          <li
            key={m.userId}
            data-testid={`team-member-${m.username}`}
            className="flex items-center justify-between gap-2 px-5 py-2 text-sm"
          >
            <span className="font-medium">{m.username}</span>
            {canManage ? (
              <span className="flex items-center gap-1">
                <select
                  aria-label={`Team role of ${m.username}`}
                  value={m.role}
                  disabled={changeRole.isPending}
                  onChange={(e) => changeRole.mutate({ username: m.username, role: e.target.value as Role })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1"
                >
                  <option value="admin">admin</option>
                  <option value="member">member</option>
                  <option value="viewer">viewer</option>
                </select>
                <ConfirmDialog
                  title={`Remove ${m.username} from ${team}?`}
                  description={`${m.username} loses access to this team's team-visible and restricted projects.`}
                  confirmLabel="Remove"
                  onConfirm={() => remove.mutateAsync(m.username)}
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Remove ${m.username} from team`}>
                      Remove
                    </Button>
                  }
                />
              </span>
            ) : (
              <Badge>{m.role}</Badge>
            )}
          </li>
        ))}
      </ul>
      {canManage && <AddTeamMember team={team} />}
    </section>
  );
}

function AddTeamMember({ team }: { team: string }) {
  const [state, formAction, pending] = useActionState(addTeamMemberAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    }
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <form ref={formRef} action={formAction} className="space-y-3 border-t border-slate-200 px-5 py-4">
      <h3 className="text-sm font-semibold">Add to team</h3>
      <input type="hidden" name="team" value={team} />
      <TextField
        label="Username or email"
        name="login"
        defaultValue={state?.ok ? undefined : state?.values?.login}
        required
        errors={errors?.login}
        hint="A member of the organization."
      />
      <SelectField label="Team role" name="role" defaultValue="member">
        <option value="member">member</option>
        <option value="viewer">viewer</option>
        <option value="admin">admin</option>
      </SelectField>
      <FormMessage state={state?.ok ? undefined : state} />
      <Button type="submit" size="sm" pending={pending}>
        Add to team
      </Button>
    </form>
  );
}
