"use client";

// One line chart per numeric metric of a run, with its numbers in a table for screen readers and
// keyboard users (the chart itself is a labelled image). Data arrives as plain [x, y] pairs.
import { useMemo, useState } from "react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricSeries } from "./metrics";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });
const precise = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });

function tick(value: number): string {
  return Math.abs(value) > 0 && Math.abs(value) < 0.001 ? value.toExponential(1) : compact.format(value);
}

function exact(value: number): string {
  return Math.abs(value) > 0 && Math.abs(value) < 0.0001 ? value.toExponential(4) : precise.format(value);
}

export function RunCharts({ x, series }: { x: "step" | "row"; series: MetricSeries[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
      {series.map((s) => (
        <li key={s.metric} className="min-w-0">
          <MetricChart series={s} x={x} />
        </li>
      ))}
    </ul>
  );
}

function MetricChart({ series, x }: { series: MetricSeries; x: "step" | "row" }) {
  const { metric, points } = series;
  const xName = x === "step" ? "step" : "row";
  const last = points[points.length - 1];
  const data = useMemo(() => points.map(([px, py]) => ({ x: px, y: py })), [points]);
  const label = `${metric} over ${x === "step" ? "steps" : "history rows"}: ${points.length} ${
    points.length === 1 ? "point" : "points"
  }${last ? `, last ${exact(last[1])} at ${xName} ${last[0]}` : ""}`;
  return (
    <figure className="rounded-lg border border-slate-200 p-3">
      <figcaption className="flex items-baseline justify-between gap-2">
        <span className="truncate font-mono text-xs font-medium text-slate-800" title={metric}>
          {metric}
        </span>
        {last && <span className="shrink-0 text-xs text-slate-500 tabular-nums">{exact(last[1])}</span>}
      </figcaption>
      {/* A fixed height, so nothing moves when the chart measures its width after hydration. */}
      <div role="img" aria-label={label} className="mt-2 h-44">
        <LineChart
          responsive
          style={{ width: "100%", height: "100%" }}
          data={data}
          margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={["dataMin", "dataMax"]}
            allowDecimals={false}
            tickFormatter={tick}
            tick={{ fontSize: 11, fill: "#64748b" }}
            stroke="#cbd5e1"
            tickLine={false}
          />
          <YAxis
            width="auto"
            domain={["auto", "auto"]}
            tickFormatter={tick}
            tick={{ fontSize: 11, fill: "#64748b" }}
            stroke="#cbd5e1"
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(value) => `${xName} ${value}`}
            formatter={(value) => [typeof value === "number" ? exact(value) : String(value), metric]}
            contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
          />
          <Line
            dataKey="y"
            name={metric}
            type="linear"
            stroke="#4f46e5"
            strokeWidth={1.5}
            dot={points.length === 1 ? { r: 3 } : false}
            isAnimationActive={false}
          />
        </LineChart>
      </div>
      <DataTable metric={metric} xName={xName} points={points} />
    </figure>
  );
}

/** The numbers behind a chart; built only when opened (a run may have thousands of points). */
function DataTable({
  metric,
  xName,
  points,
}: {
  metric: string;
  xName: string;
  points: MetricSeries["points"];
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2 text-xs" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">
        Data table<span className="sr-only"> for {metric}</span>
      </summary>
      {open && (
        <section
          aria-label={`${metric} data`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          tabIndex={0}
          className="relative mt-2 max-h-64 overflow-y-auto rounded-md border border-slate-100"
        >
          <table className="w-full">
            <caption className="sr-only">
              {metric} by {xName}
            </caption>
            <thead className="sticky top-0 bg-white text-left text-slate-500">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  {xName === "step" ? "Step" : "Row"}
                </th>
                <th scope="col" className="px-2 py-1 text-right font-medium">
                  {metric}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {points.map(([px, py]) => (
                <tr key={px}>
                  <td className="px-2 py-0.5">{px}</td>
                  <td className="px-2 py-0.5 text-right">{exact(py)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </details>
  );
}
