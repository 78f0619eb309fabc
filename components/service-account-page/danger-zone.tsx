"use client";

// Deactivate / Reactivate (its credentials stop or start working at once, on every instance) and
// Delete (confirmed by typing the name; its runs and traces stay, shown as logged by a deleted
// service account).
import { useActionState, useState } from "react";
import { toast } from "sonner";
import {
  deleteServiceAccountAction,
  setServiceAccountStatusAction,
} from "@/app/[team]/service-accounts/[name]/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ServiceAccountView } from "./types";

const credentials = (sa: ServiceAccountView) =>
  sa.authMethod === "api_key" ? "its API keys" : "its access tokens";

export function DangerZone({ sa }: { sa: ServiceAccountView }) {
  const [pending, setPending] = useState(false);

  async function setStatus(status: "active" | "deactivated") {
    setPending(true);
    try {
      const result = await setServiceAccountStatusAction(undefined, {
        team: sa.team,
        serviceAccount: sa.name,
        status,
      });
      if (result.ok) toast.success(result.message);
      else toast.error(result.message ?? "That did not work. Reload the page and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="danger-heading" className="rounded-xl border border-red-200 bg-white">
      <h2 id="danger-heading" className="border-b border-red-200 px-5 py-4 font-semibold">
        Status and deletion
      </h2>
      <div className="divide-y divide-slate-100">
        <div className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
          {sa.status === "active" ? (
            <>
              <p className="text-sm text-slate-600">
                <span className="block font-medium text-slate-900">Deactivate</span>
                Stops a compromised or retired pipeline at once: {credentials(sa)} are refused on every server
                until you reactivate it. Nothing is deleted.
              </p>
              <ConfirmDialog
                title={`Deactivate ${sa.name}?`}
                description={`From the next request, ${credentials(sa)} are refused (401) on every server. Its runs, traces and keys stay; reactivate it to let it work again.`}
                confirmLabel="Deactivate"
                onConfirm={() => setStatus("deactivated")}
                trigger={<Button variant="secondary">Deactivate</Button>}
              />
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">
                <span className="block font-medium text-slate-900">Reactivate</span>
                {sa.name} is deactivated. Reactivating it lets {credentials(sa)} that are neither revoked nor
                expired work again, at once.
              </p>
              <Button variant="secondary" pending={pending} onClick={() => setStatus("active")}>
                Reactivate
              </Button>
            </>
          )}
        </div>
        <div className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600">
            <span className="block font-medium text-slate-900">Delete</span>
            Revokes everything and frees the name. Its runs and traces stay, shown as logged by a deleted
            service account.
          </p>
          <DeleteDialog sa={sa} />
        </div>
      </div>
    </section>
  );
}

function DeleteDialog({ sa }: { sa: ServiceAccountView }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen} trigger={<Button variant="danger">Delete</Button>}>
      <DeleteForm sa={sa} />
    </Dialog>
  );
}

function DeleteForm({ sa }: { sa: ServiceAccountView }) {
  const [state, dispatch, pending] = useActionState(deleteServiceAccountAction, undefined);
  const [typed, setTyped] = useState("");
  const { formRef, errors, onSubmit } = useActionForm(state, dispatch);

  return (
    <>
      <DialogTitle>Delete {sa.name}?</DialogTitle>
      <DialogDescription>
        Revokes {credentials(sa)} at once and frees the name. Its runs and traces stay, shown as logged by a
        deleted service account. This cannot be undone.
      </DialogDescription>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 space-y-4">
        <input type="hidden" name="team" value={sa.team} />
        <input type="hidden" name="serviceAccount" value={sa.name} />
        <TextField
          label={`Type ${sa.name} to confirm`}
          name="confirmation"
          required
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          errors={errors?.confirmation}
        />
        <FormMessage state={errors?.confirmation ? undefined : state} />
        <DialogActions>
          <Button type="submit" variant="danger" pending={pending} disabled={typed.trim() !== sa.name}>
            Delete service account
          </Button>
        </DialogActions>
      </form>
    </>
  );
}
