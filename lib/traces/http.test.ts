// The trace server's route handlers in process, through apiRoute: body limits as weave counts them,
// error answers, NDJSON, multipart files, and the same handler at / and /traces.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");
vi.stubEnv("AUTH_FAILURE_LIMIT", "1000");

const root = {
  upsert: (await import("@/app/call/upsert_batch/route")).POST,
  stream: (await import("@/app/calls/stream_query/route")).POST,
  fileCreate: (await import("@/app/file/create/route")).POST,
  fileContent: (await import("@/app/file/content/route")).POST,
  health: (await import("@/app/health/route")).GET,
};
const traces = {
  upsert: (await import("@/app/traces/call/upsert_batch/route")).POST,
  stream: (await import("@/app/traces/calls/stream_query/route")).POST,
  objCreate: (await import("@/app/traces/obj/create/route")).POST,
  objRead: (await import("@/app/traces/obj/read/route")).POST,
  tableCreate: (await import("@/app/traces/table/create/route")).POST,
  tableQuery: (await import("@/app/traces/table/query/route")).POST,
  serverInfo: (await import("@/app/traces/server_info/route")).GET,
};
const { getDbHandle } = await import("@/lib/db/client");
const { createOrganization } = await import("@/lib/orgs/service");
const { createTeam } = await import("@/lib/teams/service");
const { createServiceAccount } = await import("@/lib/service-accounts/service");
const { traceCalls } = await import("@/lib/db/schema");
const { count } = await import("drizzle-orm");
const { computeDigest } = await import("./digest");
const { MAX_TRACE_JSON_CHARS } = await import("./http");

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

let key: string;
beforeAll(async () => {
  const { db } = await getDbHandle();
  const ctx = { db, actor: { kind: "system", via: "cli" } as const };
  await createOrganization(ctx, { slug: "acme", plan: "enterprise" });
  await createTeam(ctx, "acme", "ml-platform");
  key = (
    await createServiceAccount(ctx, { scope: "team", team: "ml-platform", name: "ci-bot", withKey: true })
  ).key!.key;
});
afterAll(async () => {
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});

const basic = (k: string) => `Basic ${Buffer.from(`api:${k}`).toString("base64")}`;

