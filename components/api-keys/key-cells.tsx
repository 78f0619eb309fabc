// The cells every API keys table shows the same way (last used, expiry, status), so the org tab,
// a team tab and a service account's page read alike. Dates arrive formatted by the server.
import { Badge } from "@/components/ui/badge";

export type KeyStatus = "active" | "expired" | "revoked";

const statusBadge = {
  active: { tone: "green", label: "Active" },
  expired: { tone: "amber", label: "Expired" },
  revoked: { tone: "red", label: "Revoked" },
} as const;

export function LastUsedCell({
  lastUsed,
}: {
  lastUsed: { iso: string; text: string; ip: string | null } | null;
}) {
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

export function ExpiresCell({
  expires,
  status,
}: {
  expires: { iso: string; text: string; full: string } | null;
  status: KeyStatus;
}) {
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

/** The status badge; under it when the key was revoked, or (rotation) when it will be. */
export function StatusCell({
  status,
  revoked,
}: {
  status: KeyStatus;
  revoked: { iso: string; text: string; scheduled?: boolean } | null;
}) {
  return (
    <td className="px-3 py-2.5 whitespace-nowrap">
      <Badge tone={statusBadge[status].tone}>{statusBadge[status].label}</Badge>
      {revoked && (
        <div className="mt-0.5 text-xs text-slate-500">
          {revoked.scheduled ? "revokes at " : ""}
          <time dateTime={revoked.iso}>{revoked.text}</time>
        </div>
      )}
    </td>
  );
}
