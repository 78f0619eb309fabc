"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { addMemberAction } from "@/app/org/[org]/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function AddMemberForm({ org }: { org: string }) {
  const [kind, setKind] = useState<"existing" | "new">("existing");
  const [state, formAction, pending] = useActionState(addMemberAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const created = state?.ok
    ? (state.data as { username: string; temporaryPassword: string } | undefined)
    : undefined;
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    }
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;

  return (
    <form
      ref={formRef}
      action={formAction}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <h2 className="font-semibold">Add member</h2>
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="kind" value={kind} />
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Who to add</legend>
        <label className="flex items-center gap-2">
          <input type="radio" checked={kind === "existing"} onChange={() => setKind("existing")} />
          Existing user
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" checked={kind === "new"} onChange={() => setKind("new")} />
          New user
        </label>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        {kind === "existing" ? (
          <div className="sm:col-span-2">
            <TextField
              label="Username or email"
              name="login"
              defaultValue={state?.ok ? undefined : state?.values?.login}
              required
              errors={errors?.login}
            />
          </div>
        ) : (
          <>
            <TextField
              label="Username"
              name="username"
              defaultValue={state?.ok ? undefined : state?.values?.username}
              required
              errors={errors?.username}
            />
            <TextField
              label="Email"
              name="email"
              defaultValue={state?.ok ? undefined : state?.values?.email}
              type="email"
              required
              errors={errors?.email}
            />
          </>
        )}
        <SelectField label="Role" name="role" defaultValue="member" errors={errors?.role}>
          <option value="member">member</option>
          <option value="viewer">viewer</option>
          <option value="admin">admin</option>
        </SelectField>
      </div>
      <FormMessage state={state?.ok ? undefined : state} />
      {created && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>
            Temporary password for <strong>{created.username}</strong> (shown once; hand it over securely):
          </p>
          <code data-testid="temporary-password" className="mt-1 block font-mono text-base">
            {created.temporaryPassword}
          </code>
        </div>
      )}
      <Button type="submit" pending={pending}>
        Add member
      </Button>
    </form>
  );
}
