// The W&B Weave trace server paths (WIRE.md section 1), implemented once: app/<path>/route.ts and
// app/traces/<path>/route.ts both export these through apiRoute, which authenticates the key. Each
// handler parses the body, calls one service and shapes the answer the way weave's clients read it.
import "server-only";
import type { Identity } from "@/lib/api-keys/verify";
import { Invalid, ServiceError } from "@/lib/errors";
import { readBodyText } from "@/lib/server/body";
import type { ApiRequest } from "@/lib/server/route";
import { type CallRecord, countCalls, queryCalls, readCall, renameCall, upsertCallBatch } from "./calls";
import {
  createFile,
  createObject,
  createTable,
  type ObjectRecord,
  queryObjects,
  queryTable,
  readFile,
  readObject,
  readRefs,
} from "./objects";
import type { TraceOptions } from "./project";
import {
  callEndReqSchema,
  callReadSchema,
  callStartReqSchema,
  callsQuerySchema,
  callsQueryStatsSchema,
  callUpdateSchema,
  callUpsertBatchSchema,
  fileContentSchema,
  objCreateSchema,
  objReadSchema,
  objsQuerySchema,
  parseBody,
  refsReadBatchSchema,
  tableCreateSchema,
  tableQuerySchema,
  withWellFormedStrings,
} from "./wire";

type TraceHandler = (req: Request, api: ApiRequest<Record<string, string>>) => Promise<Response>;

/**
 * weave sends batches of up to 10 MiB of JSON as it counts it (UTF-16 code units of
 * JSON.stringify, 10 * 1024 * 1024 per batch of items) plus the 11-character `{"batch":[...]}`
 * envelope. Multi-byte text makes that up to 3 bytes a character on the wire, so the limit is on
 * characters, after a bounded read of at most three times as many bytes.
 */
export const MAX_TRACE_JSON_CHARS = 10 * 1024 * 1024 + 11;
/** file/create: the file itself, plus room for the multipart envelope. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MULTIPART_OVERHEAD = 64 * 1024;

function tooLarge(what: string): ServiceError {
  return new ServiceError(`${what} Send smaller batches or files.`, 413);
}

async function readTraceJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readBodyText(req, MAX_TRACE_JSON_CHARS * 3);
  } catch (err) {
    if (err instanceof ServiceError && err.status === 413) throw tooLarge("The request body is too large.");
    throw err;
  }
  if (text.length > MAX_TRACE_JSON_CHARS)
    throw tooLarge("The request body is larger than 10 MiB of JSON text.");
  if (!text.trim()) throw new Invalid("The request body is empty: send JSON.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Invalid("The request body is not valid JSON.");
  }
  return withWellFormedStrings(body, text);
}

/** The body's bytes, refusing more than `limit` without buffering more than that. */
async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge("The file is larger than 10 MiB.");
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge("The file is larger than 10 MiB.");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function optionsOf(req: Request, identity: Identity | null): TraceOptions {
  const header = (name: string) => req.headers.get(name)?.trim() || null;
  return {
    defaultEntity: identity?.entity ?? null,
    attribution: { username: header("x-wandb-username"), email: header("x-wandb-user-email") },
  };
}

// ---------------------------------------------------------------------------------------------------
// Answers in weave's shapes (generated traceServerApi: CallSchema, ObjSchema, ...)

export function callSchema(call: CallRecord) {
  return {
    id: call.id,
    project_id: call.projectId,
    op_name: call.opName,
    display_name: call.displayName,
    trace_id: call.traceId,
    parent_id: call.parentId,
    started_at: call.startedAt.toISOString(),
    attributes: call.attributes,
    inputs: call.inputs,
    ended_at: call.endedAt?.toISOString() ?? null,
    exception: call.exception,
    output: call.output,
    summary: call.summary,
    wb_user_id: call.wbUserId,
    wb_run_id: call.wbRunId,
    deleted_at: null,
  };
}

