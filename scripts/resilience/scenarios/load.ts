// Scenario 1 (and the traffic of scenario 2): clients with service-account keys write trace
// batches and W&B file_stream history, each write named by client-side IDs, for a bounded time.
// Afterwards every acknowledged write must be in the database, and no write may be partial.
import { randomUUID } from "node:crypto";
import { type Answer, basicAuth, request, Stats, sleep } from "../http";
import { LOAD_PROJECT, type ScenarioResult, TEAM, type World } from "../world";

export interface Write {
  kind: "batch" | "history";
  /** Call ids (batch) or history line numbers (history) with their run. */
  ids: string[];
  run?: string;
  acked: boolean;
  status: number;
  startedAt: number;
  endedAt: number;
  retryAfter: string | undefined;
}

export interface LoadOutcome {
  stats: Stats;
  writes: Write[];
  answers: { at: number; end: number; a: Answer; path: string }[];
}

const UPSERT_BUCKET =
  "mutation UpsertBucket($name: String, $project: String, $entity: String) { upsertBucket(input: {name: $name, modelName: $project, entityName: $entity}) { bucket { id name } inserted } }";

/** Runs `clients` concurrent writers against `origin` for `seconds`; bounded by time and requests. */
export async function generateLoad(
  world: World,
  origin: string,
  clients: number,
  seconds: number,
  maxRequestsPerClient = 10_000,
): Promise<LoadOutcome> {
  const stats = new Stats();
  const writes: Write[] = [];
  const answers: LoadOutcome["answers"] = [];
  const deadline = Date.now() + seconds * 1000;
  const send = async (path: string, body: unknown, key: string) => {
    const at = Date.now();
    const a = await request(`${origin}${path}`, {
      headers: { authorization: basicAuth(key), "content-type": "application/json" },
      body: JSON.stringify(body),
      timeoutMs: 15_000,
    });
    stats.add(a);
    answers.push({ at, end: Date.now(), a, path });
    return { a, at };
  };

  async function client(n: number) {
    const key = world.loadKeys[n % world.loadKeys.length]!;
    const run = `res-${n}-${randomUUID().slice(0, 8)}`;
    let runReady = false;
    let offset = 0;
    for (let i = 0; i < maxRequestsPerClient && Date.now() < deadline; i++) {
      // Every tenth request re-sends the run's upsertBucket (as the W&B client does on resume),
      // so GraphQL is part of the traffic, also during the outage.
      if (!runReady || i % 10 === 9) {
        const { a } = await send(
          "/graphql",
          {
            query: UPSERT_BUCKET,
            variables: { name: run, project: LOAD_PROJECT, entity: TEAM },
            operationName: "UpsertBucket",
          },
          key,
        );
        const ok = a.status === 200 && !a.body.includes('"errors"');
        if (!runReady && !ok) await sleep(200);
        runReady ||= ok;
        continue;
      }
      if (i % 2 === 0) {
        const ids = [randomUUID(), randomUUID()];
        const now = new Date().toISOString();
        const batch = ids.flatMap((id) => [
          {
            mode: "start",
            req: {
              start: {
                project_id: `${TEAM}/${LOAD_PROJECT}`,
                id,
                trace_id: ids[0],
                op_name: "resilience.op",
                started_at: now,
                attributes: {},
                inputs: { client: n, i },
              },
            },
          },
          {
            mode: "end",
            req: {
              end: { project_id: `${TEAM}/${LOAD_PROJECT}`, id, ended_at: now, output: i, summary: {} },
            },
          },
        ]);
        const { a, at } = await send("/traces/call/upsert_batch", { batch }, key);
        writes.push(write("batch", ids, undefined, a, at));
      } else {
        const lines = [0, 1, 2].map((j) => offset + j);
        const content = lines.map((line) => JSON.stringify({ line, client: n, _step: line }));
        const body = { files: { "wandb-history.jsonl": { offset, content } } };
        const { a, at } = await send(`/files/${TEAM}/${LOAD_PROJECT}/${run}/file_stream`, body, key);
        writes.push(write("history", lines.map(String), run, a, at));
        offset += lines.length; // a lost chunk leaves a gap, as with the W&B client
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return { stats, writes, answers };
}

function write(kind: Write["kind"], ids: string[], run: string | undefined, a: Answer, at: number): Write {
  const retry = a.headers["retry-after"];
  return {
    kind,
    ids,
    run,
    acked: a.status >= 200 && a.status < 300,
    status: a.status,
    startedAt: at,
    endedAt: Date.now(),
    retryAfter: Array.isArray(retry) ? retry[0] : retry,
  };
}

/** Acknowledged writes missing from the database, and writes present only in part. */
export async function verifyWrites(
  world: World,
  writes: Write[],
): Promise<{ lost: number; partial: number }> {
  const callIds = writes.filter((w) => w.kind === "batch").flatMap((w) => w.ids);
  const complete = new Set<string>();
  for (let i = 0; i < callIds.length; i += 5000) {
    const rows = await world.sql<{ id: string }[]>`
      select c.id from trace_calls c join projects p on p.id = c.project_id
      where p.name = ${LOAD_PROJECT} and c.id in ${world.sql(callIds.slice(i, i + 5000))}
        and c.started_at is not null and c.ended_at is not null`;
    for (const r of rows) complete.add(r.id);
  }
  const history = await world.sql<{ name: string; line: number; data: { line?: number } }[]>`
    select r.name, h.line, h.data from run_history h join runs r on r.id = h.run_id
    join projects p on p.id = r.project_id where p.name = ${LOAD_PROJECT}`;
  const lines = new Set(history.filter((h) => h.data?.line === h.line).map((h) => `${h.name}#${h.line}`));
  let lost = 0;
  let partial = 0;
  for (const w of writes) {
    const present = w.ids.filter((id) =>
      w.kind === "batch" ? complete.has(id) : lines.has(`${w.run}#${id}`),
    );
    if (w.acked && present.length < w.ids.length) lost++;
    else if (present.length > 0 && present.length < w.ids.length) partial++;
  }
  return { lost, partial };
}

export async function loadScenario(world: World): Promise<ScenarioResult> {
  const { loadClients, loadSeconds } = world.profile;
  const { stats, writes } = await generateLoad(world, world.servers[0]!.origin, loadClients, loadSeconds);
  const { lost, partial } = await verifyWrites(world, writes);
  const violations: string[] = [];
  const fiveHundreds = [...stats.statuses]
    .filter(([s]) => s >= 500 || s === 0)
    .reduce((n, [, c]) => n + c, 0);
  if (fiveHundreds) violations.push(`${fiveHundreds} answers were 5xx or missing (${stats.statusSummary()})`);
  if (lost) violations.push(`${lost} acknowledged writes missing`);
  if (partial) violations.push(`${partial} partial writes`);
  const acked = writes.filter((w) => w.acked).length;
  if (!acked) violations.push("no write was acknowledged");
  return {
    scenario: `1 load (${loadClients} clients, ${loadSeconds} s)`,
    requests: stats.requests,
    errors: stats.errors,
    lostWrites: lost,
    p99: stats.p99(),
    violations,
    note: `${acked} writes acknowledged; ${stats.statusSummary()}`,
  };
}
