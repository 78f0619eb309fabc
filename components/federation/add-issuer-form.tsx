"use client";

import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { addJwtIssuerAction } from "@/app/org/[org]/settings/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function AddIssuerForm({ org }: { org: string }) {
  const [state, formAction, pending] = useActionState(addJwtIssuerAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
    }
  }, [state]);
  const failed = state?.ok ? undefined : state;
  const errors = failed?.fieldErrors;
  // A refusal that names a field is shown beside it; any other one above the button.
  const formLevel = failed && !errors?.url && !errors?.audience ? failed : undefined;

  return (
    <form ref={formRef} action={formAction} className="space-y-4 border-t border-slate-100 px-5 py-4">
      <h3 className="font-medium">Add JWT issuer</h3>
      <input type="hidden" name="org" value={org} />
      <div className="grid gap-3 md:grid-cols-2">
        <TextField
          label="Issuer URL"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          placeholder="https://token.actions.githubusercontent.com"
          defaultValue={failed?.values?.url}
          errors={errors?.url}
          hint="Exactly as the iss claim of its JWTs. Discovery: /.well-known/openid-configuration."
        />
        <TextField
          label="Audience"
          name="audience"
          autoComplete="off"
          spellCheck={false}
          placeholder={org}
          defaultValue={failed?.values?.audience}
          errors={errors?.audience}
          hint={`The aud its JWTs must carry: any string or absolute URI. Leave empty for ${org}.`}
        />
      </div>
      <FormMessage state={formLevel} />
      <Button type="submit" pending={pending}>
        {pending ? "Discovering…" : "Add JWT issuer"}
      </Button>
    </form>
  );
}
