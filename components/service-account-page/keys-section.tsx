"use client";

// The Keys card of a built-in service account: every key with its state, Create API key, and per
// active key Rotate and Revoke (confirmed). The server refuses whatever the viewer may not do.
import { toast } from "sonner";
import { revokeServiceAccountKeyAction } from "@/app/[team]/service-accounts/[name]/actions";
import {
  CreatedCell,
  ExpiresCell,
  KeyIdCell,
  KeyTable,
  LastUsedCell,
  NameCell,
  RevokeKeyButton,
  StatusCell,
} from "@/components/keys/key-table";
import { NewKeyDialog } from "./new-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import type { KeyView, ServiceAccountView } from "./types";

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
        <KeyTable caption={`API keys of ${sa.name}, newest first`} columns={COLUMNS}>
          {keys.map((k) => (
            <KeyRow key={k.keyId} sa={sa} apiKey={k} onRevoke={() => revoke(k)} />
          ))}
        </KeyTable>
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
  const scheduled = Boolean(k.revoked?.scheduled);
  return (
    <tr data-testid={`api-key-${k.keyId}`} className="align-top">
      <NameCell name={k.name} />
      <KeyIdCell keyId={k.keyId} />
      <CreatedCell created={k.created} />
      <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
        {k.createdBy ?? <span className="text-slate-500">—</span>}
      </td>
      <LastUsedCell lastUsed={k.lastUsed} />
      <ExpiresCell expires={k.expires} status={k.status} />
      <StatusCell status={k.status} revoked={k.revoked} />
      <td className="px-5 py-2 text-right whitespace-nowrap">
        {k.status === "active" && (
          <div className="inline-flex gap-2">
            {/* Also while a revocation is scheduled: the earlier revocation then stands. */}
            <RotateKeyDialog sa={sa} apiKey={k} />
            <RevokeKeyButton
              name={k.name}
              keyId={k.keyId}
              now={scheduled}
              description={
                <>
                  Key <span className="font-mono">{k.keyId}</span> stops working on the next request, on every
                  server. Anything that still uses it gets &quot;401 Unauthorized&quot;. This cannot be
                  undone.
                </>
              }
              onConfirm={onRevoke}
            />
          </div>
        )}
      </td>
    </tr>
  );
}
