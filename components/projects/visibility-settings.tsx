"use client";

// The Settings tab's visibility choice. Choosing opens a confirmation that says who gains and who
// loses access (derived from SPEC section 3's table); the server decides whether the change is allowed.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { setProjectVisibilityAction } from "@/app/[team]/[project]/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import type { Visibility } from "@/lib/access/types";
import {
  accessSentence,
  type ProjectNames,
  VISIBILITY_ADJECTIVE,
  VISIBILITY_LABEL,
  visibilityChange,
  visibilityChoices,
  visibilityHint,
} from "./visibility";

type Result = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]> };

export function VisibilitySettings({
  team,
  project,
  orgName,
  current,
  futureProjectsPrivate,
  me,
}: {
  team: string;
  project: string;
  orgName: string;
  current: Visibility;
  /** The team keeps its projects private: only team and restricted are offered (and the current one). */
  futureProjectsPrivate: boolean;
  /** The signed-in user, offered a listing when restricting (or they would lose the project's data). */
  me: string | null;
}) {
  const names: ProjectNames = { team, org: orgName };
  const [choice, setChoice] = useState<Visibility>(current);
  const [confirming, setConfirming] = useState(false);
  const hintId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (choice !== current) setConfirming(true);
  }

  return (
    <section aria-labelledby="visibility-heading" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="visibility-heading" className="border-b border-slate-200 px-5 py-3 font-semibold">
        Visibility
      </h2>
      <form onSubmit={onSubmit} className="space-y-4 px-5 py-4">
        <fieldset className="space-y-2">
          <legend className="mb-2 text-sm text-slate-600">
            Who may read and write this project&rsquo;s runs and traces.
          </legend>
          {visibilityChoices(futureProjectsPrivate, current).map((v) => (
            <label
              key={v}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2.5 text-sm has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50/50"
            >
              <input
                type="radio"
                name="visibility"
                value={v}
                checked={choice === v}
                onChange={() => setChoice(v)}
                className="mt-0.5 size-4 shrink-0 accent-indigo-600"
              />
              <span className="min-w-0">
                <span className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  {VISIBILITY_LABEL[v]}
                  {v === current && <Badge>Current</Badge>}
                </span>
                <span className="block text-slate-600">{visibilityHint(v, names)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {futureProjectsPrivate && (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
            {team} keeps its projects private: an org admin turned on &ldquo;Make all future projects
            private&rdquo;, so only team and restricted can be chosen.
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={choice === current} aria-describedby={hintId}>
            Change visibility
          </Button>
          <p id={hintId} className="text-sm text-slate-500">
            {choice === current
              ? "Choose another visibility to change it."
              : "You will see who gains and loses access before anything changes."}
          </p>
        </div>
      </form>
      {choice !== current && (
        <Dialog open={confirming} onOpenChange={setConfirming} width="lg">
          <ConfirmVisibility team={team} project={project} names={names} from={current} to={choice} me={me} />
        </Dialog>
      )}
    </section>
  );
}

function ConfirmVisibility({
  team,
  project,
  names,
  from,
  to,
  me,
}: {
  team: string;
  project: string;
  names: ProjectNames;
  from: Visibility;
  to: Visibility;
  me: string | null;
}) {
  const router = useRouter();
  const [keepMyAccess, setKeepMyAccess] = useState(true);
  const [failure, setFailure] = useState<Result | undefined>(undefined);
  const { gains, loses } = visibilityChange(from, to, names);
  const offerListing = to === "restricted" && me !== null;
  const change = useMutation({
    mutationFn: () =>
      setProjectVisibilityAction(undefined, {
        team,
        project,
        visibility: to,
        keepMyAccess: offerListing ? keepMyAccess : undefined,
      }),
    onSuccess: (state) => {
      if (state.ok) {
        toast.success(state.message);
        router.refresh();
      } else setFailure(state);
    },
    onError: () =>
      setFailure({ ok: false, message: "That did not work: check your connection and try again." }),
  });
  const label = VISIBILITY_ADJECTIVE[to];
  return (
    <>
      <DialogTitle>
        Make {project} {label}?
      </DialogTitle>
      <DialogDescription>{accessSentence(to, names, "after")}</DialogDescription>
      <div className="mt-4 space-y-4 text-sm">
        {gains.length > 0 && <Consequences title="Gains access" items={gains} tone="green" />}
        {loses.length > 0 && <Consequences title="Loses access" items={loses} tone="red" />}
        {offerListing && (
          <label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2.5">
            <input
              type="checkbox"
              checked={keepMyAccess}
              onChange={(e) => setKeepMyAccess(e.target.checked)}
              className="mt-0.5 size-4 shrink-0 accent-indigo-600"
            />
            <span>
              <span className="block font-medium text-slate-900">List me ({me}) on the Users tab</span>
              <span className="block text-slate-600">
                Otherwise you lose this project&rsquo;s runs and traces, and its pages, until someone lists
                you.
              </span>
            </span>
          </label>
        )}
        <FormMessage state={failure} />
      </div>
      <DialogActions className="mt-6">
        <Button
          type="button"
          variant={loses.length ? "danger" : "primary"}
          pending={change.isPending}
          onClick={() => {
            setFailure(undefined);
            change.mutate();
          }}
        >
          Make {label}
        </Button>
      </DialogActions>
    </>
  );
}

function Consequences({ title, items, tone }: { title: string; items: string[]; tone: "green" | "red" }) {
  const headingId = useId();
  return (
    <div>
      <h3 id={headingId} className={`font-medium ${tone === "green" ? "text-green-800" : "text-red-700"}`}>
        {title}
      </h3>
      <ul aria-labelledby={headingId} className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
