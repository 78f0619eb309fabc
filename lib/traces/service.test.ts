// The trace services on a real database: batches written whole or not at all, in any order and
// idempotently; the scope rules (nothing stored when refused); objects, tables, files and refs with
// the client's own digests.
import { createRequire } from "node:module";
import path from "node:path";
import { asc, count } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/access/types";
import { principalOf, verifyAuthorization } from "@/lib/api-keys/verify";
import type { Ctx } from "@/lib/context";
import { traceCalls, traceFiles, traceObjects, traceTableRows, traceTables } from "@/lib/db/schema";
import type { Organization } from "@/lib/orgs/service";
import type { Project } from "@/lib/projects/service";
import { createServiceAccount } from "@/lib/service-accounts/service";
import type { Team } from "@/lib/teams/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import {
  addToOrg,
  addToTeam,
  expectRefused,
  makeOrg,
  makeProject,
  makeTeam,
  makeUser,
  uniqueName,
} from "@/lib/testing/fixtures";
import type { UserSummary } from "@/lib/users/service";
import { countCalls, listCalls, readCall, renameCall, upsertCallBatch } from "./calls";
import { canonicalJson, computeDigest, tableDigest, valDigest } from "./digest";
import {
  createFile,
  createObject,
  createTable,
  queryObjects,
  queryTable,
  readFile,
  readObject,
  readRefs,
} from "./objects";
import { type CallBatchItem, callUpsertBatchSchema, parseBody } from "./wire";

// The client's own digest functions (CommonJS, not in weave's package exports).
const weaveDigest = createRequire(import.meta.url)(
  path.join(process.cwd(), "node_modules/weave/dist/digest.js"),
) as {
  computeDigest: (data: Buffer) => string;
  valDigest: (data: unknown) => string;
  stringifyPythonDumps: (data: unknown) => string;
};

let t: TestDb;
let org: Organization;
let team: Team;
let otherTeam: Team;
let member: UserSummary;
let outsider: UserSummary;
let ciBot: Principal;
let trainer: Principal;
const projects = {} as Record<"open" | "public" | "team" | "restricted" | "otherTeam", Project>;

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

async function principalFor(key: string): Promise<Principal> {
  const check = await verifyAuthorization(basic(key), t.db);
  if (!check.ok || !check.identity) throw new Error("fixture key did not verify");
  return principalOf(check.identity);
}

const as = (actor: Principal): Ctx => ({ db: t.db, actor });
const anonymous = (): Ctx => ({ db: t.db, actor: { kind: "anonymous" } });
const pid = (p: Project) => `${p.team.name}/${p.name}`;

/** Every trace row, to compare before and after a refused call. */
async function traceState() {
  return {
    calls: await t.db.select().from(traceCalls).orderBy(asc(traceCalls.projectId), asc(traceCalls.id)),
    objects: await t.db.select().from(traceObjects).orderBy(asc(traceObjects.digest)),
    tables: await t.db.select().from(traceTables).orderBy(asc(traceTables.digest)),
    rows: await t.db.select().from(traceTableRows).orderBy(asc(traceTableRows.digest)),
    files: await t.db.select().from(traceFiles).orderBy(asc(traceFiles.digest)),
  };
}

async function refusedWithNothingStored(call: () => Promise<unknown>, status: number) {
  const before = await traceState();
  const err = await expectRefused(t.db, call, status);
  expect(await traceState(), "a refused request must store nothing").toEqual(before);
  return err;
}

let clock = Date.parse("2026-01-01T00:00:00Z");
const at = () => {
  clock += 1000;
  return new Date(clock);
};
const callId = () =>
  `019a${Math.random().toString(16).slice(2, 10)}-0000-7000-8000-${uniqueName("c").slice(-12)}`;

