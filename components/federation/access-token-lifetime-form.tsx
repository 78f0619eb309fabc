"use client";

import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { setAccessTokenLifetimeAction } from "@/app/org/[org]/settings/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function AccessTokenLifetimeForm({ org, minutes }: { org: string; minutes: number }) {
  const [state, formAction, pending] = useActionState(setAccessTokenLifetimeAction, undefined);
  useEffect(() => {
    if (state?.ok) toast.success(state.message);
  }, [state]);
  const failed = state?.ok ? undefined : state;

  return (
    <form
      action={formAction}
      aria-labelledby="token-lifetime-heading"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5"
    >
      <div>
        <h3 id="token-lifetime-heading" className="font-semibold">
          Access-token lifetime
        </h3>
        <p className="mt-1 text-sm text-slate-600">
          How long an access token from the exchange works before the workload needs a fresh JWT. Applies to
          tokens issued from now on.
        </p>
      </div>
      <input type="hidden" name="org" value={org} />
      <div className="max-w-xs">
        <TextField
          key={minutes}
          label="Lifetime (minutes)"
          name="minutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={720}
          step={1}
          required
          defaultValue={failed?.values?.minutes ?? String(minutes)}
          errors={failed?.fieldErrors?.minutes ?? failed?.fieldErrors?.lifetime}
          hint="5 minutes to 12 hours (720). Default: 60."
        />
      </div>
      <FormMessage state={failed} />
      <Button type="submit" pending={pending}>
        Save lifetime
      </Button>
    </form>
  );
}
