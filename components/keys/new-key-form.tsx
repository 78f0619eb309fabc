"use client";

// The "new API key" form: a name and an expiry, for a personal key (user settings) or a service
// account's (its page).
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DialogActions, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { ExpiryField } from "./expiry-field";

/** The fields that show their own error (any other refusal is said above the buttons). */
const FIELDS = ["name", "expiry", "expiresOn"] as const;

export function NewKeyForm({
  title,
  description,
  namePlaceholder,
  sayWhen = false,
  hidden = {},
  state,
  dispatch,
  pending,
}: {
  title: string;
  description: ReactNode;
  namePlaceholder: string;
  /** Under the expiry, the day the key would stop working. */
  sayWhen?: boolean;
  /** Sent along: whose key it is. */
  hidden?: Record<string, string>;
  state:
    | {
        ok?: boolean;
        message?: string;
        fieldErrors?: Record<string, string[]>;
        values?: Record<string, string>;
      }
    | undefined;
  dispatch: (data: FormData) => void;
  pending: boolean;
}) {
  const { formRef, errors, onSubmit } = useActionForm(state, dispatch);
  const fieldShowsError = errors && FIELDS.some((f) => errors[f]);

  return (
    <>
      <DialogTitle>{title}</DialogTitle>
      <DialogDescription>{description}</DialogDescription>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <TextField
          label="Name"
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          defaultValue={state?.values?.name}
          placeholder={namePlaceholder}
          errors={errors?.name}
          hint="Says where the key is used, so you know what breaks when you revoke it."
        />
        <ExpiryField errors={errors} sayWhen={sayWhen} />
        <FormMessage state={state?.ok || fieldShowsError ? undefined : state} />
        <DialogActions>
          <Button type="submit" pending={pending}>
            Create
          </Button>
        </DialogActions>
      </form>
    </>
  );
}
