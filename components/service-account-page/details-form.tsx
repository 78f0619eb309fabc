"use client";

// Rename and describe the account. A new name moves the page (its address is the name): the server
// redirects there. Keys keep working; jobs that name the account nowhere need no change.
import { useActionState } from "react";
import { updateServiceAccountAction } from "@/app/[team]/service-accounts/[name]/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ServiceAccountView } from "./types";

export function DetailsForm({ sa }: { sa: ServiceAccountView }) {
  const [state, dispatch, pending] = useActionState(updateServiceAccountAction, undefined);
  const { formRef, errors, onSubmit } = useActionForm(state, dispatch);

  return (
    <section aria-labelledby="details-heading" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="details-heading" className="border-b border-slate-200 px-5 py-4 font-semibold">
        Details
      </h2>
      {/* Keyed by name, so a rename (which changes the page) starts from the new values. */}
      <form
        key={sa.name}
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="max-w-xl space-y-4 px-5 py-4"
      >
        <input type="hidden" name="team" value={sa.team} />
        <input type="hidden" name="serviceAccount" value={sa.name} />
        <TextField
          label="Name"
          name="name"
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          defaultValue={state?.values?.name ?? sa.name}
          errors={errors?.name}
          hint={`Unique in ${sa.team}. Renaming moves this page; its keys keep working.`}
        />
        <TextField
          label="Description"
          name="description"
          maxLength={500}
          autoComplete="off"
          defaultValue={state?.values?.description ?? sa.description}
          errors={errors?.description}
          hint="What uses it, and who to ask about it."
        />
        <FormMessage state={errors && (errors.name || errors.description) ? undefined : state} />
        <Button type="submit" pending={pending}>
          Save details
        </Button>
      </form>
    </section>
  );
}
