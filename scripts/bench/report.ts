// The benchmark's output: a markdown table per database (figure, value, floor, ratio, target,
// met?), or one JSON object whose keys are the figures' stable ids.
export interface Figure {
  /** Stable key in the JSON output, e.g. `ingest.upsert_batch.c16.rps`. */
  id: string;
  figure: string;
  /** null: not measured (the note says why). */
  value: number | null;
  unit: string;
  floor?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
  note?: string;
}

function fmt(n: number | null | undefined, unit = ""): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  const digits = Number.isInteger(n) ? 0 : Math.abs(n) < 10 ? 2 : Math.abs(n) < 100 ? 1 : 0;
  return `${n.toFixed(digits)}${unit ? ` ${unit}` : ""}`;
}

export function printMarkdown(results: Record<string, Figure[]>, meta: Record<string, unknown> = {}) {
  for (const [database, figures] of Object.entries(results)) {
    console.log(`\n### ${database}\n`);
    console.log("| figure | value | floor | ratio | target | met? |\n|---|---:|---:|---:|---|---|");
    for (const f of figures) {
      const value = f.value === null ? `not measured: ${f.note ?? ""}` : fmt(f.value, f.unit);
      const met = f.met === undefined ? "" : f.met ? "yes" : "**no**";
      const note = f.value !== null && f.note ? ` (${f.note})` : "";
      console.log(
        `| ${f.figure}${note} | ${value} | ${fmt(f.floor, f.floor === undefined ? "" : f.unit)} | ${f.ratio === undefined || !Number.isFinite(f.ratio) ? "" : `${fmt(f.ratio)}x`} | ${f.target ?? ""} | ${met} |`,
      );
    }
  }
  if (Object.keys(meta).length)
    console.log(
      `\n${Object.entries(meta)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")}`,
    );
}

export function printJson(results: Record<string, Figure[]>, meta: Record<string, unknown> = {}) {
  const out: Record<string, Record<string, Omit<Figure, "id">>> = {};
  for (const [database, figures] of Object.entries(results)) {
    out[database] = {};
    for (const { id, ...rest } of figures) out[database]![id] = rest;
  }
  console.log(JSON.stringify({ meta, results: out }));
}
