"use client";

// "New API key": a form, then the key itself, shown once. The key lives only in the state of the
// dialog's content, which unmounts when the dialog closes: closing forgets it.
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
import { createPersonalKeyAction } from "@/app/settings/actions";
import { KeyPanel } from "@/components/keys/key-panel";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EXPIRY_CHOICES } from "@/lib/api-keys/expiry";
import { formatDay } from "./format";

interface CreatedKey {
  key: string;
  keyId: string;
  name: string;
  expiresAt: string | null;
}

export function NewKeyDialog({ entity }: { entity: string | null }) {
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
      trigger={<Button>New API key</Button>}
    >
      <NewKeyFlow entity={entity} onCreated={onCreated} />
    </Dialog>
  );
}

function NewKeyFlow({ entity, onCreated }: { entity: string | null; onCreated: () => void }) {
  const [state, dispatch, pending] = useActionState(createPersonalKeyAction, undefined);
  const created = state?.ok ? (state.data as CreatedKey) : undefined;
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      onCreated();
    }
  }, [state, onCreated]);
  if (created) return <KeyReveal created={created} entity={entity} />;
  return <NewKeyForm state={state} dispatch={dispatch} pending={pending} />;
}

const FIELDS = ["name", "expiry", "expiresOn"] as const;

function NewKeyForm({
  state,
  dispatch,
  pending,
}: {
  state: { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]> } | undefined;
  dispatch: (data: FormData) => void;
  pending: boolean;
}) {
  const [expiry, setExpiry] = useState("90d");
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  // A refused creation puts the focus on the first field to fix (which reads out its error).
  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);
  const fieldShowsError = errors && FIELDS.some((f) => errors[f]);

  // Submitted by hand (not `action=`) so React does not reset the fields when creation is refused.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  return (
    <>
      <DialogTitle>New API key</DialogTitle>
      <DialogDescription>
        A personal key acts as you, with your own roles: where you can only read, so can the key.
      </DialogDescription>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
        <TextField
          label="Name"
          name="name"
          required
          maxLength={100}
          autoComplete="off"
          placeholder="laptop, training-notebook, …"
          errors={errors?.name}
          hint="Says where the key is used, so you know what breaks when you revoke it."
        />
        <SelectField
          label="Expiration"
          name="expiry"
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          errors={errors?.expiry}
          hint={expiryHint(expiry)}
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
        <FormMessage state={state?.ok || fieldShowsError ? undefined : state} />
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

function expiryHint(expiry: string): string {
  if (expiry === "never") return "The key works until you revoke it.";
  if (expiry === "custom") return "Pick the last day the key works.";
  const days = Number(/^(\d+)d$/.exec(expiry)?.[1] ?? 0);
  return `The key stops working on ${formatDay(new Date(Date.now() + days * 86_400_000))} (UTC).`;
}

function KeyReveal({ created, entity }: { created: CreatedKey; entity: string | null }) {
  return (
    <>
      <DialogTitle>API key created</DialogTitle>
      <DialogDescription>
        <span className="font-medium text-slate-800">{created.name}</span>{" "}
        <span className="font-mono text-xs">({created.keyId})</span>
        {created.expiresAt
          ? `, expires ${formatDay(new Date(created.expiresAt))} (UTC).`
          : ", never expires."}
      </DialogDescription>
      <div className="mt-5">
        <KeyPanel
          apiKey={created.key}
          entity={entity}
          stacked={["env", "netrc"]}
          hints={{
            env: entity
              ? "WANDB_ENTITY is your default team; set another of your teams to log there."
              : "You are in no team yet: set WANDB_ENTITY once a team admin adds you to one.",
          }}
        />
      </div>
      <div className="mt-6 flex justify-end">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            Done
          </Button>
        </DialogClose>
      </div>
    </>
  );
}
