// The Traces tab's reads on a real database: roots newest first and children in start order, paged
// by keyset (ties and microseconds included), previews, status, who logged a call and for whom,
// published objects; and the same refusals as the trace API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@/lib/access/types";
import { principalOf, verifyAuthorization } from "@/lib/api-keys/verify";
import type { Ctx } from "@/lib/context";
import type { Project } from "@/lib/projects/service";
import { createServiceAccount, deleteServiceAccount } from "@/lib/service-accounts/service";
import type { Team } from "@/lib/teams/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import {
  addToOrg,
  addToTeam,
  as,
  expectRefused,
  makeOrg,
  makeProject,
  makeTeam,
  makeUser,
  uniqueName,
} from "@/lib/testing/fixtures";
import type { UserSummary } from "@/lib/users/service";
import { upsertCallBatch } from "./calls";
import { createObject, createTable } from "./objects";
import {
  type CallListItem,
  listChildCalls,
  listPublishedObjects,
  listTraceRoots,
  opShortName,
  PREVIEW_CHARS,
  readCallPayloads,
} from "./pages";
import type { CallBatchItem } from "./wire";

let t: TestDb;
let team: Team;
let member: UserSummary;
let outsider: UserSummary;
let bot: Principal;
let botName: string;
let teamProject: Project;

const pid = (p: Project) => `${p.team.name}/${p.name}`;
const asActor = (actor: Principal): Ctx => ({ db: t.db, actor });

async function principalFor(key: string): Promise<Principal> {
  const check = await verifyAuthorization(`Basic ${Buffer.from(`api:${key}`).toString("base64")}`, t.db);
  if (!check.ok || !check.identity) throw new Error("fixture key did not verify");
  return principalOf(check.identity);
}

let n = 0;
const callId = () => `019b0000-0000-7000-8000-${String(++n).padStart(12, "0")}`;

function start(
  projectId: string,
  id: string,
  at: string,
  opts: { parent?: string; trace?: string; inputs?: Record<string, unknown>; op?: string } = {},
): CallBatchItem {
  return {
    mode: "start",
    req: {
      start: {
        project_id: projectId,
        id,
        op_name: opts.op ?? `weave:///${projectId}/op/step:abc123`,
        trace_id: opts.trace ?? id,
        parent_id: opts.parent,
        started_at: new Date(at),
        attributes: {},
        inputs: opts.inputs ?? { arg0: 1 },
      },
    },
  } as CallBatchItem;
}

function end(projectId: string, id: string, at: string, output: unknown, exception?: string): CallBatchItem {
  return {
    mode: "end",
    req: { end: { project_id: projectId, id, ended_at: new Date(at), output, summary: {}, exception } },
  } as CallBatchItem;
}

/** Every page of a listing, following its cursors. */
async function allPages(
  read: (
    after: string | null,
  ) => Promise<{ calls: CallListItem[]; endCursor: string | null; hasNextPage: boolean }>,
) {
  const pages: string[][] = [];
  let after: string | null = null;
  for (;;) {
    const page = await read(after);
    pages.push(page.calls.map((c) => c.id));
    if (!page.hasNextPage) return pages;
    after = page.endCursor;
  }
}

beforeAll(async () => {
  t = await createTestDb();
  const org = await makeOrg(t.db);
  team = await makeTeam(t.db, org);
  member = await makeUser(t.db);
  outsider = await makeUser(t.db);
  await addToOrg(t.db, org, member, "member");
  await addToTeam(t.db, team, member, "member");
  teamProject = await makeProject(t.db, team, { visibility: "team", owner: member });
  botName = uniqueName("bot");
  const sa = await createServiceAccount(t.system, {
    scope: "team",
    team: team.name,
    name: botName,
    withKey: true,
  });
  bot = await principalFor(sa.key!.key);
});

afterAll(async () => {
  await t?.close();
});

