"use client";

// "Rotate": a new key for the same account (same name and lifetime) and the old one revoked now or
// after an overlap, so a pipeline can switch over without downtime. The new key is shown once.
import { useActionState, useId } from "react";
import { rotateServiceAccountKeyAction } from "@/app/[team]/service-accounts/[name]/actions";
import { ShowOnceDialog, useCreated } from "@/components/keys/show-once-dialog";
import { formatMoment } from "@/components/settings/format";
import { Button } from "@/components/ui/button";
import { DialogActions, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { type CreatedKeyData, KeyReveal } from "./key-reveal";
import type { KeyView, ServiceAccountView } from "./types";

const OVERLAPS = [
  { value: "now", label: "Now", hint: "Anything still using the old key fails from its next request." },
  { value: "1h", label: "In 1 hour", hint: "Time to update one secret and restart a job." },
  { value: "24h", label: "In 24 hours", hint: "Time for nightly pipelines to pick up the new key." },
  { value: "7d", label: "In 7 days", hint: "Time for weekly jobs and several deployments." },
] as const;

type RotatedKeyData = CreatedKeyData & { oldKeyId: string; overlap: string; revokesAt: string };

export function RotateKeyDialog({ sa, apiKey }: { sa: ServiceAccountView; apiKey: KeyView }) {
  return (
    <ShowOnceDialog
      widen
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Rotate ${apiKey.name} (${apiKey.keyId})`}>
          Rotate
        </Button>
      }
    >
      {(onShown) => <RotateFlow sa={sa} apiKey={apiKey} onRotated={onShown} />}
    </ShowOnceDialog>
  );
}

function RotateFlow({
  sa,
  apiKey,
  onRotated,
}: {
  sa: ServiceAccountView;
  apiKey: KeyView;
  onRotated: () => void;
}) {
  const [state, dispatch, pending] = useActionState(rotateServiceAccountKeyAction, undefined);
  const legendId = useId();
  const rotated = useCreated<RotatedKeyData>(state, onRotated);
  const { formRef, onSubmit } = useActionForm(state, dispatch);
  if (rotated) {
    const note =
      rotated.overlap === "now"
        ? `The old key ${rotated.oldKeyId} is revoked.`
        : `The old key ${rotated.oldKeyId} keeps working until ${formatMoment(new Date(rotated.revokesAt))}: switch your workloads to the new key before then.`;
    return <KeyReveal sa={sa} created={rotated} title="API key rotated" note={note} />;
  }

  return (
    <>
      <DialogTitle>Rotate API key “{apiKey.name}”</DialogTitle>
      <DialogDescription>
        Creates a new key for {sa.name} with the same name and expiry, and revokes{" "}
        <span className="font-mono text-xs">{apiKey.keyId}</span>. The new key is shown once.
      </DialogDescription>
      <form ref={formRef} onSubmit={onSubmit} className="mt-5 space-y-4">
        <input type="hidden" name="team" value={sa.team} />
        <input type="hidden" name="serviceAccount" value={sa.name} />
        <input type="hidden" name="keyId" value={apiKey.keyId} />
        <fieldset className="space-y-2" aria-describedby={legendId}>
          <legend className="text-sm font-medium text-slate-800">Revoke the old key</legend>
          <p id={legendId} className="text-xs text-slate-500">
            Until then both keys work, and the old one shows “revokes at …” in the list.
          </p>
          {OVERLAPS.map((o) => (
            <label
              key={o.value}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm has-checked:border-indigo-300 has-checked:bg-indigo-50/40"
            >
              <input
                type="radio"
                name="overlap"
                value={o.value}
                defaultChecked={o.value === "24h"}
                className="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{o.label}</span>
                <span className="block text-xs text-slate-600">{o.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FormMessage state={state} />
        <DialogActions>
          <Button type="submit" pending={pending}>
            Rotate key
          </Button>
        </DialogActions>
      </form>
    </>
  );
}
