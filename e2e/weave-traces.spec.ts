// The unmodified weave package traces ops with service-account keys; the server stores what the
// scope rules allow and nothing else. Assertions read back what was stored, through the trace
// server's own read paths (calls/stream_query, objs/query, obj/read, table/query, file/content).
import { type APIRequestContext, expect, test } from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { callsOf, post, type StoredCall, traceOf, traceWithWeave } from "./weave/client";

const { keys } = fixtures();
/** What weave prints when a trace request failed (its "Error parsing netrc file" on a fresh HOME is not one). */
const CLIENT_ERRORS = /Error (saving file|processing batch)|Unhandled|TypeError|status: [45]\d\d/;

const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Nested ops as trace.mjs logs them: pipeline -> add(1, 2), add(3, 3). */
function expectPipelineTrace(calls: StoredCall[], projectId: string, tag: string) {
  expect(calls).toHaveLength(3);
  const root = calls.find((c) => c.parent_id === null)!;
  const children = calls.filter((c) => c.parent_id === root.id);
  expect(children).toHaveLength(2);
  // op refs carry the digest obj/create answered (":undefined" if the server had not)
  expect(root.op_name).toMatch(new RegExp(`^weave:///${projectId}/op/pipeline:[A-Za-z0-9]{43}$`));
  for (const child of children) {
    expect(child.op_name).toMatch(new RegExp(`^weave:///${projectId}/op/add:[A-Za-z0-9]{43}$`));
    expect(child.trace_id).toBe(root.trace_id);
  }
  expect(root).toMatchObject({
    project_id: projectId,
    inputs: { arg0: "what is 1 + 2 + 3?", arg1: tag },
    output: { question: "what is 1 + 2 + 3?", runTag: tag, answer: 6, note: "réponse ✓" },
    exception: null,
    attributes: { weave: { client_version: "0.11.1", source: "js-sdk" } },
  });
  expect(root.ended_at).not.toBeNull();
  const byStart = [...children].sort((a, b) => a.started_at.localeCompare(b.started_at));
  expect(byStart.map((c) => [c.inputs, c.output])).toEqual([
    [{ arg0: 1, arg1: 2 }, 3],
    [{ arg0: 3, arg1: 3 }, 6],
  ]);
}

