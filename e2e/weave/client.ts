// Runs e2e/weave/trace.mjs with the unmodified weave package, and reads back what the trace server
// stored, for the specs that drive the real client (weave-traces, traces-tab).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect } from "@playwright/test";
import { basicAuth } from "../fixtures";

const SCRIPT = path.resolve("e2e/weave/trace.mjs");

export interface WeaveRun {
  code: number | null;
  output: string;
  /** What the script printed on its RESULT line (null when it did not get there). */
  result: {
    answer: { question: string; runTag: string; answer: number; note: string };
    published?: { uri: string; digest: string; readBack: unknown };
    dataset?: { uri: string; objectId: string; digest: string; rows: unknown[] };
    /** The message of the op that threw (WEAVE_FAIL). */
    failed?: string;
  } | null;
  /** weaveErrors.log the client wrote in its working directory, if any. */
  errorsLog: string;
  seconds: number;
}

/** Runs e2e/weave/trace.mjs as an engineer's app would: key and trace server from the environment. */
export function traceWithWeave(opts: {
  key: string;
  project: string;
  traceUrl: string;
  tag: string;
  publish?: boolean;
  dataset?: boolean;
  /** Also call an op that throws. */
  fail?: boolean;
  loginHost?: string;
}): Promise<WeaveRun> {
  const home = mkdtempSync(path.join(tmpdir(), "weave-home-"));
  const cwd = mkdtempSync(path.join(tmpdir(), "weave-cwd-")); // weave writes weaveErrors.log here
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT], {
      cwd,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH,
        HOME: home, // no ~/.netrc of the machine's user
        WANDB_API_KEY: opts.key,
        WF_TRACE_SERVER_URL: opts.traceUrl,
        WEAVE_PROJECT: opts.project,
        WEAVE_TAG: opts.tag,
        WEAVE_PRINT_CALL_LINK: "false",
        ...(opts.publish ? { WEAVE_PUBLISH: "1" } : {}),
        ...(opts.dataset ? { WEAVE_DATASET: "1" } : {}),
        ...(opts.fail ? { WEAVE_FAIL: "1" } : {}),
        ...(opts.loginHost ? { WEAVE_LOGIN_HOST: opts.loginHost } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      let errorsLog = "";
      try {
        errorsLog = readFileSync(path.join(cwd, "weaveErrors.log"), "utf8");
      } catch {}
      rmSync(home, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
      resolve({
        code,
        output,
        result: line ? JSON.parse(line.slice("RESULT ".length)) : null,
        errorsLog,
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

export interface StoredCall {
  id: string;
  project_id: string;
  op_name: string;
  trace_id: string;
  parent_id: string | null;
  started_at: string;
  ended_at: string | null;
  inputs: Record<string, unknown>;
  output: unknown;
  exception: string | null;
  attributes: Record<string, unknown>;
}

export async function post(request: APIRequestContext, urlPath: string, key: string | null, data: unknown) {
  return request.post(urlPath, {
    headers: key ? { Authorization: basicAuth(key) } : {},
    data: data as object,
  });
}

/** The calls of a project as `key` sees them (null when it cannot see the project). */
export async function callsOf(
  request: APIRequestContext,
  key: string,
  projectId: string,
  body: Record<string, unknown> = {},
): Promise<StoredCall[] | null> {
  const res = await post(request, "/calls/stream_query", key, { project_id: projectId, ...body });
  if (res.status() === 404) return null;
  expect(res.status(), await res.text()).toBe(200);
  return (await res.text())
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/** This run's trace: the root pipeline call (found by its tag input) and its calls. */
export async function traceOf(request: APIRequestContext, key: string, projectId: string, tag: string) {
  const roots = await callsOf(request, key, projectId, {
    query: { $expr: { $eq: [{ $getField: "inputs.arg1" }, { $literal: tag }] } },
  });
  if (roots === null) return null;
  if (!roots.length) return [];
  return (await callsOf(request, key, projectId, { filter: { trace_ids: [roots[0]!.trace_id] } }))!;
}
