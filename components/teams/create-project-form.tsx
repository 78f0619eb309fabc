"use client";

import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { createProjectAction } from "@/app/[team]/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

const VISIBILITIES = [
  { value: "team", label: "Team: members of this team" },
  { value: "restricted", label: "Restricted: listed members only" },
  { value: "public", label: "Public: anyone reads, the team writes" },
  { value: "open", label: "Open: anyone signed in reads and writes" },
];

export function CreateProjectForm({
  team,
  futureProjectsPrivate,
}: {
  team: string;
  futureProjectsPrivate: boolean;
}) {
  const [state, formAction, pending] = useActionState(createProjectAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    }
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const choices = futureProjectsPrivate
    ? VISIBILITIES.filter((v) => v.value === "team" || v.value === "restricted")
    : VISIBILITIES;
  return (
    <form
      ref={formRef}
      action={formAction}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5"
    >
      <h2 className="font-semibold">New project</h2>
      <input type="hidden" name="team" value={team} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Project name"
          name="name"
          defaultValue={state?.ok ? undefined : state?.values?.name}
          required
          errors={errors?.name}
        />
        <SelectField label="Visibility" name="visibility" defaultValue="team" errors={errors?.visibility}>
          {choices.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </SelectField>
      </div>
      <FormMessage state={state?.ok ? undefined : state} />
      <Button type="submit" pending={pending}>
        Create project
      </Button>
    </form>
  );
}