function start(
  projectId: string,
  id: string,
  opts: {
    parent?: string;
    trace?: string;
    op?: string;
    inputs?: Record<string, unknown>;
    displayName?: string;
  } = {},
): CallBatchItem {
  return {
    mode: "start",
    req: {
      start: {
        project_id: projectId,
        id,
        op_name: opts.op ?? `weave:///${projectId}/op/step:abc`,
        trace_id: opts.trace ?? id,
        parent_id: opts.parent,
        display_name: opts.displayName,
        started_at: at(),
        attributes: { weave: { client_version: "0.11.1", source: "js-sdk" } },
        inputs: opts.inputs ?? { arg0: 1 },
      },
    },
  };
}

function end(projectId: string, id: string, output: unknown, exception?: string): CallBatchItem {
  return {
    mode: "end",
    req: { end: { project_id: projectId, id, ended_at: at(), output, summary: {}, exception } },
  };
}

beforeAll(async () => {
  t = await createTestDb();
  const sys = t.system;
  org = await makeOrg(t.db);
  team = await makeTeam(t.db, org);
  otherTeam = await makeTeam(t.db, org);
  member = await makeUser(t.db);
  outsider = await makeUser(t.db);
  await addToOrg(t.db, org, member, "member");
  await addToTeam(t.db, team, member, "member");
  await addToTeam(t.db, otherTeam, member, "member");
  projects.open = await makeProject(t.db, otherTeam, { visibility: "open", owner: member });
  projects.public = await makeProject(t.db, otherTeam, { visibility: "public", owner: member });
  projects.otherTeam = await makeProject(t.db, otherTeam, { visibility: "team", owner: member });
  projects.team = await makeProject(t.db, team, { visibility: "team", owner: member });
  projects.restricted = await makeProject(t.db, team, { visibility: "restricted", owner: member });
  const sa = await createServiceAccount(sys, {
    scope: "team",
    team: team.name,
    name: "ci-bot",
    withKey: true,
  });
  ciBot = await principalFor(sa.key!.key);
  const orgSa = await createServiceAccount(sys, {
    scope: "org",
    org: org.slug,
    defaultTeam: otherTeam.name,
    name: "trainer",
    withKey: true,
  });
  trainer = await principalFor(orgSa.key!.key);
});

afterAll(async () => {
  await t?.close();
});

describe("digests", () => {
  it("match the weave client's valDigest and computeDigest", () => {
    const samples: unknown[] = [
      { b: 1, a: [1, 2.5, "x"], c: { z: null, y: true } },
      { text: "héllo wörld ✓ 日本語 🎉", n: -0.5, e: 1e21 },
      [],
      {},
      "plain",
      {
        _type: "CustomWeaveType",
        weave_type: { type: "Op" },
        files: { "obj.py": "abc" },
        load_op: "NO_LOAD_OP",
      },
    ];
    for (const value of samples) {
      expect(canonicalJson(value)).toBe(weaveDigest.stringifyPythonDumps(value));
      expect(valDigest(value)).toBe(weaveDigest.valDigest(value));
    }
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = JSON.parse(JSON.stringify(value)); // what a server receives
        expect(valDigest(parsed)).toBe(weaveDigest.valDigest(parsed));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(computeDigest(bytes)).toBe(weaveDigest.computeDigest(Buffer.from(bytes)));
      }),
      { numRuns: 200 },
    );
    expect(computeDigest("x")).toMatch(/^[A-Za-z0-9]{43}$/); // no '-', '_' or '='
  });
});

