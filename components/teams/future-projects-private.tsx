"use client";

// The team setting "Make all future projects private": a switch for org admins; others who may see
// the team's settings see its state and who changes it. The server decides (team.update_settings).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { setFutureProjectsPrivateAction } from "@/app/[team]/actions";
import { FormMessage } from "@/components/ui/form-message";

type Result = { ok?: boolean; message?: string };

export function FutureProjectsPrivate({
  team,
  enabled,
  canChange,
  whoChanges,
}: {
  team: string;
  enabled: boolean;
  canChange: boolean;
  /** Who may change it, in words ("ada, org admin of Acme Corp"). */
  whoChanges: string;
}) {
  const router = useRouter();
  const labelId = useId();
  const descriptionId = useId();
  const [failure, setFailure] = useState<Result | undefined>(undefined);
  const change = useMutation({
    mutationFn: (next: boolean) => setFutureProjectsPrivateAction(undefined, { team, enabled: next }),
    onSuccess: (state) => {
      if (state.ok) {
        setFailure(undefined);
        toast.success(state.message);
        router.refresh();
      } else setFailure(state);
    },
    onError: () =>
      setFailure({ ok: false, message: "That did not work: check your connection and try again." }),
  });
  const shown = change.isPending ? !enabled : enabled;

  return (
    <div className="space-y-3 px-5 py-4">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p id={labelId} className="font-medium text-slate-900">
            Make all future projects private
          </p>
          <p id={descriptionId} className="text-sm text-slate-600">
            While on, projects created in {team} (from the New project form, or by logging to a new project
            name) can only be team or restricted, and existing projects can only be changed to team or
            restricted. Existing open and public projects keep their visibility until someone changes it.
          </p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={shown}
          aria-labelledby={labelId}
          aria-describedby={descriptionId}
          disabled={!canChange || change.isPending}
          onClick={() => change.mutate(!enabled)}
          className={`relative mt-1 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed ${
            shown ? "bg-indigo-600" : "bg-slate-400"
          } ${canChange ? "" : "opacity-60"}`}
        >
          <span
            aria-hidden
            className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${
              shown ? "translate-x-5" : "translate-x-0.5"
            }`}
          />
        </button>
      </div>
      <p className="text-sm text-slate-700" data-testid="future-projects-private-state">
        {enabled ? "On: new projects are team or restricted." : "Off: new projects may take any visibility."}{" "}
        {canChange ? `Only org admins change this.` : `Only ${whoChanges} can change this.`}
      </p>
      <FormMessage state={failure} />
    </div>
  );
}
