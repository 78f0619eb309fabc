// The one way a table of API keys looks, wherever it stands: personal keys (user settings), a
// service account's keys (its page) and the org / team API keys tabs. Each table picks its columns
// and actions; the cells read alike everywhere. Dates arrive formatted by the server (UTC).
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export type KeyStatus = "active" | "expired" | "revoked";

/** A date formatted on the server; `full` (day and time) becomes the tooltip where `text` is a day. */
export interface ShownDate {
  iso: string;
  text: string;
  full?: string;
}

/** When a key was revoked, or (`scheduled`, after a rotation with an overlap) will be. */
export interface Revocation {
  iso: string;
  text: string;
  scheduled?: boolean;
}

const statusBadge = {
  active: { tone: "green", label: "Active" },
  expired: { tone: "amber", label: "Expired" },
  revoked: { tone: "red", label: "Revoked" },
} as const;

/**
 * The table: a hidden caption names it, one header per column, then an unlabeled actions column.
 * `selectAll` adds a leading checkbox column; `busy` dims the rows while others load.
 */
export function KeyTable({
  caption,
  columns,
  selectAll,
  busy = false,
  children,
}: {
  caption: ReactNode;
  columns: readonly string[];
  selectAll?: ReactNode;
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={`relative overflow-x-auto transition-opacity ${busy ? "opacity-60" : ""}`}
      aria-busy={busy || undefined}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-slate-500">
          <tr className="whitespace-nowrap">
            {selectAll && (
              <th scope="col" className="w-10 py-2 pl-5">
                {selectAll}
              </th>
            )}
            {columns.map((column, i) => (
              <th
                key={column}
                scope="col"
                className={`${i === 0 && !selectAll ? "px-5" : "px-3"} py-2 font-medium`}
              >
                {column}
              </th>
            ))}
            <th scope="col" className="px-5 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** The row header; after a checkbox column it keeps a minimum width instead of the card's inset. */
export function NameCell({ name, afterSelect = false }: { name: string; afterSelect?: boolean }) {
  return (
    <th
      scope="row"
      className={`max-w-48 ${afterSelect ? "min-w-32 px-3" : "px-5"} py-2.5 text-left font-medium break-words`}
    >
      {name}
    </th>
  );
}

export function KeyIdCell({ keyId }: { keyId: string }) {
  return <td className="px-3 py-2.5 font-mono text-xs whitespace-nowrap text-slate-700">{keyId}</td>;
}

/** When the key was created and, where the table has no column for it, by whom. */
export function CreatedCell({ created, by }: { created: ShownDate; by?: string | null }) {
  return (
    <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
      <time dateTime={created.iso} title={created.full}>
        {created.text}
      </time>
      {by && <div className="text-xs text-slate-500">by {by}</div>}
    </td>
  );
}

export function LastUsedCell({ lastUsed }: { lastUsed: (ShownDate & { ip: string | null }) | null }) {
  return (
    <td className="px-3 py-2.5 whitespace-nowrap text-slate-700">
      {lastUsed ? (
        <>
          <time dateTime={lastUsed.iso}>{lastUsed.text}</time>
          {lastUsed.ip && <div className="text-xs text-slate-500">from {lastUsed.ip}</div>}
        </>
      ) : (
        <span className="text-slate-500">Never</span>
      )}
    </td>
  );
}

export function ExpiresCell({ expires, status }: { expires: ShownDate | null; status: KeyStatus }) {
  return (
    <td className="px-3 py-2.5 whitespace-nowrap">
      {expires ? (
        <time
          dateTime={expires.iso}
          title={expires.full}
          className={status === "expired" ? "font-medium text-amber-800" : "text-slate-700"}
        >
          {status === "expired" ? `Expired ${expires.text}` : expires.text}
        </time>
      ) : (
        <span className="text-slate-500">Never</span>
      )}
    </td>
  );
}

/** The status badge; under it when the key was revoked, or when a rotation will revoke it. */
export function StatusCell({ status, revoked }: { status: KeyStatus; revoked: Revocation | null }) {
  return (
    <td className="px-3 py-2.5 whitespace-nowrap">
      <Badge tone={statusBadge[status].tone}>{statusBadge[status].label}</Badge>
      {revoked &&
        (revoked.scheduled ? (
          <div className="mt-0.5 text-xs font-medium text-amber-800">
            Revokes at <time dateTime={revoked.iso}>{revoked.text}</time>
          </div>
        ) : (
          <div className="mt-0.5 text-xs text-slate-500">
            <time dateTime={revoked.iso}>{revoked.text}</time>
          </div>
        ))}
    </td>
  );
}

/**
 * Revoke one key, behind a confirmation that says what stops working (`description`). `now`: a
 * rotation already scheduled its revocation, and this brings it forward.
 */
export function RevokeKeyButton({
  name,
  keyId,
  description,
  now = false,
  onConfirm,
}: {
  name: string;
  keyId: string;
  description: ReactNode;
  now?: boolean;
  onConfirm: () => Promise<unknown>;
}) {
  const label = now ? "Revoke now" : "Revoke";
  return (
    <ConfirmDialog
      title={`Revoke API key “${name}”?`}
      description={description}
      confirmLabel={now ? "Revoke now" : "Revoke key"}
      onConfirm={onConfirm}
      trigger={
        <Button variant="secondary" size="sm" aria-label={`${label} ${name} (${keyId})`}>
          {label}
        </Button>
      }
    />
  );
}