describe("call batches", () => {
  it("link a child that arrives before its parent, and an end in a later batch", async () => {
    const project = uniqueName("traces");
    const projectId = `${team.name}/${project}`;
    const parent = callId();
    const child = callId();
    // the child's start first, as weave sends it when the parent's op publish finishes later
    await upsertCallBatch(as(ciBot), [
      start(projectId, child, { parent, trace: parent, op: `weave:///${projectId}/op/inner:d1` }),
      start(projectId, parent, { op: `weave:///${projectId}/op/outer:d2`, inputs: { arg0: "question" } }),
      end(projectId, child, { answer: 42 }),
    ]);
    let calls = await listCalls(as(ciBot), { project_id: projectId });
    expect(calls.map((c) => [c.id, c.parentId, c.endedAt === null])).toEqual([
      [child, parent, false],
      [parent, null, true],
    ]);
    // the parent's end, later
    await upsertCallBatch(as(ciBot), [end(projectId, parent, "done")]);
    calls = await listCalls(as(ciBot), { project_id: projectId, filter: { trace_roots_only: true } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      id: parent,
      traceId: parent,
      inputs: { arg0: "question" },
      output: "done",
      loggedBy: { kind: "service_account", name: "ci-bot" },
    });
    const children = await listCalls(as(ciBot), { project_id: projectId, filter: { parent_ids: [parent] } });
    expect(children.map((c) => c.output)).toEqual([{ answer: 42 }]);
  });

  it("keep an end that arrives before its start, and show the call once the start arrives", async () => {
    const projectId = `${team.name}/${uniqueName("traces")}`;
    const id = callId();
    await upsertCallBatch(as(ciBot), [end(projectId, id, [1, 2, 3], "boom")]);
    expect(await listCalls(as(ciBot), { project_id: projectId })).toEqual([]);
    expect(await readCall(as(ciBot), { projectId, id })).toBeNull();
    await upsertCallBatch(as(ciBot), [start(projectId, id)]);
    const call = await readCall(as(ciBot), { projectId, id });
    expect(call).toMatchObject({ id, output: [1, 2, 3], exception: "boom", inputs: { arg0: 1 } });
  });

  it("store a retried batch once, with the same content", async () => {
    const projectId = `${team.name}/${uniqueName("traces")}`;
    const ids = [callId(), callId(), callId()];
    const batch = ids.flatMap((id) => [start(projectId, id), end(projectId, id, { id })]);
    await upsertCallBatch(as(ciBot), batch);
    const first = await listCalls(as(ciBot), { project_id: projectId });
    await upsertCallBatch(as(ciBot), batch);
    await upsertCallBatch(as(ciBot), batch.slice(0, 3)); // a partial resend
    const again = await listCalls(as(ciBot), { project_id: projectId });
    expect(again).toEqual(first);
    expect(again).toHaveLength(3);
  });

  it("keep string outputs that look like JSON as strings, and key order as sent", async () => {
    const projectId = `${team.name}/${uniqueName("traces")}`;
    const id = callId();
    await upsertCallBatch(as(ciBot), [
      start(projectId, id, { inputs: { zeta: 1, alpha: { b: 2, a: 1 } } }),
      end(projectId, id, "123"),
    ]);
    const call = await readCall(as(ciBot), { projectId, id });
    expect(call?.output).toBe("123");
    expect(Object.keys(call!.inputs)).toEqual(["zeta", "alpha"]);
    expect(JSON.stringify(call!.inputs)).toBe('{"zeta":1,"alpha":{"b":2,"a":1}}');
  });

  it("are applied whole or not at all: one refused project refuses the batch", async () => {
    const fresh = `${team.name}/${uniqueName("traces")}`;
    const a = callId();
    await refusedWithNothingStored(
      () =>
        upsertCallBatch(as(ciBot), [
          start(fresh, a),
          end(fresh, a, 1),
          start(pid(projects.otherTeam), callId()), // another team's team project
        ]),
      404,
    );
    // the project the first items would have created does not exist either (checked by expectRefused)
  });

  it("are refused whole when one item is malformed", async () => {
    const projectId = pid(projects.team);
    const good = JSON.parse(JSON.stringify(start(projectId, callId()))); // as it travels
    const bad = {
      mode: "start",
      req: { start: { project_id: projectId, id: "x", op_name: "op", started_at: "soon" } },
    };
    expect(() => parseBody(callUpsertBatchSchema, { batch: [good, bad] })).toThrow(
      "Invalid request: batch.1.req.start.started_at: must be an ISO 8601 date-time.",
    );
    expect(parseBody(callUpsertBatchSchema, { batch: [good] }).batch).toHaveLength(1);
  });

  it("are applied whole or not at all: a write failing after earlier chunks were written leaves nothing", async () => {
    const projectId = pid(projects.team);
    const batch: CallBatchItem[] = [];
    const firstId = "019a0000-0000-7000-8000-000000000000";
    for (let i = 0; i < 1200; i++) {
      const id = `019a0000-0000-7000-8000-${String(i).padStart(12, "0")}`;
      batch.push(start(projectId, id), end(projectId, id, i));
    }
    // The database refuses a NUL in text (the HTTP layer replaces it; a service caller may not).
    // Sorted last, this row is written in the third chunk of 500, after two chunks went in.
    const bad = start(projectId, "019affff-ffff-7fff-bfff-ffffffffffff", { op: "broken\u0000op" });
    batch.push(bad);
    const before = await traceState();
    const failed = await upsertCallBatch(as(ciBot), batch).then(
      () => null,
      (err: Error) => err,
    );
    // refused by the database itself, on the last chunk's insert
    expect(failed?.message).toMatch(/^Failed query: insert into "trace_calls"/);
    expect(await traceState(), "a failed batch must store nothing").toEqual(before);
    // the same batch without the bad part goes in whole
    await upsertCallBatch(as(ciBot), batch.slice(0, -1));
    expect(await countCalls(as(ciBot), { project_id: projectId, filter: { call_ids: [firstId] } })).toBe(1);
    const stored = await t.db.select({ n: count() }).from(traceCalls);
    expect(Number(stored[0]!.n)).toBe(before.calls.length + 1200);
  });

  it("follow the scope rules and store nothing when refused", async () => {
    const id = callId();
    // open project of another team: written
    await upsertCallBatch(as(ciBot), [start(pid(projects.open), id), end(pid(projects.open), id, null)]);
    expect(await readCall(as(ciBot), { projectId: pid(projects.open), id })).not.toBeNull();
    // public project of another team: readable, not writable
    await refusedWithNothingStored(
      () => upsertCallBatch(as(ciBot), [start(pid(projects.public), callId())]),
      403,
    );
    // team project of another team: invisible
    await refusedWithNothingStored(
      () => upsertCallBatch(as(ciBot), [start(pid(projects.otherTeam), callId())]),
      404,
    );
    await expect(listCalls(as(ciBot), { project_id: pid(projects.otherTeam) })).rejects.toMatchObject({
      status: 404,
    });
    // restricted project the service account is not listed on
    await refusedWithNothingStored(
      () => upsertCallBatch(as(ciBot), [start(pid(projects.restricted), callId())]),
      404,
    );
    // a new project in another team
    await refusedWithNothingStored(
      () => upsertCallBatch(as(ciBot), [start(`${otherTeam.name}/${uniqueName("nope")}`, callId())]),
      404,
    );
    // anonymous writes
    await refusedWithNothingStored(
      () => upsertCallBatch(anonymous(), [start(pid(projects.open), callId())]),
      401,
    );
    // anonymous reads of an open project are fine
    expect((await listCalls(anonymous(), { project_id: pid(projects.open) })).length).toBeGreaterThan(0);
  });

  it("let an org service account write any team of its org, and a bare project go to its default team", async () => {
    const id = callId();
    const name = uniqueName("traces");
    await upsertCallBatch(as(trainer), [start(`${team.name}/${name}`, id)]);
    expect(await readCall(as(trainer), { projectId: `${team.name}/${name}`, id })).not.toBeNull();
    const bare = uniqueName("traces");
    const other = callId();
    await upsertCallBatch(as(trainer), [start(bare, other)], { defaultEntity: otherTeam.name });
    expect(await readCall(as(trainer), { projectId: `${otherTeam.name}/${bare}`, id: other })).not.toBeNull();
  });

  it("attribute a service account's calls to a team member, or say why not", async () => {
    const projectId = pid(projects.team);
    const mine = callId();
    const theirs = callId();
    await upsertCallBatch(as(ciBot), [start(projectId, mine)], {
      attribution: { username: member.username },
    });
    await upsertCallBatch(as(ciBot), [start(projectId, theirs)], { attribution: { email: outsider.email } });
    const [a, b] = [
      await readCall(as(ciBot), { projectId, id: mine }),
      await readCall(as(ciBot), { projectId, id: theirs }),
    ];
    expect(a).toMatchObject({ wbUserId: member.id, attributedTo: member.username, attributionNote: null });
    expect(b).toMatchObject({ wbUserId: null, attributedTo: null });
    expect(b?.attributionNote).toContain(`${outsider.username} is not a member of team ${team.name}`);
    // the end, sent without headers, keeps the attribution
    await upsertCallBatch(as(ciBot), [end(projectId, mine, 1)]);
    expect(await readCall(as(ciBot), { projectId, id: mine })).toMatchObject({
      attributedTo: member.username,
    });
  });

  it("rename a call even before its start arrives", async () => {
    const projectId = pid(projects.team);
    const id = callId();
    await renameCall(as(ciBot), { projectId, callId: id, displayName: "renamed" });
    await upsertCallBatch(as(ciBot), [start(projectId, id, { displayName: "first" })]);
    expect((await readCall(as(ciBot), { projectId, id }))?.displayName).toBe("renamed");
  });

  it("answer queries: filters, expressions, sorting, limits and counts", async () => {
    const projectId = `${team.name}/${uniqueName("traces")}`;
    const ids = [callId(), callId(), callId(), callId()];
    await upsertCallBatch(as(ciBot), [
      start(projectId, ids[0]!, {
        op: `weave:///${projectId}/op/alpha:v1`,
        inputs: { model: "small", n: 2 },
      }),
      end(projectId, ids[0]!, { score: 0.5 }),
      start(projectId, ids[1]!, {
        op: `weave:///${projectId}/op/alpha:v2`,
        inputs: { model: "large", n: 10 },
      }),
      end(projectId, ids[1]!, null, "failed"),
      start(projectId, ids[2]!, { op: `weave:///${projectId}/op/beta:v1`, inputs: { model: "Large", n: 3 } }),
      start(projectId, ids[3]!, {
        op: `weave:///${projectId}/op/beta:v1`,
        inputs: { ref: `weave:///${projectId}/object/cfg:abc` },
      }),
    ]);
    const q = (extra: object) => listCalls(as(ciBot), { project_id: projectId, ...extra });
    const idsOf = async (extra: object) => (await q(extra)).map((c) => ids.indexOf(c.id));
    expect(await idsOf({ filter: { op_names: [`weave:///${projectId}/op/alpha:*`] } })).toEqual([0, 1]);
    expect(await idsOf({ filter: { op_names: [`weave:///${projectId}/op/beta:v1`] } })).toEqual([2, 3]);
    expect(await idsOf({ filter: { input_refs: [`weave:///${projectId}/object/cfg:abc`] } })).toEqual([3]);
    expect(await idsOf({ filter: { call_ids: [ids[2]!, ids[0]!] } })).toEqual([0, 2]);
    expect(
      await idsOf({
        query: {
          $expr: {
            $contains: {
              input: { $getField: "inputs.model" },
              substr: { $literal: "large" },
              case_insensitive: true,
            },
          },
        },
      }),
    ).toEqual([1, 2]);
    expect(
      await idsOf({ query: { $expr: { $gt: [{ $getField: "inputs.n" }, { $literal: 2.5 }] } } }),
    ).toEqual([1, 2]);
    expect(
      await idsOf({
        query: { $expr: { $eq: [{ $getField: "summary.weave.status" }, { $literal: "error" }] } },
      }),
    ).toEqual([1]);
    expect(
      await idsOf({
        query: {
          $expr: {
            $and: [
              { $not: [{ $eq: [{ $getField: "ended_at" }, { $literal: null }] }] },
              { $in: [{ $getField: "inputs.model" }, [{ $literal: "small" }, { $literal: "large" }]] },
            ],
          },
        },
      }),
    ).toEqual([0, 1]);
    expect(await idsOf({ sort_by: [{ field: "inputs.n", direction: "desc" }], limit: 3 })).toEqual([1, 2, 0]);
    expect(
      await idsOf({ sort_by: [{ field: "started_at", direction: "desc" }], offset: 1, limit: 2 }),
    ).toEqual([2, 1]);
    expect(await countCalls(as(ciBot), { project_id: projectId })).toBe(4);
    expect(
      await countCalls(as(ciBot), { project_id: projectId, filter: { trace_roots_only: true }, limit: 2 }),
    ).toBe(2);
    const slim = await q({ columns: ["id", "inputs.model"] });
    expect(slim[0]).toMatchObject({ inputs: { model: "small" }, output: null, attributes: {} });
    await expect(q({ query: { $expr: { $regex: [] } } })).rejects.toMatchObject({ status: 400 });
    await expect(q({ sort_by: [{ field: "password", direction: "asc" }] })).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      q({ query: { $expr: { $eq: [{ $getField: "inputs.'; drop table users; --" }, { $literal: 1 }] } } }),
    ).resolves.toEqual([]);
  });
});