test.describe("the official weave client", () => {
  test.describe.configure({ timeout: 150_000 });

  test("a team service account traces nested ops into its team's new project", async ({
    request,
    baseURL,
  }) => {
    const projectId = `ml-platform/${unique("weave-team")}`;
    const tag = unique("tag");
    const run = await traceWithWeave({
      key: keys.ciBot,
      project: projectId,
      traceUrl: baseURL!,
      tag,
      loginHost: new URL(baseURL!).host,
    });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Successfully logged in"); // weave.login's GET /health with the key
    expect(run.errorsLog, "the client logged errors").toBe("");
    expect(run.output).not.toMatch(CLIENT_ERRORS);
    expect(run.result?.answer.answer).toBe(6);
    const calls = await traceOf(request, keys.ciBot, projectId, tag);
    expectPipelineTrace(calls!, projectId, tag);

    // the ops were published as objects, their source as files under the client's digests
    const objs = await post(request, "/objs/query", keys.ciBot, {
      project_id: projectId,
      filter: { is_op: true, latest_only: true },
    });
    const ops = (await objs.json()).objs as Array<{
      object_id: string;
      digest: string;
      val: { files: Record<string, string> };
    }>;
    expect(ops.map((o) => o.object_id).sort()).toEqual(["add", "pipeline"]);
    const add = ops.find((o) => o.object_id === "add")!;
    expect(calls!.some((c) => c.op_name.endsWith(`/op/add:${add.digest}`))).toBe(true);
    const source = await post(request, "/file/content", keys.ciBot, {
      project_id: projectId,
      digest: add.val.files["obj.py"],
    });
    expect(source.status()).toBe(200);
    expect(await source.text()).toContain("async function add(a, b)");
  });

  test("an org service account traces into another team of its org, through /traces, with an object and a dataset", async ({
    request,
    baseURL,
  }) => {
    const projectName = unique("weave-org");
    const projectId = `ml-platform/${projectName}`;
    const tag = unique("tag");
    const run = await traceWithWeave({
      key: keys.trainer,
      project: projectId,
      traceUrl: `${baseURL}/traces`,
      tag,
      publish: true,
      dataset: true,
    });
    expect(run.code, run.output).toBe(0);
    expect(run.errorsLog).toBe("");
    expect(run.output).not.toMatch(CLIENT_ERRORS);
    expectPipelineTrace((await traceOf(request, keys.trainer, projectId, tag))!, projectId, tag);
    // not in its default team
    expect(await callsOf(request, keys.trainer, `research/${projectName}`)).toBeNull();

    // the published object, read back by the client (obj/read) and over HTTP
    const published = run.result!.published!;
    const value = { lr: 0.01, layers: [64, 32], note: "日本語", tag };
    expect(published.readBack).toEqual(value);
    expect(published.uri).toBe(`weave:///${projectId}/object/my-config:${published.digest}`);
    const read = await post(request, "/traces/obj/read", keys.trainer, {
      project_id: projectId,
      object_id: "my-config",
      digest: published.digest,
    });
    expect((await read.json()).obj).toMatchObject({
      object_id: "my-config",
      digest: published.digest,
      val: value,
    });

    // the dataset: the client read its rows back (obj/read + table/query); so can we
    const rows = [
      { question: "2 + 2", expected: "4" },
      { question: "capital of France", expected: "Paris" },
      { question: "日本の首都", expected: "東京" },
    ];
    const dataset = run.result!.dataset!;
    expect(dataset.objectId).toBe("qa-set");
    expect(dataset.rows).toEqual(rows);
    const obj = await (
      await post(request, "/obj/read", keys.trainer, {
        project_id: projectId,
        object_id: "qa-set",
        digest: "latest",
      })
    ).json();
    expect(obj.obj).toMatchObject({
      base_object_class: "Dataset",
      val: { _type: "Dataset", name: "qa set" },
    });
    const tableDigest = /\/table\/([A-Za-z0-9]+)$/.exec(obj.obj.val.rows)![1];
    const table = await (
      await post(request, "/table/query", keys.trainer, { project_id: projectId, digest: tableDigest })
    ).json();
    expect(table.rows.map((r: { val: unknown }) => r.val)).toEqual(rows);
    expect(table.rows.every((r: { digest: string }) => /^[A-Za-z0-9]{43}$/.test(r.digest))).toBe(true);
    const viaRefs = await (
      await post(request, "/refs/read_batch", keys.trainer, {
        refs: [`${dataset.uri}/attr/rows/id/${table.rows[2].digest}`],
      })
    ).json();
    expect(viaRefs.vals).toEqual([rows[2]]);
  });

  test("a team service account traces into another team's open project (base URL with a trailing slash)", async ({
    request,
    baseURL,
  }) => {
    const tag = unique("tag");
    // "<base>/" makes weave request "//call/upsert_batch": the server collapses the slashes
    const run = await traceWithWeave({
      key: keys.ciBot,
      project: "research/papers",
      traceUrl: `${baseURL}/`,
      tag,
    });
    expect(run.code, run.output).toBe(0);
    expect(run.errorsLog).toBe("");
    expect(run.output).not.toMatch(CLIENT_ERRORS); // file/create too went through the 308
    // read by another principal: the org service account of acme
    const calls = (await traceOf(request, keys.trainer, "research/papers", tag))!;
    expectPipelineTrace(calls, "research/papers", tag);
    const opName = calls.find((c) => c.parent_id === null)!.op_name;
    const [objectId, digest] = opName.split("/op/")[1]!.split(":");
    const op = await post(request, "/obj/read", keys.trainer, {
      project_id: "research/papers",
      object_id: objectId,
      digest,
    });
    const source = await post(request, "/file/content", keys.trainer, {
      project_id: "research/papers",
      digest: (await op.json()).obj.val.files["obj.py"],
    });
    expect(await source.text()).toContain("async function pipeline(question, runTag)");
  });

  test("weave.login refuses a bad key: GET /health answers 401", async ({ request, baseURL }) => {
    const run = await traceWithWeave({
      key: "stw_sa-not-a-key",
      project: "ml-platform/llm-eval",
      traceUrl: `${baseURL}/traces`,
      tag: unique("tag"),
      loginHost: new URL(baseURL!).host,
    });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("Unable to verify connection to the weave trace server with given API Key");
    for (const urlPath of ["/health", "/traces/health", "/server_info", "/traces/server_info"]) {
      expect((await request.get(urlPath)).status(), urlPath).toBe(200); // anonymous
      expect((await request.get(urlPath, { headers: { Authorization: basicAuth(keys.etl) } })).status()).toBe(
        200,
      );
    }
  });

  for (const [name, projectId, reader] of [
    ["a team-visibility project of another team", "research/experiments", () => keys.trainer],
    ["an unlisted restricted project", "ml-platform/secret-sauce", () => keys.tom],
  ] as const) {
    test(`refuses ${name}: the client exits non-zero and nothing is stored`, async ({ request, baseURL }) => {
      const objsBefore = await post(request, "/objs/query", reader(), { project_id: projectId });
      expect(objsBefore.status()).toBe(200);
      const callsBefore = (await callsOf(request, reader(), projectId))!;
      const tag = unique("tag");
      const run = await traceWithWeave({ key: keys.ciBot, project: projectId, traceUrl: baseURL!, tag });
      expect(run.code, run.output).not.toBe(0);
      expect(run.output).toMatch(/status: 404/); // the op publish was refused; the client crashed on it
      expect(run.seconds).toBeLessThan(60);
      expect(run.result).toBeNull();
      // the service account cannot even see that the project exists
      expect(await callsOf(request, keys.ciBot, projectId)).toBeNull();
      // a reader of the project sees nothing new
      expect(await callsOf(request, reader(), projectId)).toEqual(callsBefore);
      const objsAfter = await post(request, "/objs/query", reader(), { project_id: projectId });
      expect(await objsAfter.json()).toEqual(await objsBefore.json());
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// The batch endpoint over HTTP, as weave's client sends it

const PROJECT = "ml-platform/training"; // a team project ci-bot writes
let seq = 0;
const callId = () =>
  `0199${Date.now().toString(16).slice(-8)}-0000-7000-8000-${(++seq).toString(16).padStart(12, "0")}`;

function startItem(
  id: string,
  opts: { parent?: string; trace?: string; inputs?: Record<string, unknown> } = {},
) {
  return {
    mode: "start",
    req: {
      start: {
        project_id: PROJECT,
        id,
        op_name: `weave:///${PROJECT}/op/http-test:abc`,
        trace_id: opts.trace ?? id,
        parent_id: opts.parent,
        started_at: new Date().toISOString(),
        attributes: { weave: { client_version: "0.11.1", source: "js-sdk" } },
        inputs: opts.inputs ?? { arg0: "x" },
      },
    },
  };
}

function endItem(id: string, output: unknown) {
  return {
    mode: "end",
    req: { end: { project_id: PROJECT, id, ended_at: new Date().toISOString(), output, summary: {} } },
  };
}

const upsert = (
  request: APIRequestContext,
  batch: unknown[],
  key: string | null = keys.ciBot,
  urlPath = "/call/upsert_batch",
) => post(request, urlPath, key, { batch });

const byIds = (request: APIRequestContext, ids: string[]) =>
  callsOf(request, keys.ciBot, PROJECT, { filter: { call_ids: ids } }) as Promise<StoredCall[]>;

test.describe("call/upsert_batch over HTTP", () => {
  test("accepts weave's largest batch (10 MiB of JSON text, multi-byte), refuses one character more", async ({
    request,
  }) => {
    test.setTimeout(120_000);
    // weave adds items while their JSON lengths (UTF-16 units) sum to at most 10 MiB
    const budget = 10 * 1024 * 1024;
    const ids: string[] = [];
    const items: Array<{ mode: string; req: { start: { inputs: { text: string } } } }> = [];
    let used = 0;
    for (let i = 0; i < 8; i++) {
      const id = callId();
      ids.push(id);
      const item = startItem(id, { inputs: { text: "" } }) as unknown as (typeof items)[number];
      const counted = (it: unknown) =>
        JSON.stringify({ mode: "start", data: (it as { req: unknown }).req }).length;
      const target = i < 7 ? Math.floor(budget / 8) : budget - used;
      const unit = "多字节文本🎉é";
      let text = unit.repeat(Math.floor((target - counted(item)) / unit.length));
      text += "x".repeat(target - counted(item) - text.length);
      item.req.start.inputs.text = text;
      used += counted(item);
      items.push(item);
    }
    expect(used).toBe(budget);
    const body = JSON.stringify({ batch: items });
    expect(body.length).toBe(budget + 11);
    const headers = { Authorization: basicAuth(keys.ciBot), "content-type": "application/json" };

    const tooLarge = await request.post("/call/upsert_batch", { headers, data: `${body.slice(0, -2)} ]}` });
    expect(tooLarge.status()).toBe(413);
    expect(tooLarge.headers()["content-type"]).toContain("application/json");
    expect(await byIds(request, ids)).toEqual([]);

    const ok = await request.post("/call/upsert_batch", { headers, data: body });
    expect(ok.status(), await ok.text()).toBe(200);
    const stored = await byIds(request, ids);
    expect(stored).toHaveLength(8);
    expect(stored.map((c) => (c.inputs as { text: string }).text)).toEqual(
      items.map((i) => i.req.start.inputs.text),
    );
  });

  test("stores a retried batch once", async ({ request }) => {
    const [a, b] = [callId(), callId()];
    const batch = [startItem(a), startItem(b), endItem(a, "first"), endItem(b, { n: 2 })];
    for (let i = 0; i < 3; i++) expect((await upsert(request, batch)).status()).toBe(200);
    const stored = await byIds(request, [a, b]);
    expect(stored.map((c) => [c.id, c.output])).toEqual([
      [a, "first"],
      [b, { n: 2 }],
    ]);
  });

  test("links a child whose start arrives before its parent's, and takes an end in a later batch", async ({
    request,
  }) => {
    const [parent, child] = [callId(), callId()];
    const childStart = startItem(child, { parent, trace: parent });
    expect(
      (
        await upsert(
          request,
          [childStart, endItem(child, 1), startItem(parent)],
          keys.ciBot,
          "/traces/call/upsert_batch",
        )
      ).status(),
    ).toBe(200);
    let stored = await byIds(request, [parent, child]);
    expect(stored.find((c) => c.id === child)).toMatchObject({
      parent_id: parent,
      trace_id: parent,
      output: 1,
    });
    expect(stored.find((c) => c.id === parent)).toMatchObject({ parent_id: null, ended_at: null });
    expect((await upsert(request, [endItem(parent, "done")])).status()).toBe(200);
    stored = await byIds(request, [parent]);
    expect(stored[0]).toMatchObject({ output: "done" });
    expect(stored[0]!.ended_at).not.toBeNull();
  });

  test("answers malformed JSON with 400 JSON, a bad key and an anonymous write with 401, storing nothing", async ({
    request,
  }) => {
    const id = callId();
    const malformed = await request.post("/call/upsert_batch", {
      headers: { Authorization: basicAuth(keys.ciBot), "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(malformed.status()).toBe(400);
    expect(malformed.headers()["content-type"]).toContain("application/json");
    expect((await malformed.json()).error).toMatch(/not valid JSON/);
    const badKey = await upsert(request, [startItem(id)], "stw_sa-not-a-key");
    expect(badKey.status()).toBe(401);
    expect(badKey.headers()["content-type"]).toContain("application/json");
    const anonymous = await upsert(request, [startItem(id)], null);
    expect(anonymous.status()).toBe(401);
    expect(await byIds(request, [id])).toEqual([]);
  });
});