describe("the Traces tab's calls", () => {
  it("lists roots newest first and children in start order, with previews, status and duration", async () => {
    const projectId = pid(teamProject);
    const [root, a, b, grandchild, older] = [callId(), callId(), callId(), callId(), callId()];
    const long = "é".repeat(PREVIEW_CHARS * 2);
    await upsertCallBatch(asActor(bot), [
      start(projectId, older, "2026-03-01T09:00:00.000Z", { op: "plain-op" }),
      end(projectId, older, "2026-03-01T09:00:00.250Z", 1),
      // a child first, as weave may send it
      start(projectId, b, "2026-03-01T10:00:02.000Z", { parent: root, trace: root }),
      start(projectId, root, "2026-03-01T10:00:00.000Z", { inputs: { question: long } }),
      start(projectId, a, "2026-03-01T10:00:01.000Z", { parent: root, trace: root }),
      start(projectId, grandchild, "2026-03-01T10:00:01.500Z", { parent: a, trace: root }),
      end(projectId, a, "2026-03-01T10:00:01.900Z", null, "ValueError: no"),
      end(projectId, root, "2026-03-01T10:00:03.500Z", { answer: 6 }),
    ]);
    const roots = await listTraceRoots(await as(t.db, member), projectId);
    expect(roots.calls.map((c) => c.id)).toEqual([root, older]);
    const [r] = roots.calls;
    expect(r).toMatchObject({
      opName: "step",
      status: "success",
      durationMs: 3500,
      childCount: 2,
      exception: null,
      loggedBy: { kind: "service_account", name: botName, deleted: false },
      output: { text: '{"answer":6}', length: 12 },
    });
    // the preview is cut, and says how long the whole is
    expect(r!.inputs.text).toHaveLength(PREVIEW_CHARS);
    expect(r!.inputs.length).toBe(JSON.stringify({ question: long }).length);
    expect(roots.calls[1]).toMatchObject({ opName: "plain-op", childCount: 0, durationMs: 250 });

    const children = await listChildCalls(await as(t.db, member), projectId, root);
    expect(children.calls.map((c) => c.id)).toEqual([a, b]);
    expect(children.calls[0]).toMatchObject({
      status: "error",
      exception: "ValueError: no",
      childCount: 1,
      output: { text: "null", length: 4 },
    });
    // no end yet: running, no output (not "null")
    expect(children.calls[1]).toMatchObject({ status: "running", durationMs: null, output: { text: null } });
    expect((await listChildCalls(await as(t.db, member), projectId, a)).calls.map((c) => c.id)).toEqual([
      grandchild,
    ]);

    // the whole payloads, on demand
    expect(await readCallPayloads(await as(t.db, member), projectId, root)).toEqual({
      inputs: { question: long },
      output: { answer: 6 },
      exception: null,
    });
    expect(await readCallPayloads(await as(t.db, member), projectId, b)).toEqual({
      inputs: { arg0: 1 },
      exception: null,
    });
    expect(await readCallPayloads(await as(t.db, member), projectId, "no-such-call")).toBeNull();
  });

  it("pages by keyset without losing or repeating calls that started at the same moment", async () => {
    const project = await makeProject(t.db, team, { visibility: "team", owner: member });
    const projectId = pid(project);
    const batch: CallBatchItem[] = [];
    const ids: string[] = [];
    // several calls share a start time
    for (let i = 0; i < 7; i++) {
      const id = callId();
      ids.push(id);
      batch.push(start(projectId, id, `2026-04-01T00:00:0${Math.floor(i / 3)}.123Z`));
    }
    const parent = ids[0]!;
    const kids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = callId();
      kids.push(id);
      batch.push(start(projectId, id, `2026-04-01T00:00:05.00${i % 2}Z`, { parent, trace: parent }));
    }
    await upsertCallBatch(asActor(bot), batch);
    const ctx = await as(t.db, member);
    const rootPages = await allPages((after) => listTraceRoots(ctx, projectId, { first: 2, after }));
    expect(rootPages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    // newest first; ties by id, descending
    const expected = [...ids].sort((x, y) => {
      const tx = Math.floor(ids.indexOf(x) / 3);
      const ty = Math.floor(ids.indexOf(y) / 3);
      return ty - tx || (x < y ? 1 : -1);
    });
    expect(rootPages.flat()).toEqual(expected);
    const childPages = await allPages((after) => listChildCalls(ctx, projectId, parent, { first: 2, after }));
    expect(childPages.flat()).toEqual([kids[0], kids[2], kids[4], kids[1], kids[3]]);

    await expectRefused(t.db, () => listTraceRoots(ctx, projectId, { after: "garbage" }), 400);
  });

  it("shows who logged a call for whom, and a deleted service account as deleted", async () => {
    const project = await makeProject(t.db, team, { visibility: "team", owner: member });
    const projectId = pid(project);
    const name = uniqueName("gone");
    const sa = await createServiceAccount(t.system, { scope: "team", team: team.name, name, withKey: true });
    const gone = await principalFor(sa.key!.key);
    const [x, y] = [callId(), callId()];
    await upsertCallBatch(asActor(gone), [start(projectId, x, "2026-05-01T00:00:00Z")], {
      attribution: { username: member.username },
    });
    await upsertCallBatch(asActor(gone), [start(projectId, y, "2026-05-01T00:00:01Z")], {
      attribution: { username: outsider.username },
    });
    await deleteServiceAccount(t.system, team.name, name);
    const { calls } = await listTraceRoots(await as(t.db, member), projectId);
    expect(calls.map((c) => [c.id, c.loggedBy, c.attributedTo])).toEqual([
      [y, { kind: "service_account", name, deleted: true }, null],
      [x, { kind: "service_account", name, deleted: true }, member.username],
    ]);
    expect(calls[0]!.attributionNote).toMatch(/is not a member of team/);
  });

  it("refuses a viewer who may not read the project, as the trace API does", async () => {
    const projectId = pid(teamProject);
    const ctx = await as(t.db, outsider);
    await expectRefused(t.db, () => listTraceRoots(ctx, projectId), 404);
    await expectRefused(t.db, () => listChildCalls(ctx, projectId, "x"), 404);
    await expectRefused(t.db, () => readCallPayloads(ctx, projectId, "x"), 404);
    await expectRefused(t.db, () => listPublishedObjects(ctx, projectId), 404);
    await expectRefused(
      t.db,
      () => listTraceRoots({ db: t.db, actor: { kind: "anonymous" } }, projectId),
      404,
    );
  });
});

