// Durations and payloads of trace calls, as the Traces tab shows them.

/** "840 ms", "2.4 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** A payload's JSON, indented for reading (weave's inputs and outputs are JSON values). */
export function prettyJson(value: unknown): string {
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "1.2 MB", "430 characters": how much "Expand" will show. */
export function formatLength(chars: number): string {
  if (chars < 10_000) return `${chars.toLocaleString("en-US")} characters`;
  if (chars < 1_000_000) return `${Math.round(chars / 1000)} k characters`;
  return `${(chars / 1_000_000).toFixed(1)} M characters`;
}
