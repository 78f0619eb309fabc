"use client";

// The team page's New project form: name, visibility (only team or restricted while the team keeps
// its projects private) and, for a restricted project, its first members besides the creator.
import { useQuery } from "@tanstack/react-query";
import { useActionState, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { createProjectAction, firstMemberCandidatesAction } from "@/app/[team]/actions";
import { visibilityChoices } from "@/components/projects/visibility";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { Visibility } from "@/lib/access/types";

const VISIBILITY_CHOICE: Record<Visibility, string> = {
  team: "Team: members of this team",
  restricted: "Restricted: listed members only",
  public: "Public: anyone reads, the team writes",
  open: "Open: anyone signed in reads and writes",
};

export interface FirstMemberCandidates {
  users: string[];
  serviceAccounts: Array<{ path: string; scope: "org" | "team" }>;
}

export function CreateProjectForm({
  team,
  futureProjectsPrivate,
}: {
  team: string;
  futureProjectsPrivate: boolean;
}) {
  const [state, formAction, pending] = useActionState(createProjectAction, undefined);
  const formRef = useRef<HTMLFormElement>(null);
  const [visibility, setVisibility] = useState<string>("team");
  useEffect(() => {
    if (state?.ok) {
      toast.success(state.message);
      formRef.current?.reset();
      setVisibility("team");
    }
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <form
      ref={formRef}
      action={formAction}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-5"
    >
      <h2 className="font-semibold">New project</h2>
      <input type="hidden" name="team" value={team} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Project name"
          name="name"
          defaultValue={state?.ok ? undefined : state?.values?.name}
          required
          errors={errors?.name}
        />
        <SelectField
          label="Visibility"
          name="visibility"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value)}
          errors={errors?.visibility}
          hint={futureProjectsPrivate ? `${team} keeps new projects private: team or restricted.` : undefined}
        >
          {visibilityChoices(futureProjectsPrivate).map((v) => (
            <option key={v} value={v}>
              {VISIBILITY_CHOICE[v]}
            </option>
          ))}
        </SelectField>
      </div>
      {visibility === "restricted" && (
        <FirstMembers
          team={team}
          errors={[...(errors?.members ?? []), ...(errors?.user ?? []), ...(errors?.serviceAccount ?? [])]}
        />
      )}
      <FormMessage state={state?.ok ? undefined : state} />
      <Button type="submit" pending={pending}>
        Create project
      </Button>
    </form>
  );
}

function FirstMembers({ team, errors }: { team: string; errors?: string[] }) {
  // Loaded when restricted is first chosen: most projects never need the list.
  const query = useQuery({
    queryKey: ["first-member-candidates", team],
    queryFn: async () => {
      const state = await firstMemberCandidatesAction(undefined, { team });
      if (!state.ok || !state.data) throw new Error(state.message ?? "Could not load who can be listed.");
      return state.data as FirstMemberCandidates;
    },
  });
  const candidates = query.data;
  const none = candidates && !candidates.users.length && !candidates.serviceAccounts.length;
  return (
    <fieldset
      className="space-y-2 rounded-md border border-slate-200 px-3 py-2.5"
      aria-describedby={errors?.length ? "first-members-error" : undefined}
    >
      <legend className="px-1 text-sm font-medium text-slate-800">First members</legend>
      <p className="text-sm text-slate-600">
        You are listed as its owner. Choose who else reads and writes it; you can change the list later on its
        Users tab.
      </p>
      {query.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {query.error.message}{" "}
          <Button type="button" variant="secondary" size="sm" onClick={() => query.refetch()}>
            Try again
          </Button>
        </p>
      ) : !candidates ? (
        <p className="text-sm text-slate-600" aria-live="polite">
          Loading who can be listed…
        </p>
      ) : none ? (
        <p className="text-sm text-slate-600">Nobody else can be listed yet.</p>
      ) : (
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {candidates.users.map((username) => (
            <Choice key={username} name="memberUsers" value={username} label={username} />
          ))}
          {candidates.serviceAccounts.map((sa) => (
            <Choice
              key={sa.path}
              name="memberServiceAccounts"
              value={sa.path}
              label={`${sa.path} (${sa.scope} service account)`}
            />
          ))}
        </div>
      )}
      {errors?.length ? (
        <p id="first-members-error" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

function Choice({ name, value, label }: { name: string; value: string; label: string }) {
  return (
    <label className="flex min-w-0 items-center gap-2 py-1 text-sm text-slate-800">
      <input type="checkbox" name={name} value={value} className="size-4 shrink-0 accent-indigo-600" />
      <span className="[overflow-wrap:anywhere]">{label}</span>
    </label>
  );
}
