"use client";

// "New service account": a form (org tab: Name + Default team; team tab: Name + Authentication
// method: a built-in API key, or a federated identity, i.e. a JWT issuer of the org + an exact
// subject), then the service account's first API key, shown once (or, federated, where its
// workload snippet is). The key lives only in the state of the dialog's content, which unmounts
// when the dialog closes: closing forgets it.
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useActionState, useCallback, useEffect, useId, useState } from "react";
import { createTeamServiceAccountAction, subjectWarningsAction } from "@/app/[team]/service-accounts/actions";
import { createOrgServiceAccountAction } from "@/app/org/[org]/service-accounts/actions";
import { KeyPanel } from "@/components/keys/key-panel";
import { ShowOnceDialog, useCreated } from "@/components/keys/show-once-dialog";
import { Button } from "@/components/ui/button";
import { DialogActions, DialogDescription, DialogDone, DialogTitle } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { CreatedServiceAccountResult } from "./types";

export type NewServiceAccountTarget =
  | { scope: "org"; org: string; orgName: string; teams: string[] }
  | {
      scope: "team";
      team: string;
      orgName: string;
      /** The org's JWT issuers a federated account may be bound to. */
      issuers: Array<{ url: string; audience: string }>;
      /** The org's Settings tab, for a viewer who may register issuers there (org admins); else null. */
      issuerSettingsHref: string | null;
    };

/** What the team action answers for a federated account: no key, its binding and what to double-check. */
export interface FederatedCreatedResult {
  serviceAccount: { name: string; team: string; scope: "org" | "team" };
  federation: { issuer: string; subject: string; warnings: string[] };
}

type CreatedResult = CreatedServiceAccountResult | FederatedCreatedResult;

type FormState =
  | { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown }
  | undefined;

export function NewServiceAccountDialog({ target }: { target: NewServiceAccountTarget }) {
  return (
    <ShowOnceDialog widen trigger={<Button>New service account</Button>}>
      {(onShown) => <Flow target={target} onShown={onShown} />}
    </ShowOnceDialog>
  );
}

function Flow({ target, onShown }: { target: NewServiceAccountTarget; onShown: () => void }) {
  const queryClient = useQueryClient();
  // Stable, so the created result is reported once (useCreated runs again when this changes).
  const onCreated = useCallback(() => {
    onShown();
    // Both tabs list org service accounts (the team tab those of its default team): refetch every list.
    void queryClient.invalidateQueries({ queryKey: ["service-accounts"] });
  }, [onShown, queryClient]);
  return target.scope === "org" ? (
    <OrgFlow target={target} onCreated={onCreated} />
  ) : (
    <TeamFlow target={target} onCreated={onCreated} />
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
  const created = useCreated<CreatedResult>(state, onCreated);
  if (created) return <CreatedResultView created={created} />;
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
  const created = useCreated<CreatedResult>(state, onCreated);
  const [method, setMethod] = useState<"api_key" | "federated">("api_key");
  const errorId = useId();
  if (created) return <CreatedResultView created={created} />;
  const noIssuer = method === "federated" && !target.issuers.length;
  return (
    <CreateForm
      state={state}
      dispatch={dispatch}
      pending={pending}
      submitDisabled={noIssuer}
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
            <MethodOption
              value="api_key"
              checked={method === "api_key"}
              onChange={setMethod}
              title="Generate API key (Built-in)"
              text="Its first key is created now and shown once; the W&B clients use it as WANDB_API_KEY."
            />
            <MethodOption
              value="federated"
              checked={method === "federated"}
              onChange={setMethod}
              title="Federated identity"
              text="No stored secret: a workload (GitHub Actions, Kubernetes, a cloud) exchanges a JWT from a trusted issuer for a short-lived token."
            />
            {errors?.authMethod && (
              <p id={errorId} className="text-sm text-red-700">
                {errors.authMethod[0]}
              </p>
            )}
          </fieldset>
          {method === "federated" && <FederatedFields target={target} errors={errors} />}
        </>
      )}
    </CreateForm>
  );
}

