"use client";

// "New service account": a form (org tab: Name + Default team; team tab: Name + Authentication
// method), then the service account's first API key, shown once. The key lives only in the state
// of the dialog's content, which unmounts when the dialog closes: closing forgets it.
import { useQueryClient } from "@tanstack/react-query";
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
import { createTeamServiceAccountAction } from "@/app/[team]/service-accounts/actions";
import { createOrgServiceAccountAction } from "@/app/org/[org]/service-accounts/actions";
import { KeyPanel } from "@/components/keys/key-panel";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { CreatedServiceAccountResult } from "./types";

export type NewServiceAccountTarget =
  | { scope: "org"; org: string; orgName: string; teams: string[] }
  | { scope: "team"; team: string };

type FormState =
  | { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown }
  | undefined;

export function NewServiceAccountDialog({ target }: { target: NewServiceAccountTarget }) {
  const [open, setOpen] = useState(false);
  // Only whether a key is on screen (to refuse closing by a stray click), never the key itself.
  const [showingKey, setShowingKey] = useState(false);
  const queryClient = useQueryClient();
  const onCreated = useCallback(() => {
    setShowingKey(true);
    // Both tabs list org service accounts (the team tab those of its default team): refetch every list.
    void queryClient.invalidateQueries({ queryKey: ["service-accounts"] });
  }, [queryClient]);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setShowingKey(false);
      }}
      dismissOnOutsideClick={!showingKey}
      width={showingKey ? "xl" : "lg"}
      trigger={<Button>New service account</Button>}
    >
      {target.scope === "org" ? (
        <OrgFlow target={target} onCreated={onCreated} />
      ) : (
        <TeamFlow target={target} onCreated={onCreated} />
      )}
    </Dialog>
  );
}

function OrgFlow({
  target,
  onCreated,
}: {
  target: Extract<NewServiceAccountTarget, { scope: "org" }>;
  onCreated: () => void;
}) {
  const [state, dispatch, pending] = useActionState(createOrgServiceAccountAction, undefined);
  const created = useCreated(state, onCreated);
  if (created) return <Created created={created} />;
  return (
    <CreateForm
      state={state}
      dispatch={dispatch}
      pending={pending}
      description={
        <>
          An org service account can log to every team of {target.orgName}. Its runs land in its default team
          unless a job sets WANDB_ENTITY to another team.
        </>
      }
    >
      {(errors) => (
        <>
          <input type="hidden" name="org" value={target.org} />
          <SelectField
            label="Default team"
            name="defaultTeam"
            required
            defaultValue={target.teams.length === 1 ? target.teams[0] : ""}
            errors={first(errors?.defaultTeam)}
            hint="Where its runs land when WANDB_ENTITY is unset. The name must be free in this team."
          >
            <option value="">Choose a team</option>
            {target.teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </CreateForm>
  );
}

function TeamFlow({
  target,
  onCreated,
}: {
  target: Extract<NewServiceAccountTarget, { scope: "team" }>;
  onCreated: () => void;
}) {
  const [state, dispatch, pending] = useActionState(createTeamServiceAccountAction, undefined);
  const created = useCreated(state, onCreated);
  const errorId = useId();
  if (created) return <Created created={created} />;
  return (
    <CreateForm
      state={state}
      dispatch={dispatch}
      pending={pending}
      description={
        <>
          A team service account reads and writes {target.team}&rsquo;s projects with its own credentials, so
          a pipeline keeps working when the person who set it up leaves.
        </>
      }
    >
      {(errors) => (
        <>
          <input type="hidden" name="team" value={target.team} />
          <fieldset className="space-y-2" aria-describedby={errors?.authMethod ? errorId : undefined}>
            <legend className="text-sm font-medium text-slate-800">Authentication method</legend>
            <label className="flex cursor-pointer items-start gap-3 rounded-md border border-indigo-300 bg-indigo-50/40 px-3 py-2.5 text-sm">
              <input
                type="radio"
                name="authMethod"
                value="api_key"
                defaultChecked
                className="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">Generate API key (Built-in)</span>
                <span className="block text-xs text-slate-600">
                  Its first key is created now and shown once; the W&amp;B clients use it as WANDB_API_KEY.
                </span>
              </span>
            </label>
            {errors?.authMethod && (
              <p id={errorId} className="text-sm text-red-700">
                {errors.authMethod[0]}
              </p>
            )}
          </fieldset>
        </>
      )}
    </CreateForm>
  );
}

function useCreated(state: FormState, onCreated: () => void): CreatedServiceAccountResult | undefined {
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      onCreated();
    }
  }, [state, onCreated]);
  return state?.ok ? (state.data as CreatedServiceAccountResult) : undefined;
}

/** Zod reports every broken rule; the first one says what to fix first. */
function first(errors: string[] | undefined): string[] | undefined {
  return errors?.length ? errors.slice(0, 1) : undefined;
}

const FIELDS = ["name", "defaultTeam", "authMethod"] as const;

function CreateForm({
  state,
  dispatch,
  pending,
  description,
  children,
}: {
  state: FormState;
  dispatch: (data: FormData) => void;
  pending: boolean;
  description: ReactNode;
  children: (errors: Record<string, string[]> | undefined) => ReactNode;
}) {
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
      <DialogTitle>New service account</DialogTitle>
      <DialogDescription>{description}</DialogDescription>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
        <TextField
          label="Name"
          name="name"
          required
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          placeholder="ci-bot, nightly-training, …"
          errors={first(errors?.name)}
          hint="Lowercase letters, digits, '-' and '_', up to 64 characters. Say what uses it: you will see it on every run it logs."
        />
        {children(errors)}
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

function Created({ created }: { created: CreatedServiceAccountResult }) {
  const { serviceAccount: sa, key } = created;
  return (
    <>
      <DialogTitle>Service account created</DialogTitle>
      <DialogDescription>
        <span className="font-medium text-slate-800">{sa.name}</span>{" "}
        {sa.scope === "org" ? `(org service account, default team ${sa.team})` : `(team ${sa.team})`}. Its
        first API key is <span className="font-mono text-xs">{key.keyId}</span>.
      </DialogDescription>
      <div className="mt-5">
        <KeyPanel
          apiKey={key.key}
          entity={sa.team}
          secretName={sa.name}
          label={`API key of ${sa.name}`}
          stacked={["env"]}
          tabbed={["kubernetes", "github", "vault", "netrc"]}
          hints={{
            env:
              sa.scope === "org"
                ? `WANDB_ENTITY is the default team, ${sa.team}; a job may name any team of the organization instead. Add WANDB_USERNAME=<username> to attribute runs to a member of the team.`
                : `WANDB_ENTITY is ${sa.team}, the service account's team. Add WANDB_USERNAME=<username> to attribute runs to a member of the team.`,
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