function post(handler: Handler, body: BodyInit | object, headers: Record<string, string> = {}) {
  const isRaw = typeof body === "string" || body instanceof FormData || body instanceof Uint8Array;
  return handler(
    new Request("http://localhost/x", {
      method: "POST",
      headers: {
        authorization: basic(key),
        ...(isRaw ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: isRaw ? (body as BodyInit) : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function storedCalls(): Promise<number> {
  const { db } = await getDbHandle();
  const [row] = await db.select({ n: count() }).from(traceCalls);
  return Number(row?.n ?? 0);
}

const PROJECT = "ml-platform/http-tests";
let seq = 0;
const newId = () => `0199aaaa-0000-7000-8000-${String(++seq).padStart(12, "0")}`;

function startItem(id: string, inputs: Record<string, unknown> = {}) {
  return {
    mode: "start",
    data: {
      start: {
        project_id: PROJECT,
        id,
        op_name: `weave:///${PROJECT}/op/big:abc`,
        trace_id: id,
        started_at: new Date().toISOString(),
        attributes: { weave: { client_version: "0.11.1", source: "js-sdk" } },
        inputs,
      },
    },
  };
}

/** The body weave sends for queued items (clientApi: `{batch: [{mode, req: item.data}]}`). */
const bodyOf = (items: Array<{ mode: string; data: unknown }>) =>
  JSON.stringify({ batch: items.map((i) => ({ mode: i.mode, req: i.data })) });

describe("call/upsert_batch", () => {
  it("accepts the largest batch weave sends (10 MiB of JSON characters of multi-byte text), and refuses one character more", async () => {
    // weave fills a batch while the items' JSON.stringify lengths add up to at most 10 MiB.
    const budget = 10 * 1024 * 1024;
    const items = [];
    let used = 0;
    for (let i = 0; i < 10; i++) {
      const item = startItem(newId(), { text: "" });
      const overhead = JSON.stringify(item).length;
      const target = i < 9 ? Math.floor(budget / 10) : budget - used;
      // "日本語テキスト" is 3 bytes a character in UTF-8; 🎉 is 2 code units and 4 bytes
      const unit = "日本語テキスト🎉";
      let text = unit.repeat(Math.floor((target - overhead) / unit.length));
      text += "x".repeat(target - overhead - text.length);
      (item.data.start.inputs as { text: string }).text = text;
      used += JSON.stringify(item).length;
      items.push(item);
    }
    expect(used).toBe(budget);
    const body = bodyOf(items);
    expect(body.length).toBe(MAX_TRACE_JSON_CHARS);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2.7 * budget); // ~28 MiB on the wire

    const before = await storedCalls();
    const tooBig = `${body.slice(0, -2)} ]}`; // the same JSON, one character longer
    const refused = await post(traces.upsert, tooBig, { "content-type": "application/json" });
    expect(refused.status).toBe(413);
    expect((await refused.json()).error).toMatch(/10 MiB/);
    expect(await storedCalls()).toBe(before);

    const ok = await post(traces.upsert, body, { "content-type": "application/json" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).res).toHaveLength(10);
    expect(await storedCalls()).toBe(before + 10);
    const res = await post(root.stream, {
      project_id: PROJECT,
      filter: { call_ids: [items[3]!.data.start.id] },
    });
    const [line] = (await res.text()).trim().split("\n");
    expect(JSON.parse(line!).inputs.text).toBe((items[3]!.data.start.inputs as { text: string }).text);
  }, 120_000);

  it("answers malformed JSON, bad keys and anonymous writes with JSON errors, storing nothing", async () => {
    const before = await storedCalls();
    const malformed = await post(root.upsert, "{not json", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toContain("application/json");
    expect((await malformed.json()).error).toMatch(/not valid JSON/);
    const missing = await post(root.upsert, {
      batch: [{ mode: "start", req: { start: { project_id: PROJECT } } }],
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/batch\.0\.req\.start\.op_name/);
    const body = bodyOf([startItem(newId())]);
    const badKey = await post(root.upsert, body, { authorization: basic("stw_sa-not-a-key") });
    expect(badKey.status).toBe(401);
    expect((await badKey.json()).error).toMatch(/Invalid or missing credentials/);
    const anonymous = await post(root.upsert, body, { authorization: "" });
    expect(anonymous.status).toBe(401);
    expect(await storedCalls()).toBe(before);
  });

  it("stores a NUL or text cut inside an emoji (a lone surrogate) as U+FFFD, so queries can read it", async () => {
    const id = newId();
    const body = bodyOf([startItem(id, { cut: "ok 🎉".slice(0, -1), whole: "🎉", nul: "a\u0000b" })]);
    expect(body).toContain("\\ud83c");
    expect((await post(root.upsert, body, { "content-type": "application/json" })).status).toBe(200);
    const query = {
      $expr: { $contains: { input: { $getField: "inputs.cut" }, substr: { $literal: "ok" } } },
    };
    const res = await post(root.stream, { project_id: PROJECT, filter: { call_ids: [id] }, query });
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).inputs).toEqual({ cut: "ok \ufffd", whole: "🎉", nul: "a\ufffdb" });
  });

  it("serves the same handler at / and /traces", async () => {
    const id = newId();
    expect((await post(root.upsert, bodyOf([startItem(id)]))).status).toBe(200);
    const a = await (await post(root.stream, { project_id: PROJECT, filter: { call_ids: [id] } })).text();
    const viaTraces = await post(traces.stream, { project_id: PROJECT, filter: { call_ids: [id] } });
    expect(viaTraces.headers.get("content-type")).toContain("application/jsonl");
    expect(await viaTraces.text()).toBe(a);
    expect(JSON.parse(a)).toMatchObject({ id, project_id: PROJECT, parent_id: null, ended_at: null });
    expect(
      (await root.health(new Request("http://localhost/health"), { params: Promise.resolve({}) })).status,
    ).toBe(200);
    const info = await traces.serverInfo(new Request("http://localhost/traces/server_info"), {
      params: Promise.resolve({}),
    });
    expect(await info.json()).toHaveProperty("min_required_weave_python_version");
  });
});

describe("objects, tables and files over HTTP", () => {
  it("create and read objects and tables in weave's shapes", async () => {
    const created = await post(traces.objCreate, {
      obj: { project_id: PROJECT, object_id: "my-config", val: { lr: 0.01 } },
    });
    const { digest } = await created.json();
    const read = await post(traces.objRead, { project_id: PROJECT, object_id: "my-config", digest });
    expect((await read.json()).obj).toMatchObject({
      project_id: PROJECT,
      object_id: "my-config",
      digest,
      val: { lr: 0.01 },
      version_index: 0,
      is_latest: 1,
      kind: "object",
    });
    const table = await (
      await post(traces.tableCreate, { table: { project_id: PROJECT, rows: [{ a: 1 }, { a: 2 }] } })
    ).json();
    expect(table.row_digests).toHaveLength(2);
    const rows = await (await post(traces.tableQuery, { project_id: PROJECT, digest: table.digest })).json();
    expect(rows.rows.map((r: { digest: string; val: unknown }) => [r.digest, r.val])).toEqual([
      [table.row_digests[0], { a: 1 }],
      [table.row_digests[1], { a: 2 }],
    ]);
  });

  it("store multipart files under the client's digest and give the bytes back", async () => {
    const source = "const step = (x) => x + 1; // ✓";
    const form = new FormData();
    form.append("project_id", PROJECT);
    form.append("file", new Blob([source], { type: "application/octet-stream" }), "blob");
    const created = await post(root.fileCreate, form);
    expect(created.status).toBe(200);
    const { digest } = await created.json();
    expect(digest).toBe(computeDigest(Buffer.from(source)));
    const content = await post(root.fileContent, { project_id: PROJECT, digest });
    expect(content.headers.get("content-type")).toBe("application/octet-stream");
    expect(await content.text()).toBe(source);
    const notForm = await post(root.fileCreate, "plain text", { "content-type": "text/plain" });
    expect(notForm.status).toBe(400);
  });

  it("read a FormData body that a redirect re-sent with a new boundary under the old header", async () => {
    // undici re-extracts a FormData body when it follows the 308 for "//file/create" ("<base>/"),
    // with a fresh boundary, but keeps the first Content-Type header
    const body = [
      "------formdata-undici-022222222222",
      'Content-Disposition: form-data; name="project_id"',
      "",
      PROJECT,
      "------formdata-undici-022222222222",
      'Content-Disposition: form-data; name="file"; filename="blob"',
      "Content-Type: application/octet-stream",
      "",
      "async function op() {}",
      "------formdata-undici-022222222222--",
      "",
    ].join("\r\n");
    const res = await post(root.fileCreate, body, {
      "content-type": "multipart/form-data; boundary=----formdata-undici-011111111111",
    });
    expect(res.status).toBe(200);
    expect((await res.json()).digest).toBe(computeDigest("async function op() {}"));
  });
});
