"use client";

import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { createTeamAction } from "@/app/org/[org]/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function CreateTeamForm({ org }: { org: string }) {
  const [state, formAction, pending] = useActionState(createTeamAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    }
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 className="font-semibold">New team</h2>
      <input type="hidden" name="org" value={org} />
      <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <TextField
            label="Team name"
            name="name"
            defaultValue={state?.ok ? undefined : state?.values?.name}
            required
            placeholder="ml-platform"
            errors={state?.ok ? undefined : state?.fieldErrors?.name}
            hint="Lowercase letters, digits, '-' and '_'. Used in URLs and as WANDB_ENTITY."
          />
        </div>
        <Button type="submit" pending={pending} className="sm:mt-6">
          Create team
        </Button>
      </div>
      {!state?.ok && !state?.fieldErrors?.name && <FormMessage state={state} />}
    </form>
  );
}
