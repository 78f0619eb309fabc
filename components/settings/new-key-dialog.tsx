"use client";

// "New API key": a form, then the key itself, shown once. The key lives only in the state of the
// dialog's content, which unmounts when the dialog closes: closing forgets it.
import { useActionState } from "react";
import { createPersonalKeyAction } from "@/app/settings/actions";
import { KeyPanel } from "@/components/keys/key-panel";
import { NewKeyForm } from "@/components/keys/new-key-form";
import { ShowOnceDialog, useCreated } from "@/components/keys/show-once-dialog";
import { Button } from "@/components/ui/button";
import { DialogDescription, DialogDone, DialogTitle } from "@/components/ui/dialog";
import { formatDay } from "./format";

interface CreatedKey {
  key: string;
  keyId: string;
  name: string;
  expiresAt: string | null;
}

export function NewKeyDialog({ entity }: { entity: string | null }) {
  return (
    <ShowOnceDialog trigger={<Button>New API key</Button>}>
      {(onShown) => <NewKeyFlow entity={entity} onCreated={onShown} />}
    </ShowOnceDialog>
  );
}

function NewKeyFlow({ entity, onCreated }: { entity: string | null; onCreated: () => void }) {
  const [state, dispatch, pending] = useActionState(createPersonalKeyAction, undefined);
  const created = useCreated<CreatedKey>(state, onCreated);
  if (created) return <KeyReveal created={created} entity={entity} />;
  return (
    <NewKeyForm
      title="New API key"
      description="A personal key acts as you, with your own roles: where you can only read, so can the key."
      namePlaceholder="laptop, training-notebook, …"
      sayWhen
      state={state}
      dispatch={dispatch}
      pending={pending}
    />
  );
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
      <DialogDone />
    </>
  );
}
