"use client";

import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { updateProfileAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

export interface ProfileFormProps {
  username: string;
  email: string;
  displayName: string;
  /** The chosen default team; null: the first team joined. */
  defaultTeam: string | null;
  teams: { name: string; orgSlug: string; role: string }[];
}

export function ProfileForm({ username, email, displayName, defaultTeam, teams }: ProfileFormProps) {
  const [state, dispatch, pending] = useActionState(updateProfileAction, undefined);
  const { formRef, errors, onSubmit } = useActionForm(state, dispatch);
  // biome-ignore lint/correctness/useExhaustiveDependencies: formRef is a ref, the same on every render.
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      // Show what was saved (trimmed), not what was typed.
      const saved = state.data as { displayName: string } | undefined;
      const input = formRef.current?.elements.namedItem("displayName");
      if (saved && input instanceof HTMLInputElement) input.value = saved.displayName;
    }
  }, [state]);

  const fieldShowsError = errors?.displayName || errors?.defaultTeam;
  const firstTeam = teams[0]?.name;
  return (
    <section aria-labelledby="profile-heading" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="profile-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
        Profile
      </h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4 p-5">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-800">Username</dt>
            <dd className="mt-1 font-mono text-slate-700">{username}</dd>
          </div>
          <div className="min-w-0">
            <dt className="font-medium text-slate-800">Email</dt>
            <dd className="mt-1 truncate text-slate-700">{email}</dd>
          </div>
        </dl>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Display name"
            name="displayName"
            defaultValue={displayName}
            autoComplete="name"
            placeholder={username}
            errors={errors?.displayName}
            hint="Shown in the menu and next to what you log. Up to 100 characters."
          />
          <SelectField
            label="Default team"
            name="defaultTeam"
            defaultValue={defaultTeam ?? ""}
            disabled={!teams.length}
            errors={errors?.defaultTeam}
            hint={
              teams.length
                ? "Used when a request names no entity (WANDB_ENTITY unset)."
                : "You are in no team yet: a team admin can add you to one."
            }
          >
            <option value="">{firstTeam ? `First team joined (${firstTeam})` : "No team"}</option>
            {teams.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name} ({t.orgSlug}, {t.role})
              </option>
            ))}
          </SelectField>
        </div>
        <FormMessage state={state?.ok || fieldShowsError ? undefined : state} />
        <Button type="submit" pending={pending}>
          Save profile
        </Button>
      </form>
    </section>
  );
}