function MethodOption({
  value,
  checked,
  onChange,
  title,
  text,
}: {
  value: "api_key" | "federated";
  checked: boolean;
  onChange: (value: "api_key" | "federated") => void;
  title: string;
  text: string;
}) {
  return (
    <label
      className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 text-sm ${
        checked ? "border-indigo-300 bg-indigo-50/40" : "border-slate-200"
      }`}
    >
      <input
        type="radio"
        name="authMethod"
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        className="mt-0.5 size-4 accent-indigo-600"
      />
      <span>
        <span className="block font-medium text-slate-900">{title}</span>
        <span className="block text-xs text-slate-600">{text}</span>
      </span>
    </label>
  );
}

const WARNINGS_DELAY_MS = 300;

/** Issuer and subject of a federated account; the subject's warnings follow what is typed. */
function FederatedFields({
  target,
  errors,
}: {
  target: Extract<NewServiceAccountTarget, { scope: "team" }>;
  errors: Record<string, string[]> | undefined;
}) {
  const [subject, setSubject] = useState("");
  const [warnings, setWarnings] = useState<string[]>([]);
  useEffect(() => {
    if (!subject) {
      setWarnings([]);
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      const result = await subjectWarningsAction(undefined, { team: target.team, subject });
      if (current && result.ok) setWarnings((result.data as string[]) ?? []);
    }, WARNINGS_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [subject, target.team]);

  if (!target.issuers.length) {
    return (
      <div
        role="note"
        className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      >
        <p className="font-medium">{target.orgName} has no JWT issuers yet</p>
        <p className="mt-1 text-amber-900">
          A federated service account trusts the JWTs of an issuer registered for the organization (GitHub
          Actions, a Kubernetes cluster, a cloud).{" "}
          {target.issuerSettingsHref ? (
            <Link href={target.issuerSettingsHref} className="font-medium text-indigo-800 underline">
              Register a JWT issuer on the organization&rsquo;s Settings tab
            </Link>
          ) : (
            "Ask an org admin to register one on the organization's Settings tab."
          )}
        </p>
      </div>
    );
  }
  return (
    <>
      <SelectField
        label="JWT issuer"
        name="issuer"
        required
        defaultValue={target.issuers.length === 1 ? target.issuers[0]!.url : ""}
        errors={first(errors?.issuer)}
        hint="The identity provider whose JWTs this account accepts (registered by org admins)."
      >
        <option value="">Choose an issuer</option>
        {target.issuers.map((issuer) => (
          <option key={issuer.url} value={issuer.url}>
            {issuer.url} (audience {issuer.audience})
          </option>
        ))}
      </SelectField>
      <TextField
        label="Subject"
        name="subject"
        required
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        placeholder="repo:acme/pipeline:ref:refs/heads/main"
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        errors={first(errors?.subject)}
        hint="The sub claim of the workload's JWTs, matched exactly (case and spaces included)."
      />
      <div aria-live="polite">{warnings.length > 0 && <SubjectWarnings warnings={warnings} />}</div>
    </>
  );
}

function SubjectWarnings({ warnings }: { warnings: string[] }) {
  return (
    <ul className="space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-950">
      {warnings.map((w) => (
        <li key={w}>
          <span className="font-medium">Check the subject: </span>
          {w}
        </li>
      ))}
    </ul>
  );
}

/** Zod reports every broken rule; the first one says what to fix first. */
function first(errors: string[] | undefined): string[] | undefined {
  return errors?.length ? errors.slice(0, 1) : undefined;
}

const FIELDS = ["name", "defaultTeam", "authMethod", "issuer", "subject"] as const;

function CreateForm({
  state,
  dispatch,
  pending,
  description,
  submitDisabled = false,
  children,
}: {
  state: FormState;
  dispatch: (data: FormData) => void;
  pending: boolean;
  description: ReactNode;
  /** Nothing could be created as things stand (the form says why). */
  submitDisabled?: boolean;
  children: (errors: Record<string, string[]> | undefined) => ReactNode;
}) {
  const { formRef, errors, onSubmit } = useActionForm(state, dispatch);
  const fieldShowsError = errors && FIELDS.some((f) => errors[f]);

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
        <DialogActions>
          <Button type="submit" pending={pending} disabled={submitDisabled}>
            Create
          </Button>
        </DialogActions>
      </form>
    </>
  );
}

function CreatedResultView({ created }: { created: CreatedResult }) {
  return "federation" in created ? <FederatedCreated created={created} /> : <Created created={created} />;
}

function FederatedCreated({ created }: { created: FederatedCreatedResult }) {
  const { serviceAccount: sa, federation } = created;
  return (
    <>
      <DialogTitle>Service account created</DialogTitle>
      <DialogDescription>
        <span className="font-medium text-slate-800">{sa.name}</span> (team {sa.team}) accepts the JWTs of{" "}
        <span className="font-mono text-xs break-all">{federation.issuer}</span> whose subject is exactly{" "}
        <span className="font-mono text-xs break-all whitespace-pre-wrap">
          {JSON.stringify(federation.subject)}
        </span>
        . It owns no API keys: its workloads exchange such a JWT at /oidc/token for a short-lived access
        token.
      </DialogDescription>
      {federation.warnings.length > 0 && (
        <div className="mt-4">
          <SubjectWarnings warnings={federation.warnings} />
        </div>
      )}
      <DialogActions className="mt-6" closeLabel="Done">
        <Link
          href={`/${encodeURIComponent(sa.team)}/service-accounts/${encodeURIComponent(sa.name)}`}
          className="inline-flex h-9 items-center justify-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Open its page for the workload snippet
        </Link>
      </DialogActions>
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
      <DialogDone />
    </>
  );
}
