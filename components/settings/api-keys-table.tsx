"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { revokePersonalKeyAction } from "@/app/settings/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** One key as the table shows it: dates already formatted on the server. */
export interface KeyRow {
  keyId: string;
  name: string;
  status: "active" | "expired" | "revoked";
  created: { iso: string; text: string };
  lastUsed: { iso: string; text: string; ip: string | null } | null;
  expires: { iso: string; text: string; full: string } | null;
  revoked: { iso: string; text: string } | null;
}

const statusBadge = {
  active: { tone: "green", label: "Active" },
  expired: { tone: "amber", label: "Expired" },
  revoked: { tone: "red", label: "Revoked" },
} as const;

export function ApiKeysTable({ keys }: { keys: KeyRow[] }) {
  const router = useRouter();

  async function revoke(key: KeyRow) {
    const result = await revokePersonalKeyAction(undefined, { keyId: key.keyId });
    if (result.ok) {
      toast.success(result.message);
      router.refresh();
    } else {
      toast.error(result.message ?? "The key could not be revoked. Reload the page and try again.");
    }
  }

  if (!keys.length) {
    return (
      <p className="px-5 py-8 text-center text-sm text-slate-600">
        No API keys yet. Create one to use the W&amp;B clients with your own identity.
      </p>
    );
  }

  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Your API keys, newest first</caption>
        <thead className="text-left text-slate-500">
          <tr className="whitespace-nowrap">
            <th scope="col" className="px-5 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Key ID
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Created
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Last used
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Expires
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.keyId} data-testid={`api-key-${k.keyId}`} className="align-top">
              <th scope="row" className="max-w-48 px-5 py-2.5 text-left font-medium break-words">
                {k.name}
              </th>
              <td className="px-3 py-2.5 font-mono text-xs whitespace-nowrap text-slate-700">{k.keyId}</td>
              <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
                <time dateTime={k.created.iso}>{k.created.text}</time>
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
                {k.lastUsed ? (
                  <>
                    <time dateTime={k.lastUsed.iso}>{k.lastUsed.text}</time>
                    {k.lastUsed.ip && <div className="text-xs text-slate-500">from {k.lastUsed.ip}</div>}
                  </>
                ) : (
                  <span className="text-slate-500">Never</span>
                )}
              </td>
              <td className="px-3 py-2.5 whitespace-nowrap">
                {k.expires ? (
                  <time
                    dateTime={k.expires.iso}
                    title={k.expires.full}
                    className={k.status === "expired" ? "font-medium text-amber-800" : "text-slate-700"}
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
              </td>
              <td className="px-5 py-2 text-right">
                {k.status === "active" && (
                  <ConfirmDialog
                    title={`Revoke API key “${k.name}”?`}
                    description={
                      <>
                        Key <span className="font-mono">{k.keyId}</span> stops working on the next request.
                        Anything that still uses it (a notebook, a CI job, a <code>~/.netrc</code>) gets
                        &quot;401 Unauthorized&quot; until it gets a new key. This cannot be undone.
                      </>
                    }
                    confirmLabel="Revoke key"
                    onConfirm={() => revoke(k)}
                    trigger={
                      <Button variant="secondary" size="sm" aria-label={`Revoke ${k.name} (${k.keyId})`}>
                        Revoke
                      </Button>
                    }
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
