"use client";

// The Users tab of a restricted project: the users and service accounts listed on it, with Add and
// Remove for those the server lets change the list. The server reads listings on every request, so a
// service account's next API call already follows a change.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useActionState, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import {
  addProjectMemberAction,
  addProjectServiceAccountAction,
  removeProjectMemberAction,
  removeProjectServiceAccountAction,
} from "@/app/[team]/[project]/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions, DialogDescription, DialogDone, DialogTitle } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

export interface ListedUser {
  username: string;
  displayName: string;
  owner: boolean;
}

export interface ListedServiceAccount {
  /** `<team>/<name>`, the way WANDB_ENTITY and the CLI name it. */
  path: string;
  scope: "org" | "team";
}

type Result = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]> };

export function ProjectMembers({
  team,
  project,
  orgName,
  me,
  users,
  serviceAccounts,
  listable,
}: {
  team: string;
  project: string;
  orgName: string;
  /** The signed-in user's username (removing oneself leaves the page). */
  me: string | null;
  users: ListedUser[];
  serviceAccounts: ListedServiceAccount[];
  /** Who could be added; null when the visitor may not change the list. */
  listable: { users: string[]; serviceAccounts: ListedServiceAccount[] } | null;
}) {
  const router = useRouter();
  const canManage = listable !== null;
  const onResult = (state: Result) => {
    if (state.ok) {
      toast.success(state.message);
      router.refresh();
    } else toast.error(state.message ?? "That did not work. Try again.");
  };
  const removeUser = useMutation({
    mutationFn: (username: string) => removeProjectMemberAction(undefined, { team, project, user: username }),
    onSuccess: (state, username) => {
      if (state.ok && username === me) {
        // Unlisted, the project is no longer theirs to see: go where they still can.
        toast.success(state.message);
        router.replace(`/${encodeURIComponent(team)}`);
      } else onResult(state);
    },
  });
  const removeAccount = useMutation({
    mutationFn: (path: string) =>
      removeProjectServiceAccountAction(undefined, { team, project, serviceAccount: path }),
    onSuccess: onResult,
  });

  return (
    <div className="space-y-4">
      <p className="max-w-3xl text-sm text-slate-600">
        {project} is restricted: only the users and service accounts listed here read and write its runs and
        traces (listed viewers read only).{" "}
        {canManage
          ? `Anyone added must be a member of ${team} or an org admin of ${orgName}; a change applies from the very next request.`
          : `Its owner, ${team} admins and ${orgName} org admins change this list.`}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          id="project-users-heading"
          title="Users"
          count={users.length}
          action={
            listable && (
              <AddDialog
                kind="user"
                team={team}
                project={project}
                orgName={orgName}
                choices={listable.users.map((u) => ({ value: u, label: u }))}
                onAdded={onResult}
              />
            )
          }
        >
          {users.length ? (
            <ul className="divide-y divide-slate-100">
              {users.map((u) => (
                <li
                  key={u.username}
                  data-testid={`project-user-${u.username}`}
                  className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm"
                >
                  <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="font-medium [overflow-wrap:anywhere]">{u.username}</span>
                    {u.displayName && u.displayName !== u.username && (
                      <span className="text-slate-500 [overflow-wrap:anywhere]">{u.displayName}</span>
                    )}
                    {u.owner && <Badge tone="indigo">Owner</Badge>}
                    {u.username === me && <Badge>You</Badge>}
                  </span>
                  {canManage && (
                    <ConfirmDialog
                      title={u.username === me ? `Remove yourself from ${project}?` : `Remove ${u.username}?`}
                      description={
                        u.username === me
                          ? `You will no longer see ${project}'s runs and traces until someone lists you again.`
                          : `${u.username} will no longer read or write ${project}'s runs and traces. The runs they logged stay.`
                      }
                      confirmLabel="Remove"
                      onConfirm={() => removeUser.mutateAsync(u.username)}
                      trigger={
                        <Button
                          variant="ghost"
                          size="sm"
                          className="shrink-0"
                          aria-label={`Remove ${u.username}`}
                        >
                          Remove
                        </Button>
                      }
                    />
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="px-5 py-4 text-sm text-slate-600">
              No one is listed: no user can read or write this project&rsquo;s runs and traces.
            </p>
          )}
        </Card>

        <Card
          id="project-service-accounts-heading"
          title="Service accounts"
          count={serviceAccounts.length}
          action={
            listable && (
              <AddDialog
                kind="serviceAccount"
                team={team}
                project={project}
                orgName={orgName}
                choices={listable.serviceAccounts.map((a) => ({
                  value: a.path,
                  label: `${a.path} (${a.scope === "org" ? "org" : "team"} service account)`,
                }))}
                onAdded={onResult}
              />
            )
          }
        >
          {serviceAccounts.length ? (
            <ul className="divide-y divide-slate-100">
              {serviceAccounts.map((a) => (
                <li
                  key={a.path}
                  data-testid={`project-service-account-${a.path}`}
                  className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm"
                >
                  <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
                    <span className="font-mono text-[0.8125rem] font-medium [overflow-wrap:anywhere]">
                      {a.path}
                    </span>
                    <ScopeBadge scope={a.scope} />
                  </span>
                  {canManage && (
                    <ConfirmDialog
                      title={`Remove ${a.path}?`}
                      description={`Its next request to ${project} will be refused, whatever its key. The runs it logged stay.`}
                      confirmLabel="Remove"
                      onConfirm={() => removeAccount.mutateAsync(a.path)}
                      trigger={
                        <Button
                          variant="ghost"
                          size="sm"
                          className="shrink-0"
                          aria-label={`Remove ${a.path}`}
                        >
                          Remove
                        </Button>
                      }
                    />
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="px-5 py-4 text-sm text-slate-600">
              No service account is listed: pipelines cannot read or write this project until one is added.
            </p>
          )}
        </Card>
      </div>
    </div>
  );
}

export function ScopeBadge({ scope }: { scope: "org" | "team" }) {
  return scope === "org" ? <Badge tone="blue">Org</Badge> : <Badge>Team</Badge>;
}

function Card({
  id,
  title,
  count,
  action,
  children,
}: {
  id: string;
  title: string;
  count: number;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="h-fit rounded-xl border border-slate-200 bg-white">
      <div className="flex min-h-[3.25rem] flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-5 py-2">
        <h2 id={id} className="font-semibold">
          {title} <span className="font-normal text-slate-500">({count})</span>
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

const COPY = {
  user: {
    button: "Add user",
    field: "User",
    name: "user",
    none: (team: string, orgName: string) =>
      `Every member of ${team} and every org admin of ${orgName} is already listed. Add people to the team first.`,
    hint: (team: string, orgName: string) => `Members of ${team} and org admins of ${orgName}.`,
    description: (project: string) =>
      `They will read and write ${project}'s runs and traces as their team role allows (viewers read only).`,
  },
  serviceAccount: {
    button: "Add service account",
    field: "Service account",
    name: "serviceAccount",
    none: (team: string, orgName: string) =>
      `Every team service account of ${team} and org service account of ${orgName} is already listed. Create one under ${team}'s Service Accounts settings.`,
    hint: (team: string, orgName: string) =>
      `Team service accounts of ${team} and org service accounts of ${orgName}.`,
    description: (project: string) =>
      `Its API keys will read and write ${project}'s runs and traces from their next request.`,
  },
} as const;

function AddDialog({
  kind,
  team,
  project,
  orgName,
  choices,
  onAdded,
}: {
  kind: keyof typeof COPY;
  team: string;
  project: string;
  orgName: string;
  choices: { value: string; label: string }[];
  onAdded: (state: Result) => void;
}) {
  const [open, setOpen] = useState(false);
  // What was offered when the dialog opened: an addition refreshes the page's lists while the dialog
  // is still open, and the form must stay mounted to report its result.
  const [offered, setOffered] = useState(choices);
  const copy = COPY[kind];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setOffered(choices);
        setOpen(next);
      }}
      width="md"
      trigger={
        <Button size="sm" variant="secondary">
          {copy.button}
        </Button>
      }
    >
      <DialogTitle>
        {copy.button} to {project}
      </DialogTitle>
      {offered.length ? (
        <>
          <DialogDescription>{copy.description(project)}</DialogDescription>
          <AddForm
            kind={kind}
            team={team}
            project={project}
            orgName={orgName}
            choices={offered}
            onAdded={(state) => {
              setOpen(false);
              onAdded(state);
            }}
          />
        </>
      ) : (
        <>
          <DialogDescription>{copy.none(team, orgName)}</DialogDescription>
          <DialogDone label="Close" />
        </>
      )}
    </Dialog>
  );
}

function AddForm({
  kind,
  team,
  project,
  orgName,
  choices,
  onAdded,
}: {
  kind: keyof typeof COPY;
  team: string;
  project: string;
  orgName: string;
  choices: { value: string; label: string }[];
  onAdded: (state: Result) => void;
}) {
  const copy = COPY[kind];
  const [state, dispatch, pending] = useActionState(
    kind === "user" ? addProjectMemberAction : addProjectServiceAccountAction,
    undefined,
  );
  const { formRef, errors: fieldErrors, onSubmit } = useActionForm(state, dispatch);
  const errors = fieldErrors?.[copy.name];
  // Reported once per result: the dialog closes on success, so the effect runs at most once for it.
  const reported = useRef<unknown>(null);
  useEffect(() => {
    if (state?.ok && reported.current !== state) {
      reported.current = state;
      onAdded(state);
    }
  }, [state, onAdded]);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
      <input type="hidden" name="team" value={team} />
      <input type="hidden" name="project" value={project} />
      <SelectField
        label={copy.field}
        name={copy.name}
        required
        defaultValue=""
        errors={errors?.slice(0, 1)}
        hint={copy.hint(team, orgName)}
      >
        <option value="">Choose…</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <FormMessage state={state?.ok || errors ? undefined : state} />
      <DialogActions>
        <Button type="submit" pending={pending}>
          Add
        </Button>
      </DialogActions>
    </form>
  );
}