describe("the Traces tab's objects", () => {
  it("lists published objects and datasets (not ops), their latest version, by name, in pages", async () => {
    const project = await makeProject(t.db, team, { visibility: "team", owner: member });
    const projectId = pid(project);
    const ctx = asActor(bot);
    await createObject(ctx, {
      projectId,
      objectId: "add",
      val: { _type: "CustomWeaveType", weave_type: { type: "Op" }, files: {}, load_op: "NO_LOAD_OP" },
    });
    await createObject(ctx, { projectId, objectId: "config", val: { lr: 0.1 } });
    const latest = await createObject(ctx, { projectId, objectId: "config", val: { lr: 0.01 } });
    const table = await createTable(ctx, { projectId, rows: [{ q: "2 + 2" }] });
    const dataset = await createObject(ctx, {
      projectId,
      objectId: "qa-set",
      val: {
        _type: "Dataset",
        _class_name: "Dataset",
        _bases: ["Object", "BaseModel"],
        name: "qa set",
        rows: `weave:///${projectId}/table/${table.digest}`,
      },
    });
    await createObject(ctx, { projectId, objectId: "zeta", val: "last" });
    const reader = await as(t.db, member);
    const first = await listPublishedObjects(reader, projectId, { first: 2 });
    expect(first.objects).toMatchObject([
      { objectId: "config", kind: "Object", digest: latest.digest, versionIndex: 1 },
      { objectId: "qa-set", kind: "Dataset", digest: dataset.digest, versionIndex: 0 },
    ]);
    expect(first.objects[0]!.createdAt).toBeInstanceOf(Date);
    expect(first.hasNextPage).toBe(true);
    const second = await listPublishedObjects(reader, projectId, { first: 2, after: first.endCursor });
    expect(second.objects.map((o) => o.objectId)).toEqual(["zeta"]);
    expect(second.hasNextPage).toBe(false);
  });

  it("names ops by the name in their ref", () => {
    expect(opShortName("weave:///team/proj/op/pipeline:AbC123")).toBe("pipeline");
    expect(opShortName("my_function")).toBe("my_function");
  });
});
