"use client";

// A service account's new key (created or rotated), shown once with Copy API key and the snippets.
import { KeyPanel } from "@/components/keys/key-panel";
import { DialogDescription, DialogDone, DialogTitle } from "@/components/ui/dialog";
import type { ServiceAccountView } from "./types";

export interface CreatedKeyData {
  key: string;
  keyId: string;
  name: string;
  /** ISO timestamp, or null for a key that never expires. */
  expiresAt: string | null;
}

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function KeyReveal({
  sa,
  created,
  title,
  note,
}: {
  sa: ServiceAccountView;
  created: CreatedKeyData;
  title: string;
  /** What happened to the key it replaces, after a rotation. */
  note?: string;
}) {
  return (
    <>
      <DialogTitle>{title}</DialogTitle>
      <DialogDescription>
        <span className="font-medium text-slate-800">{created.name}</span>{" "}
        <span className="font-mono text-xs">({created.keyId})</span>
        {created.expiresAt
          ? `, expires ${day.format(new Date(created.expiresAt))} (UTC).`
          : ", never expires."}
        {note && <span className="mt-1 block">{note}</span>}
      </DialogDescription>
      <div className="mt-5">
        <KeyPanel
          apiKey={created.key}
          entity={sa.team}
          secretName={sa.name}
          label={`New API key of ${sa.name}`}
          stacked={["env"]}
          tabbed={["kubernetes", "github", "vault", "netrc"]}
          hints={{
            env:
              sa.scope === "org"
                ? `WANDB_ENTITY is the default team, ${sa.team}; a job may name any team of the organization instead.`
                : `WANDB_ENTITY is ${sa.team}, the service account's team.`,
          }}
        />
      </div>
      <DialogDone />
    </>
  );
}
