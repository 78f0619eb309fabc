// Turns a run's stored config, summary and history rows into what the run page shows: key/value
// rows (internal `_` keys last) and one numeric series per metric for the charts.

export interface ValueRow {
  key: string;
  value: unknown;
  /** Keys the client adds for itself (`_step`, `_runtime`, `_wandb`): shown last and muted. */
  internal: boolean;
}

/** The Python client sends each config value as `{ value, desc }`; the JS client sends it bare. */
function unwrapConfigValue(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && "value" in value) {
    const keys = Object.keys(value);
    if (keys.every((k) => k === "value" || k === "desc")) return (value as { value: unknown }).value;
  }
  return value;
}

function rows(record: Record<string, unknown>, unwrap: (v: unknown) => unknown = (v) => v): ValueRow[] {
  return Object.entries(record ?? {})
    .map(([key, value]) => ({ key, value: unwrap(value), internal: key.startsWith("_") }))
    .sort((a, b) => Number(a.internal) - Number(b.internal) || a.key.localeCompare(b.key));
}

export function configRows(config: Record<string, unknown>): ValueRow[] {
  return rows(config, unwrapConfigValue);
}

export function summaryRows(summary: Record<string, unknown>): ValueRow[] {
  return rows(summary);
}

/** One chart's data: [x, y] pairs, x being `_step` (or the row index when the client sent none). */
export interface MetricSeries {
  metric: string;
  points: Array<[number, number]>;
}

export interface Charts {
  /** What the x axis counts. */
  x: "step" | "row";
  series: MetricSeries[];
  /** How many metrics there were before the cap. */
  metricCount: number;
}

const MAX_DEPTH = 3;

/** Numeric leaves of a history row; nested groups become `a.b` (media objects, `_type`, are skipped). */
function numericLeaves(row: Record<string, unknown>, out: Map<string, number>, prefix = "", depth = 0) {
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith("_")) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "number" && Number.isFinite(value)) out.set(name, value);
    else if (
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      !("_type" in value) &&
      depth < MAX_DEPTH
    ) {
      numericLeaves(value as Record<string, unknown>, out, name, depth + 1);
    }
  }
}

/** One series per numeric metric found in the history rows, sorted by name, at most `maxMetrics`. */
export function metricCharts(history: Array<Record<string, unknown>>, maxMetrics = 48): Charts {
  const hasStep = history.some((r) => typeof r._step === "number");
  const byMetric = new Map<string, Array<[number, number]>>();
  history.forEach((row, index) => {
    const x = hasStep && typeof row._step === "number" ? row._step : index;
    const leaves = new Map<string, number>();
    numericLeaves(row, leaves);
    for (const [metric, y] of leaves) {
      const points = byMetric.get(metric);
      if (points) points.push([x, y]);
      else byMetric.set(metric, [[x, y]]);
    }
  });
  const names = [...byMetric.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return {
    x: hasStep ? "step" : "row",
    series: names.slice(0, maxMetrics).map((metric) => ({ metric, points: byMetric.get(metric)! })),
    metricCount: names.length,
  };
}
