"use client";

// A federated service account owns no keys: its card says which issuer and subject it answers to,
// and gives the workload's environment, ready to copy.
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { ServiceAccountView, WorkloadIdentityView } from "./types";
import { workloadSnippet } from "./workload-snippet";

const noSubscription = () => () => {};

export function WorkloadIdentity({
  sa,
  identity,
}: {
  sa: ServiceAccountView;
  identity: WorkloadIdentityView;
}) {
  // This server's address as the browser reaches it (the server alone may not know it behind a proxy).
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "https://<this server>",
  );
  const snippet = workloadSnippet({ origin, entity: sa.team, audience: identity.audience });
  return (
    <section aria-labelledby="identity-heading" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="identity-heading" className="border-b border-slate-200 px-5 py-4 font-semibold">
        Workload identity
      </h2>
      <div className="space-y-4 px-5 py-4">
        <p className="text-sm text-slate-600">
          {sa.name} owns no API keys. A workload proves who it is with a JWT from its identity provider and
          exchanges it at <code className="text-xs">/oidc/token</code> for a short-lived access token.
        </p>
        {identity.issuerRemoved && (
          <p
            role="note"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            This issuer was removed from the organization: exchanges are refused until an org admin registers
            it again.
          </p>
        )}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-500">Issuer URL</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere] text-slate-800" data-testid="issuer-url">
            {identity.issuerUrl}
          </dd>
          <dt className="text-slate-500">Subject</dt>
          <dd
            className="font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] text-slate-800"
            data-testid="subject"
          >
            {identity.subject}
          </dd>
          <dt className="text-slate-500">Audience</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere] text-slate-800">{identity.audience}</dd>
        </dl>
        <div className="space-y-1.5">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-medium text-slate-800">Workload environment</h3>
            <CopyButton text={snippet} label="Copy workload snippet" />
          </div>
          <pre className="rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">
            {snippet}
          </pre>
          <p className="text-xs text-slate-500">
            Point WANDB_IDENTITY_TOKEN_FILE at the file where your platform writes the JWT (a Kubernetes
            projected service-account token, say). Its sub must equal the subject above exactly.
          </p>
        </div>
      </div>
    </section>
  );
}
