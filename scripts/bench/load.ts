// HTTP load with autocannon's programmatic API, and the floor: the same server's `GET /api/health`
// (no database, no authentication) measured right before and after each load, so a ratio against
// it means the same on a busy shared machine.
import autocannon from "autocannon";

export interface LoadResult {
  /** Mean requests per second over the run (2xx only counted as ok, see `failed`). */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx responses plus errors and timeouts. */
  failed: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request's body (fresh ids, offsets); overrides `body`. */
  nextBody?: () => string;
  /** Builds each request's path; overrides the URL's path. */
  nextPath?: () => string;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const dynamic = spec.nextBody || spec.nextPath;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    method: spec.method ?? "GET",
    headers: spec.headers,
    body: spec.body,
    ...(dynamic
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                ...(spec.nextPath ? { path: spec.nextPath() } : {}),
                ...(spec.nextBody ? { body: spec.nextBody() } : {}),
              }),
            },
          ],
        }
      : {}),
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    rps: (result.requests.total - result.non2xx) / spec.durationSec,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failed,
  };
}

export function floorSpec(baseUrl: string, connections: number, durationSec: number): LoadSpec {
  return { url: `${baseUrl}/api/health`, connections, durationSec };
}

/**
 * Waits until the server answers the floor promptly again: requests autocannon gave up on may
 * still be running (on the embedded database they hold its one connection), and would otherwise
 * be billed to the next measurement.
 */
export async function drain(baseUrl: string, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const t0 = performance.now();
    try {
      await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();
    } catch {}
    if (performance.now() - t0 < 50) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A load and its floor measured around it (floor, load, floor): the floor is their mean. */
export async function againstFloor(
  spec: LoadSpec,
  baseUrl: string,
  floorBefore?: LoadResult,
): Promise<{ load: LoadResult; floor: LoadResult; floorAfter: LoadResult }> {
  const before = floorBefore ?? (await load(floorSpec(baseUrl, spec.connections, spec.durationSec)));
  const measured = await load(spec);
  await drain(baseUrl);
  const after = await load(floorSpec(baseUrl, spec.connections, spec.durationSec));
  const floor: LoadResult = {
    rps: (before.rps + after.rps) / 2,
    p50: (before.p50 + after.p50) / 2,
    p99: (before.p99 + after.p99) / 2,
    requests: before.requests + after.requests,
    failed: before.failed + after.failed,
  };
  return { load: measured, floor, floorAfter: after };
}

export interface Interleaved {
  /** Requests/s of the load and of the floor, each over all of its windows. */
  load: LoadResult;
  floor: LoadResult;
  /** load / floor of each pair of adjacent windows, smallest first. */
  pairRatios: number[];
  /**
   * The median pair's ratio: each pair's windows are a second apart, so its ratio is free of the
   * machine's drift, and the median leaves out the pairs a burst of noise hit.
   */
  ratio: number;
}

/**
 * The load and the floor in short alternating windows (floor-load, then load-floor, and so on, so
 * a warming or slowing server favours neither), summed: on a shared 2-core VM the machine's speed
 * drifts over seconds, and a 5-second window against the floor before and after it swung from
 * 0.57x to 0.95x of the floor within one run. Windows of a second track that drift.
 */
export async function interleavedWithFloor(
  spec: LoadSpec,
  baseUrl: string,
  pairs: number,
  windowSec = 1,
): Promise<Interleaved> {
  const floor = floorSpec(baseUrl, spec.connections, windowSec);
  const measured = { ...spec, durationSec: windowSec };
  const loads: LoadResult[] = [];
  const floors: LoadResult[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) floors.push(await load(floor));
    loads.push(await load(measured));
    await drain(baseUrl);
    if (i % 2 === 1) floors.push(await load(floor));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const total = (runs: LoadResult[]): LoadResult => ({
    rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    failed: runs.reduce((n, r) => n + r.failed, 0),
  });
  const pairRatios = loads.map((l, i) => l.rps / floors[i]!.rps).sort((a, b) => a - b);
  return { load: total(loads), floor: total(floors), pairRatios, ratio: median(pairRatios) };
}
