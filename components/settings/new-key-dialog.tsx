"use client";

// "New API key": a form, then the key itself, shown once. The key lives only in the state of the
// dialog's content, which unmounts when the dialog closes: closing forgets it.
import {
  type FormEvent,
  type ReactNode,
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { toast } from "sonner";
import { createPersonalKeyAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
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
  const keyField = useRef<HTMLInputElement>(null);
  const keyFieldId = useId();
  const warningId = useId();
  // Focus the key, selected, so the keyboard user can copy it at once.
  useEffect(() => {
    keyField.current?.focus();
    keyField.current?.select();
  }, []);
  // Rendered only in the browser (after a click), so `window` is always there.
  const { origin, host } = window.location;
  const env = [
    `export WANDB_API_KEY=${created.key}`,
    `export WANDB_BASE_URL=${origin}`,
    ...(entity ? [`export WANDB_ENTITY=${entity}`] : []),
  ].join("\n");
  const netrc = `machine ${host}\n  login user\n  password ${created.key}`;

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
      <div className="mt-5 space-y-5">
        <div className="space-y-1">
          <label htmlFor={keyFieldId} className="block text-sm font-medium text-slate-800">
            Your new API key
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              ref={keyField}
              id={keyFieldId}
              readOnly
              value={created.key}
              aria-describedby={warningId}
              spellCheck={false}
              autoComplete="off"
              onFocus={(e) => e.currentTarget.select()}
              className="block w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
            />
            <CopyButton text={created.key} label="Copy API key" variant="primary" size="md" />
          </div>
          <p
            id={warningId}
            className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            This key will not be shown again. Store it in your secret manager now.
          </p>
        </div>
        <Snippet
          title="Environment variables"
          hint={
            entity
              ? `WANDB_ENTITY is your default team; set another of your teams to log there.`
              : "You are in no team yet: set WANDB_ENTITY once a team admin adds you to one."
          }
          text={env}
          copyLabel="Copy environment variables"
        />
        <Snippet
          title="~/.netrc"
          hint={
            <>
              What <code>wandb login</code> writes; the W&amp;B clients read it when WANDB_API_KEY is unset.
            </>
          }
          text={netrc}
          copyLabel="Copy .netrc entry"
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

function Snippet({
  title,
  hint,
  text,
  copyLabel,
}: {
  title: string;
  hint: ReactNode;
  text: string;
  copyLabel: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={id} className="text-sm font-medium text-slate-800">
          {title}
        </h3>
        <CopyButton text={text} label={copyLabel} />
      </div>
      <pre className="rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">
        {text}
      </pre>
      <p className="text-xs text-slate-500">{hint}</p>
    </section>
  );
}
