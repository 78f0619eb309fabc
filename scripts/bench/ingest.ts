// The two ingest paths a service account's training job uses, as autocannon load specs: weave's
// `POST /traces/call/upsert_batch` (10 items a batch: 5 calls started and ended) and the W&B SDK's
// `file_stream` (5 history lines and a summary a request) spread over runs created beforehand with
// GraphQL `upsertBucket`, as the SDK does.
import type { LoadSpec } from "./load";

export const INGEST_PROJECT = "ingest";
const RUNS = 64;
const runName = (i: number) => `bench-run-${String(i).padStart(3, "0")}`;

export const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

const UPSERT_BUCKET =
  "mutation UpsertBucket($name: String, $project: String, $entity: String) { upsertBucket(input: {name: $name, modelName: $project, entityName: $entity}) { bucket { id name } inserted } }";

/** Creates the runs file_stream writes to (and with the first one, the project). */
export async function createRuns(baseUrl: string, key: string, entity: string): Promise<void> {
  for (let i = 0; i < RUNS; i++) {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { authorization: basic(key), "content-type": "application/json" },
      body: JSON.stringify({
        query: UPSERT_BUCKET,
        variables: { name: runName(i), project: INGEST_PROJECT, entity },
      }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (!res.ok || body.errors) throw new Error(`upsertBucket failed: ${res.status} ${JSON.stringify(body)}`);
  }
}

let callSeq = 0;

export function upsertBatchSpec(
  baseUrl: string,
  key: string,
  entity: string,
  connections: number,
  durationSec: number,
): LoadSpec {
  const projectId = `${entity}/${INGEST_PROJECT}`;
  const run = Date.now().toString(16).padStart(12, "0").slice(-12);
  return {
    url: `${baseUrl}/traces/call/upsert_batch`,
    method: "POST",
    connections,
    durationSec,
    headers: { authorization: basic(key), "content-type": "application/json" },
    nextBody: () => {
      const batch = [];
      for (let i = 0; i < 5; i++) {
        const id = `0199bbbb-${run.slice(0, 4)}-7${run.slice(4, 7)}-8${run.slice(7, 10)}-${String(++callSeq).padStart(12, "0")}`;
        const now = new Date().toISOString();
        batch.push({
          mode: "start",
          req: {
            start: {
              project_id: projectId,
              id,
              trace_id: id,
              op_name: `weave:///${projectId}/op/predict:bench`,
              started_at: now,
              attributes: { weave: { client_version: "0.11.1", source: "bench" } },
              inputs: { prompt: `question ${callSeq}`, temperature: 0.2 },
            },
          },
        });
        batch.push({
          mode: "end",
          req: { end: { project_id: projectId, id, ended_at: now, output: { answer: "42" }, summary: {} } },
        });
      }
      return JSON.stringify({ batch });
    },
  };
}

export function fileStreamSpec(
  baseUrl: string,
  key: string,
  entity: string,
  connections: number,
  durationSec: number,
): LoadSpec {
  const offsets = new Array<number>(RUNS).fill(0);
  let next = 0;
  let current = 0;
  return {
    url: `${baseUrl}/files/${entity}/${INGEST_PROJECT}/${runName(0)}/file_stream`,
    method: "POST",
    connections,
    durationSec,
    headers: { authorization: basic(key), "content-type": "application/json" },
    // Round robin over the runs: each request appends the next 5 lines of its run.
    nextPath: () => {
      current = next++ % RUNS;
      return `/files/${entity}/${INGEST_PROJECT}/${runName(current)}/file_stream`;
    },
    nextBody: () => {
      const offset = offsets[current]!;
      offsets[current] = offset + 5;
      const lines = Array.from({ length: 5 }, (_, i) =>
        JSON.stringify({ _step: offset + i, loss: 1 / (offset + i + 1), acc: 0.5 + i / 100 }),
      );
      return JSON.stringify({
        files: {
          "wandb-history.jsonl": { offset, content: lines },
          "wandb-summary.json": { offset: 0, content: [JSON.stringify({ loss: 1 / (offset + 5) })] },
        },
      });
    },
  };
}
