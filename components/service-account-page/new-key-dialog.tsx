"use client";

// "Create API key" for a service account: name and expiry, then the key, shown once. The key lives
// only in the state of the dialog's content, which unmounts when the dialog closes.
import {
  type FormEvent,
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { toast } from "sonner";
import { createServiceAccountKeyAction } from "@/app/[team]/service-accounts/[name]/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EXPIRY_CHOICES } from "@/lib/api-keys/expiry";
import { type CreatedKeyData, KeyReveal } from "./key-reveal";
import type { ServiceAccountView } from "./types";

export function NewKeyDialog({ sa }: { sa: ServiceAccountView }) {
  const [open, setOpen] = useState(false);
  // Only whether a key is on screen (to refuse closing by a stray click), never the key itself.
  const [showingKey, setShowingKey] = useState(false);
  const onCreated = useCallback(() => setShowingKey(true), []);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setShowingKey(false);
      }}
      dismissOnOutsideClick={!showingKey}
      width={showingKey ? "xl" : "lg"}
      trigger={<Button>Create API key</Button>}
    >
      <NewKeyFlow sa={sa} onCreated={onCreated} />
    </Dialog>
  );
}

const FIELDS = ["name", "expiry", "expiresOn"] as const;

function NewKeyFlow({ sa, onCreated }: { sa: ServiceAccountView; onCreated: () => void }) {
  const [state, dispatch, pending] = useActionState(createServiceAccountKeyAction, undefined);
  const [expiry, setExpiry] = useState("90d");
  const formRef = useRef<HTMLFormElement>(null);
  const created = state?.ok ? (state.data as CreatedKeyData) : undefined;
  const errors = state?.ok ? undefined : state?.fieldErrors;
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      onCreated();
    }
  }, [state, onCreated]);
  // A refused creation puts the focus on the first field to fix (which reads out its error).
  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);
  if (created) return <KeyReveal sa={sa} created={created} title="API key created" />;

  // Submitted by hand (not `action=`) so React does not reset the fields when creation is refused.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  return (
    <>
      <DialogTitle>Create API key</DialogTitle>
      <DialogDescription>
        A new key for {sa.name}. Its other keys keep working: revoke them once nothing uses them.
      </DialogDescription>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
        <input type="hidden" name="team" value={sa.team} />
        <input type="hidden" name="serviceAccount" value={sa.name} />
        <TextField
          label="Name"
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          defaultValue={state?.values?.name}
          placeholder="github-actions, training-cluster, …"
          errors={errors?.name}
          hint="Says where the key is used, so you know what breaks when you revoke it."
        />
        <SelectField
          label="Expiration"
          name="expiry"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          errors={errors?.expiry}
        >
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
          <option value="custom">Custom date</option>
        </SelectField>
        {expiry === "custom" && (
          <TextField
            label="Expiration date"
            name="expiresOn"
            type="date"
            required
            min={new Date().toISOString().slice(0, 10)}
            errors={errors?.expiresOn}
            hint="The key works until the end of that day (UTC)."
          />
        )}
        <FormMessage state={state?.ok || (errors && FIELDS.some((f) => errors[f])) ? undefined : state} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" pending={pending}>
            Create
          </Button>
        </div>
      </form>
    </>
  );
}