function objSchema(obj: ObjectRecord) {
  return {
    project_id: obj.projectId,
    object_id: obj.objectId,
    created_at: obj.createdAt.toISOString(),
    deleted_at: null,
    digest: obj.digest,
    version_index: obj.versionIndex,
    is_latest: obj.isLatest ? 1 : 0,
    kind: obj.kind,
    base_object_class: obj.baseObjectClass,
    val: obj.val,
    wb_user_id: obj.wbUserId,
  };
}

// ---------------------------------------------------------------------------------------------------
// Handlers

/** GET /health: weave.login checks the key with it (a bad key answers 401 before this runs). */
export const health: TraceHandler = async () => Response.json({});

/** GET /server_info */
export const serverInfo: TraceHandler = async () =>
  Response.json({ min_required_weave_python_version: "0.0.1" });

/** POST /call/upsert_batch: starts and ends, all or nothing. */
export const callUpsertBatch: TraceHandler = async (req, { ctx, identity }) => {
  const { batch } = parseBody(callUpsertBatchSchema, await readTraceJson(req));
  const res = await upsertCallBatch(ctx, batch, optionsOf(req, identity));
  return Response.json({ res });
};

/** POST /call/start */
export const callStart: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(callStartReqSchema, await readTraceJson(req));
  const [res] = await upsertCallBatch(ctx, [{ mode: "start", req: body }], optionsOf(req, identity));
  return Response.json(res);
};

/** POST /call/end */
export const callEnd: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(callEndReqSchema, await readTraceJson(req));
  await upsertCallBatch(ctx, [{ mode: "end", req: body }], optionsOf(req, identity));
  return Response.json({});
};

/** POST /call/read: `{"call": CallSchema | null}`. */
export const callRead: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(callReadSchema, await readTraceJson(req));
  const call = await readCall(ctx, { projectId: body.project_id, id: body.id }, optionsOf(req, identity));
  return Response.json({ call: call ? callSchema(call) : null });
};

/** POST /call/update: display_name (call.setDisplayName). */
export const callUpdate: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(callUpdateSchema, await readTraceJson(req));
  await renameCall(
    ctx,
    { projectId: body.project_id, callId: body.call_id, displayName: body.display_name },
    optionsOf(req, identity),
  );
  return Response.json({});
};

/** POST /calls/stream_query: NDJSON, one CallSchema per line (weave's getCalls reads it as a stream). */
export const callsStreamQuery: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(callsQuerySchema, await readTraceJson(req));
  const { calls } = await queryCalls(ctx, body, optionsOf(req, identity));
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const lines: string[] = [];
        while (lines.length < 50) {
          const next = await calls.next();
          if (next.done) break;
          lines.push(`${JSON.stringify(callSchema(next.value))}\n`);
        }
        if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
        if (lines.length < 50) controller.close();
      } catch (err) {
        // The status line is sent: the client sees a truncated stream.
        console.error("[traces] calls/stream_query failed mid-stream:", err);
        controller.error(err);
      }
    },
    async cancel() {
      await calls.return(undefined);
    },
  });
  return new Response(stream, { headers: { "content-type": "application/jsonl; charset=utf-8" } });
};

/** POST /calls/query_stats: `{"count"}`. */
export const callsQueryStats: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(callsQueryStatsSchema, await readTraceJson(req));
  return Response.json({ count: await countCalls(ctx, body, optionsOf(req, identity)) });
};

/** POST /obj/create: `{"digest"}` (an op's digest goes into its refs). */
export const objCreate: TraceHandler = async (req, { ctx, identity }) => {
  const { obj } = parseBody(objCreateSchema, await readTraceJson(req));
  const res = await createObject(
    ctx,
    {
      projectId: obj.project_id,
      objectId: obj.object_id,
      val: obj.val,
      builtinObjectClass: obj.builtin_object_class ?? obj.set_base_object_class,
    },
    optionsOf(req, identity),
  );
  return Response.json(res);
};

