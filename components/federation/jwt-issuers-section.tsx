"use client";

// The Settings tab's JWT issuers: what each registered issuer's discovery found (jwks_uri, key
// IDs), how many service accounts rely on it, and the controls to refresh, remove and add.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { refreshJwtIssuerAction, removeJwtIssuerAction } from "@/app/org/[org]/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { AddIssuerForm } from "./add-issuer-form";
import type { IssuerRow } from "./types";

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) +
  " UTC";

function accounts(n: number) {
  return `${n} service account${n === 1 ? "" : "s"}`;
}

export function JwtIssuersSection({ org, issuers }: { org: string; issuers: IssuerRow[] }) {
  const router = useRouter();
  const onResult = (state: { ok?: boolean; message?: string }) => {
    if (state.ok) {
      toast.success(state.message);
      router.refresh();
    } else toast.error(state.message ?? "That did not work.");
  };
  const refresh = useMutation({
    mutationFn: (url: string) => refreshJwtIssuerAction(undefined, { org, url }),
    onSuccess: onResult,
  });
  const remove = useMutation({
    mutationFn: (url: string) => removeJwtIssuerAction(undefined, { org, url }),
    onSuccess: onResult,
  });

  return (
    <section aria-labelledby="jwt-issuers-heading" className="rounded-xl border border-slate-200 bg-white">
      <div className="border-b border-slate-200 px-5 py-3">
        <h3 id="jwt-issuers-heading" className="font-semibold">
          JWT issuers <span className="font-normal text-slate-500">({issuers.length})</span>
        </h3>
        <p className="mt-1 text-sm text-slate-600">
          Identity providers whose JWTs {org}'s federated service accounts accept. A team admin binds a
          service account to one issuer and an exact subject (the JWT's <code className="text-xs">sub</code>).
        </p>
      </div>
      {issuers.length ? (
        <ul className="divide-y divide-slate-100">
          {issuers.map((issuer) => (
            <li key={issuer.url} className="space-y-3 px-5 py-4" aria-label={`JWT issuer ${issuer.url}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="font-medium break-all">{issuer.url}</p>
                  <p className="text-sm text-slate-500">
                    {accounts(issuer.boundServiceAccounts)} bound · added{" "}
                    {issuer.createdBy ? `by ${issuer.createdBy} ` : ""}on {dateTime(issuer.createdAt)}
                  </p>
                </div>
                <div className="flex gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    pending={refresh.isPending && refresh.variables === issuer.url}
                    onClick={() => refresh.mutate(issuer.url)}
                    aria-label={`Refresh keys of ${issuer.url}`}
                  >
                    Refresh keys
                  </Button>
                  <ConfirmDialog
                    title={`Remove ${issuer.url}?`}
                    description={
                      issuer.boundServiceAccounts
                        ? `${accounts(issuer.boundServiceAccounts)} bound to it stop working at once: they can no longer exchange JWTs, and the access tokens they hold are refused.`
                        : "No service account is bound to it. Its JWTs can no longer be exchanged."
                    }
                    confirmLabel="Remove issuer"
                    onConfirm={() => remove.mutateAsync(issuer.url)}
                    trigger={
                      <Button variant="ghost" size="sm" aria-label={`Remove ${issuer.url}`}>
                        Remove
                      </Button>
                    }
                  />
                </div>
              </div>
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="text-slate-500">Audience</dt>
                <dd>
                  <code className="rounded bg-slate-100 px-1 text-xs break-all">{issuer.audience}</code>
                </dd>
                <dt className="text-slate-500">JWKS URI</dt>
                <dd className="font-mono text-xs break-all" data-testid="jwks-uri">
                  {issuer.jwksUri}
                </dd>
                <dt className="text-slate-500">Key IDs</dt>
                <dd>
                  <ul className="flex flex-wrap gap-1" aria-label={`Key IDs of ${issuer.url}`}>
                    {issuer.keys.map((key) => (
                      <li key={`${key.kid}|${key.kty}|${key.alg}`}>
                        <Badge tone="indigo">
                          <span className="font-mono">{key.kid ?? "(no kid)"}</span>
                          <span className="ml-1 text-indigo-600">{key.alg ?? key.kty}</span>
                        </Badge>
                      </li>
                    ))}
                  </ul>
                </dd>
                <dt className="text-slate-500">Discovered</dt>
                <dd className="text-slate-700">
                  {dateTime(issuer.discoveredAt)} from{" "}
                  <span className="font-mono text-xs break-all">{issuer.discoveryUrl}</span>
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="px-5 py-6 text-sm text-slate-600">
          No JWT issuers yet. Add your identity provider below: for GitHub Actions,{" "}
          <code className="text-xs">https://token.actions.githubusercontent.com</code>; for Kubernetes, your
          cluster's service-account issuer URL.
        </p>
      )}
      <AddIssuerForm org={org} />
    </section>
  );
}