describe("objects, tables, files and refs", () => {
  it("version objects by digest and read them back by digest, version or latest", async () => {
    const projectId = `${team.name}/${uniqueName("objs")}`;
    const v0 = await createObject(as(ciBot), {
      projectId,
      objectId: "my-config",
      val: { lr: 0.1, layers: 2 },
    });
    expect(v0.digest).toBe(weaveDigest.valDigest({ lr: 0.1, layers: 2 }));
    // the same value again (in another key order) is the same version
    expect(
      await createObject(as(ciBot), { projectId, objectId: "my-config", val: { layers: 2, lr: 0.1 } }),
    ).toEqual(v0);
    const v1 = await createObject(as(ciBot), {
      projectId,
      objectId: "my-config",
      val: { lr: 0.2, layers: 2 },
    });
    expect(v1.digest).not.toBe(v0.digest);
    const op = await createObject(as(ciBot), {
      projectId,
      objectId: "myOp",
      val: {
        _type: "CustomWeaveType",
        weave_type: { type: "Op" },
        files: { "obj.py": "x" },
        load_op: "NO_LOAD_OP",
      },
    });
    expect(
      await readObject(as(ciBot), { projectId, objectId: "my-config", digest: v0.digest }),
    ).toMatchObject({
      versionIndex: 0,
      isLatest: false,
      kind: "object",
      val: { lr: 0.1, layers: 2 },
    });
    expect(await readObject(as(ciBot), { projectId, objectId: "my-config", digest: "latest" })).toMatchObject(
      {
        digest: v1.digest,
        versionIndex: 1,
        isLatest: true,
      },
    );
    expect((await readObject(as(ciBot), { projectId, objectId: "my-config", digest: "v0" })).digest).toBe(
      v0.digest,
    );
    await expect(
      readObject(as(ciBot), { projectId, objectId: "my-config", digest: "nope" }),
    ).rejects.toMatchObject({ status: 404 });
    const latest = await queryObjects(as(ciBot), { project_id: projectId, filter: { latest_only: true } });
    expect(latest.map((o) => [o.objectId, o.digest, o.kind])).toEqual([
      ["my-config", v1.digest, "object"],
      ["myOp", op.digest, "op"],
    ]);
    const ops = await queryObjects(as(ciBot), {
      project_id: projectId,
      filter: { is_op: true },
      metadata_only: true,
    });
    expect(ops.map((o) => [o.objectId, o.val])).toEqual([["myOp", {}]]);
  });

  it("store tables with one entry per row, in order, and follow dataset refs to rows", async () => {
    const projectId = `${team.name}/${uniqueName("objs")}`;
    const rows = [
      { q: "2+2", a: "4" },
      { q: "capital of France", a: "Paris" },
      { q: "2+2", a: "4" }, // a repeated row is listed twice
      { q: "日本", a: "Japan" },
    ];
    const table = await createTable(as(ciBot), { projectId, rows });
    const rowDigests = rows.map((r) => weaveDigest.valDigest(r));
    expect(table).toEqual({ digest: tableDigest(rowDigests), rowDigests });
    expect(await createTable(as(ciBot), { projectId, rows })).toEqual(table); // idempotent
    const read = await queryTable(as(ciBot), { project_id: projectId, digest: table.digest });
    expect(read.map((r) => [r.digest, r.val, r.originalIndex])).toEqual(
      rows.map((r, i) => [rowDigests[i], r, i]),
    );
    const sorted = await queryTable(as(ciBot), {
      project_id: projectId,
      digest: table.digest,
      sort_by: [{ field: "q", direction: "desc" }],
      limit: 2,
    });
    expect(sorted.map((r) => r.val)).toEqual([rows[3], rows[1]]);
    await expect(queryTable(as(ciBot), { project_id: projectId, digest: "missing" })).rejects.toMatchObject({
      status: 404,
    });

    const dataset = await createObject(as(ciBot), {
      projectId,
      objectId: "qa",
      val: {
        _type: "Dataset",
        _class_name: "Dataset",
        _bases: ["Object", "BaseModel"],
        name: "qa",
        rows: `weave:///${projectId}/table/${table.digest}`,
      },
    });
    expect(
      (await readObject(as(ciBot), { projectId, objectId: "qa", digest: "latest" })).baseObjectClass,
    ).toBe("Dataset");
    const base = `weave:///${projectId}/object/qa:${dataset.digest}`;
    expect(
      await readRefs(as(ciBot), [
        `${base}/attr/rows/id/${rowDigests[1]}`,
        `${base}/attr/name`,
        `${base}/attr/rows/index/3`,
        `weave:///${projectId}/table/${table.digest}`,
      ]),
    ).toEqual([rows[1], "qa", rows[3], rows]);
    // a ref into a project the caller may not read is not found
    await expect(
      readRefs(as(ciBot), [`weave:///${pid(projects.otherTeam)}/object/qa:${dataset.digest}`]),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("store files under the client's digest", async () => {
    const projectId = `${team.name}/${uniqueName("files")}`;
    const source = Buffer.from("async function step(x) { return x + 1; } // ✓", "utf8");
    const { digest } = await createFile(as(ciBot), { projectId, content: source });
    expect(digest).toBe(weaveDigest.computeDigest(source));
    expect(Buffer.compare(await readFile(as(ciBot), { projectId, digest }), source)).toBe(0);
    const binary = Buffer.from([0, 255, 128, 10, 13, 0]);
    const bin = await createFile(as(ciBot), { projectId, content: binary });
    expect(Buffer.compare(await readFile(as(ciBot), { projectId, digest: bin.digest }), binary)).toBe(0);
  });

  it("refuse object, table and file writes the rules refuse, storing nothing", async () => {
    const projectId = pid(projects.public);
    await refusedWithNothingStored(
      () => createObject(as(ciBot), { projectId, objectId: "x", val: { a: 1 } }),
      403,
    );
    await refusedWithNothingStored(() => createTable(as(ciBot), { projectId, rows: [{ a: 1 }] }), 403);
    await refusedWithNothingStored(
      () => createFile(as(ciBot), { projectId: pid(projects.restricted), content: Buffer.from("x") }),
      404,
    );
    await refusedWithNothingStored(
      () => createObject(anonymous(), { projectId: pid(projects.open), objectId: "x", val: 1 }),
      401,
    );
    const [{ n }] = (await t.db.select({ n: count() }).from(traceObjects)) as [{ n: number }];
    expect(Number(n)).toBeGreaterThan(0);
  });
});
