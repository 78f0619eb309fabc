"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { revokePersonalKeyAction } from "@/app/settings/actions";
import {
  CreatedCell,
  ExpiresCell,
  KeyIdCell,
  type KeyStatus,
  KeyTable,
  LastUsedCell,
  NameCell,
  type Revocation,
  RevokeKeyButton,
  type ShownDate,
  StatusCell,
} from "@/components/keys/key-table";

/** One key as the table shows it: dates already formatted on the server. */
export interface KeyRow {
  keyId: string;
  name: string;
  status: KeyStatus;
  created: ShownDate;
  lastUsed: (ShownDate & { ip: string | null }) | null;
  expires: ShownDate | null;
  revoked: Revocation | null;
}

const COLUMNS = ["Name", "Key ID", "Created", "Last used", "Expires", "Status"];

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
    <KeyTable caption="Your API keys, newest first" columns={COLUMNS}>
      {keys.map((k) => (
        <tr key={k.keyId} data-testid={`api-key-${k.keyId}`} className="align-top">
          <NameCell name={k.name} />
          <KeyIdCell keyId={k.keyId} />
          <CreatedCell created={k.created} />
          <LastUsedCell lastUsed={k.lastUsed} />
          <ExpiresCell expires={k.expires} status={k.status} />
          <StatusCell status={k.status} revoked={k.revoked} />
          <td className="px-5 py-2 text-right">
            {k.status === "active" && (
              <RevokeKeyButton
                name={k.name}
                keyId={k.keyId}
                description={
                  <>
                    Key <span className="font-mono">{k.keyId}</span> stops working on the next request.
                    Anything that still uses it (a notebook, a CI job, a <code>~/.netrc</code>) gets &quot;401
                    Unauthorized&quot; until it gets a new key. This cannot be undone.
                  </>
                }
                onConfirm={() => revoke(k)}
              />
            )}
          </td>
        </tr>
      ))}
    </KeyTable>
  );
}
