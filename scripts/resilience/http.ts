// A small HTTP client for the suite: loopback only, a hard timeout per request, a chosen loopback
// source address (so one process can be several clients to the per-IP limiter), and every answer
// recorded (status, latency; bodies kept for the secrets check).
import http from "node:http";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export interface Answer {
  status: number; // 0: no answer (refused, reset, timed out)
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
  error?: string;
  /** This answer in `recorded` (absent once the record is full). */
  record?: Recorded;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Loopback source address (127.0.0.x): the client the server sees. */
  from?: string;
  timeoutMs?: number;
}

/** Every answer of the run, for the secrets scenario (bodies capped at 256 KiB each). */
export interface Recorded {
  url: string;
  body: string;
  headers: string;
  /** Secrets this answer was allowed to show: the response that created them. */
  creates?: string[];
}
export const recorded: Recorded[] = [];
const MAX_RECORDED = 200_000;

const agents = new Map<string, http.Agent>();
function agentFor(from: string): http.Agent {
  let agent = agents.get(from);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 256, localAddress: from } as http.AgentOptions);
    agents.set(from, agent);
  }
  return agent;
}

export function closeAgents() {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

export function request(url: string, opts: RequestOptions = {}): Promise<Answer> {
  const target = new URL(url);
  if (!LOOPBACK.test(target.hostname) || target.protocol !== "http:")
    throw new Error(`refusing to send traffic off loopback: ${url}`);
  const from = opts.from ?? "127.0.0.1";
  const started = performance.now();
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Omit<Answer, "ms">) => {
      if (settled) return;
      settled = true;
      const answer: Answer = { ...a, ms: performance.now() - started };
      if (recorded.length < MAX_RECORDED) {
        answer.record = { url, body: answer.body.slice(0, 256 * 1024), headers: JSON.stringify(a.headers) };
        recorded.push(answer.record);
      }
      resolve(answer);
    };
    const req = http.request(
      target,
      {
        method: opts.method ?? (body ? "POST" : "GET"),
        agent: agentFor(from),
        headers: { ...(body ? { "content-length": String(body.length) } : {}), ...opts.headers },
        timeout: opts.timeoutMs ?? 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", (err) => done({ status: 0, headers: {}, body: "", error: err.message }));
      },
    );
    req.on("timeout", () => {
      req.destroy(new Error("timed out"));
    });
    req.on("error", (err) => done({ status: 0, headers: {}, body: "", error: err.message }));
    if (body) req.write(body);
    req.end();
  });
}

/** Marks `answer` as the creation response of `secrets` (the one answer allowed to show them). */
export function markCreation(answer: Answer, secrets: string[]) {
  if (answer.record) answer.record.creates = [...(answer.record.creates ?? []), ...secrets];
}

export const basicAuth = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

/** Latency and status counts of one scenario. */
export class Stats {
  readonly latencies: number[] = [];
  requests = 0;
  /** Answers with status >= 500 or none at all. */
  errors = 0;
  readonly statuses = new Map<number, number>();

  add(a: Answer) {
    this.requests++;
    this.latencies.push(a.ms);
    this.statuses.set(a.status, (this.statuses.get(a.status) ?? 0) + 1);
    if (a.status === 0 || a.status >= 500) this.errors++;
  }

  p99(): number {
    if (!this.latencies.length) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
  }

  statusSummary(): string {
    return [...this.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s || "none"}×${n}`)
      .join(" ");
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