/** POST /obj/read: `{"obj": ObjSchema}` (ref.get() reads obj.val). */
export const objRead: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(objReadSchema, await readTraceJson(req));
  const obj = await readObject(
    ctx,
    { projectId: body.project_id, objectId: body.object_id, digest: body.digest },
    optionsOf(req, identity),
  );
  return Response.json({ obj: objSchema(obj) });
};

/** POST /objs/query: `{"objs": [ObjSchema]}`. */
export const objsQuery: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(objsQuerySchema, await readTraceJson(req));
  const objs = await queryObjects(ctx, body, optionsOf(req, identity));
  return Response.json({ objs: objs.map(objSchema) });
};

/** POST /table/create: `{"digest", "row_digests"}`. */
export const tableCreate: TraceHandler = async (req, { ctx, identity }) => {
  const { table } = parseBody(tableCreateSchema, await readTraceJson(req));
  const res = await createTable(
    ctx,
    { projectId: table.project_id, rows: table.rows },
    optionsOf(req, identity),
  );
  return Response.json({ digest: res.digest, row_digests: res.rowDigests });
};

/** POST /table/query: `{"rows": [{"digest", "val", "original_index"}]}`, one per row (else weave crashes). */
export const tableQuery: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(tableQuerySchema, await readTraceJson(req));
  const rows = await queryTable(ctx, body, optionsOf(req, identity));
  return Response.json({
    rows: rows.map((r) => ({ digest: r.digest, val: r.val, original_index: r.originalIndex })),
  });
};

/**
 * The multipart type to parse a body with. When a redirect made undici re-send a FormData body (a
 * base URL ending in "/" asks for "//file/create", answered 308), the body has a new boundary but
 * the old Content-Type header: the body's own first delimiter line is the truth then.
 */
function multipartType(header: string | null, body: Uint8Array): string {
  const type = header ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return type;
  const first = /^--([^\r\n"]{1,70})\r\n/.exec(Buffer.from(body.subarray(0, 80)).toString("latin1"));
  if (!first || type.includes(first[1]!)) return type;
  return `multipart/form-data; boundary="${first[1]}"`;
}

/** POST /file/create: multipart `project_id` + `file`; `{"digest"}` as the client computes it. */
export const fileCreate: TraceHandler = async (req, { ctx, identity }) => {
  const bytes = await readBodyBytes(req, MAX_FILE_BYTES + MULTIPART_OVERHEAD);
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, {
      headers: { "content-type": multipartType(req.headers.get("content-type"), bytes) },
    }).formData();
  } catch {
    throw new Invalid("Send multipart/form-data with the fields project_id and file.");
  }
  const projectId = form.get("project_id");
  const file = form.get("file");
  if (typeof projectId !== "string" || !projectId)
    throw new Invalid("Invalid request: project_id is required.");
  if (file === null) throw new Invalid("Invalid request: file is required.");
  const content =
    typeof file === "string" ? Buffer.from(file, "utf8") : new Uint8Array(await file.arrayBuffer());
  if (content.byteLength > MAX_FILE_BYTES) throw tooLarge("The file is larger than 10 MiB.");
  const res = await createFile(ctx, { projectId, content }, optionsOf(req, identity));
  return Response.json(res);
};

/** POST /file/content: the file's bytes. */
export const fileContent: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(fileContentSchema, await readTraceJson(req));
  const content = await readFile(
    ctx,
    { projectId: body.project_id, digest: body.digest },
    optionsOf(req, identity),
  );
  return new Response(new Uint8Array(content), {
    headers: { "content-type": "application/octet-stream", "content-length": String(content.byteLength) },
  });
};

/** POST /refs/read_batch: `{"vals": [...]}`, one per ref. */
export const refsReadBatch: TraceHandler = async (req, { ctx, identity }) => {
  const body = parseBody(refsReadBatchSchema, await readTraceJson(req));
  return Response.json({ vals: await readRefs(ctx, body.refs, optionsOf(req, identity)) });
};
