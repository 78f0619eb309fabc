"use client";

// The Keys card of a built-in service account: every key with its state, Create API key, and per
// active key Rotate and Revoke (confirmed). The server refuses whatever the viewer may not do.
import { toast } from "sonner";
import { revokeServiceAccountKeyAction } from "@/app/[team]/service-accounts/[name]/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { NewKeyDialog } from "./new-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import type { KeyView, ServiceAccountView } from "./types";

const statusBadge = {
  active: { tone: "green", label: "Active" },
  expired: { tone: "amber", label: "Expired" },
  revoked: { tone: "red", label: "Revoked" },
} as const;

const COLUMNS = ["Name", "Key ID", "Created", "Created by", "Last used", "Expires", "Status"];

export function KeysSection({ sa, keys }: { sa: ServiceAccountView; keys: KeyView[] }) {
  async function revoke(key: KeyView) {
    const result = await revokeServiceAccountKeyAction(undefined, {
      team: sa.team,
      serviceAccount: sa.name,
      keyId: key.keyId,
    });
    if (result.ok) toast.success(result.message);
    else toast.error(result.message ?? "The key could not be revoked. Reload the page and try again.");
  }

  return (
    <section aria-labelledby="keys-heading" className="rounded-xl border border-slate-200 bg-white">
      <div className="flex min-h-[3.75rem] flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h2 id="keys-heading" className="font-semibold">
          API keys
        </h2>
        <NewKeyDialog sa={sa} />
      </div>
      {sa.status !== "active" && (
        <p className="border-b border-slate-100 bg-amber-50 px-5 py-2.5 text-sm text-amber-900">
          {sa.name} is deactivated: its keys are refused until it is reactivated.
        </p>
      )}
      {keys.length ? (
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">API keys of {sa.name}, newest first</caption>
            <thead className="text-left text-slate-500">
              <tr className="whitespace-nowrap">
                {COLUMNS.map((c, i) => (
                  <th key={c} scope="col" className={`${i === 0 ? "px-5" : "px-3"} py-2 font-medium`}>
                    {c}
                  </th>
                ))}
                <th scope="col" className="px-5 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <KeyRow key={k.keyId} sa={sa} apiKey={k} onRevoke={() => revoke(k)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="px-5 py-8 text-center text-sm text-slate-600">
          {sa.name} has no API keys. Choose Create API key to give a pipeline its credentials.
        </p>
      )}
    </section>
  );
}

function KeyRow({
  sa,
  apiKey: k,
  onRevoke,
}: {
  sa: ServiceAccountView;
  apiKey: KeyView;
  onRevoke: () => Promise<void>;
}) {
  const cell = "px-3 py-2.5 whitespace-nowrap text-slate-700";
  return (
    <tr data-testid={`api-key-${k.keyId}`} className="align-top">
      <th scope="row" className="max-w-48 px-5 py-2.5 text-left font-medium break-words">
        {k.name}
      </th>
      <td className="px-3 py-2.5 font-mono text-xs whitespace-nowrap text-slate-700">{k.keyId}</td>
      <td className={cell}>
        <time dateTime={k.created.iso}>{k.created.text}</time>
      </td>
      <td className={cell}>{k.createdBy ?? <span className="text-slate-500">—</span>}</td>
      <td className={cell}>
        {k.lastUsed ? (
          <>
            <time dateTime={k.lastUsed.iso}>{k.lastUsed.text}</time>
            {k.lastUsed.ip && <div className="text-xs text-slate-500">from {k.lastUsed.ip}</div>}
          </>
        ) : (
          <span className="text-slate-500">Never</span>
        )}
      </td>
      <td className={cell}>
        {k.expires ? (
          <time
            dateTime={k.expires.iso}
            className={k.status === "expired" ? "font-medium text-amber-800" : undefined}
          >
            {k.status === "expired" ? `Expired ${k.expires.text}` : k.expires.text}
          </time>
        ) : (
          <span className="text-slate-500">Never</span>
        )}
      </td>
      <td className="px-3 py-2.5 whitespace-nowrap">
        <Badge tone={statusBadge[k.status].tone}>{statusBadge[k.status].label}</Badge>
        {k.revoked && (
          <div className="mt-0.5 text-xs text-slate-500">
            <time dateTime={k.revoked.iso}>{k.revoked.text}</time>
          </div>
        )}
        {k.revokesAt && (
          <div className="mt-0.5 text-xs font-medium text-amber-800">
            Revokes at <time dateTime={k.revokesAt.iso}>{k.revokesAt.text}</time>
          </div>
        )}
      </td>
      <td className="px-5 py-2 text-right whitespace-nowrap">
        {k.status === "active" && (
          <div className="inline-flex gap-2">
            {/* Also while a revocation is scheduled: the earlier revocation then stands. */}
            <RotateKeyDialog sa={sa} apiKey={k} />
            <ConfirmDialog
              title={`Revoke API key “${k.name}”?`}
              description={
                <>
                  Key <span className="font-mono">{k.keyId}</span> stops working on the next request, on every
                  server. Anything that still uses it gets &quot;401 Unauthorized&quot;. This cannot be
                  undone.
                </>
              }
              confirmLabel={k.revokesAt ? "Revoke now" : "Revoke key"}
              onConfirm={onRevoke}
              trigger={
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={`${k.revokesAt ? "Revoke now" : "Revoke"} ${k.name} (${k.keyId})`}
                >
                  {k.revokesAt ? "Revoke now" : "Revoke"}
                </Button>
              }
            />
          </div>
        )}
      </td>
    </tr>
  );
}
