// A run's config or summary as a key/value table; the client's own `_` keys come last, muted.
import { formatMoment, formatValue } from "./format";
import type { ValueRow } from "./metrics";

export function ValuesTable({ caption, rows, empty }: { caption: string; rows: ValueRow[]; empty: string }) {
  if (!rows.length) return <p className="px-5 py-6 text-sm text-slate-600">{empty}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-slate-500">
          <tr>
            <th scope="col" className="w-2/5 px-5 py-2 font-medium">
              Key
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Value
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const text = formatValue(row.value);
            const nested = row.value !== null && typeof row.value === "object";
            return (
              <tr key={row.key} className={`align-baseline ${row.internal ? "text-slate-500" : ""}`}>
                <th
                  scope="row"
                  className={`px-5 py-2 text-left font-mono text-xs font-normal [overflow-wrap:anywhere] ${
                    row.internal ? "" : "text-slate-800"
                  }`}
                >
                  {row.key}
                </th>
                <td className="px-5 py-2 [overflow-wrap:anywhere]">
                  {nested ? (
                    <code className="font-mono text-xs">{text}</code>
                  ) : (
                    <span className={typeof row.value === "number" ? "tabular-nums" : ""}>
                      {text}
                      {row.key === "_timestamp" && <Timestamp seconds={row.value} />}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** W&B timestamps are Unix seconds: also shown as a date. */
function Timestamp({ seconds }: { seconds: unknown }) {
  const at = typeof seconds === "number" ? new Date(seconds * 1000) : null;
  if (!at || Number.isNaN(at.getTime())) return null;
  return <span className="ml-2 text-xs">({formatMoment(at)})</span>;
}
