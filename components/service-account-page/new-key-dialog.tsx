"use client";

// "Create API key" for a service account: name and expiry, then the key, shown once. The key lives
// only in the state of the dialog's content, which unmounts when the dialog closes.
import { useActionState } from "react";
import { createServiceAccountKeyAction } from "@/app/[team]/service-accounts/[name]/actions";
import { NewKeyForm } from "@/components/keys/new-key-form";
import { ShowOnceDialog, useCreated } from "@/components/keys/show-once-dialog";
import { Button } from "@/components/ui/button";
import { type CreatedKeyData, KeyReveal } from "./key-reveal";
import type { ServiceAccountView } from "./types";

export function NewKeyDialog({ sa }: { sa: ServiceAccountView }) {
  return (
    <ShowOnceDialog widen trigger={<Button>Create API key</Button>}>
      {(onShown) => <NewKeyFlow sa={sa} onCreated={onShown} />}
    </ShowOnceDialog>
  );
}

function NewKeyFlow({ sa, onCreated }: { sa: ServiceAccountView; onCreated: () => void }) {
  const [state, dispatch, pending] = useActionState(createServiceAccountKeyAction, undefined);
  const created = useCreated<CreatedKeyData>(state, onCreated);
  if (created) return <KeyReveal sa={sa} created={created} title="API key created" />;
  return (
    <NewKeyForm
      title="Create API key"
      description={`A new key for ${sa.name}. Its other keys keep working: revoke them once nothing uses them.`}
      namePlaceholder="github-actions, training-cluster, …"
      hidden={{ team: sa.team, serviceAccount: sa.name }}
      state={state}
      dispatch={dispatch}
      pending={pending}
    />
  );
}
