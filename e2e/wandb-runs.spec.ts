// The unmodified @wandb/sdk logs runs with service-account keys; the server stores what the scope
// rules allow and nothing else. Assertions read back what was stored, through GraphQL.
import { spawn } from "node:child_process";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { postServerAction, serverActionId, signIn } from "./helpers";

const { keys } = fixtures();

interface SdkResult {
  code: number | null;
  output: string;
}

/** Runs e2e/wandb/log-run.mjs with the SDK's environment variables, as an engineer's job would. */
function logRun(opts: {
  key: string;
  project: string;
  entity?: string;
  id: string;
  baseURL: string;
}): Promise<SdkResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["e2e/wandb/log-run.mjs"], {
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH,
        HOME: "/tmp", // no ~/.netrc of the machine's user
        WANDB_API_KEY: opts.key,
        WANDB_BASE_URL: opts.baseURL,
        RUN_PROJECT: opts.project,
        RUN_ENTITY: opts.entity ?? "",
        RUN_ID: opts.id,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function graphql(
  request: APIRequestContext,
  key: string,
  query: string,
  variables: object = {},
  headers = {},
) {
  const res = await request.post("/graphql", {
    headers: { Authorization: basicAuth(key), ...headers },
    data: { query, variables },
  });
  return { status: res.status(), body: await res.json() };
}

const RUNS = `query Runs($name: String, $entity: String) {
  project(name: $name, entityName: $entity) {
    name visibility entity { name }
    runs(first: 50) { edges { node { name displayName state config summaryMetrics historyLineCount loggedBy attributionNote user { username } } } }
  }
}`;

/** The runs of entity/project as `key` sees them (null when it cannot see the project). */
async function runsOf(request: APIRequestContext, key: string, entity: string, project: string) {
  const { body } = await graphql(request, key, RUNS, { name: project, entity });
  const p = body.data?.project;
  return p ? p.runs.edges.map((e: { node: Record<string, unknown> }) => e.node) : null;
}

const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("the official W&B run client", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a team service account logs a run with config and history into its team's new project", async ({
    request,
    baseURL,
  }) => {
    const project = unique("sdk-team");
    const run = await logRun({ key: keys.ciBot, project, id: "run1", baseURL: baseURL! });
    expect(run.code, run.output).toBe(0);
    const runs = await runsOf(request, keys.ciBot, "ml-platform", project);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      name: "run1",
      displayName: "run1-display",
      state: "finished",
      historyLineCount: 5,
      loggedBy: "ci-bot",
    });
    expect(JSON.parse(runs[0].config)).toEqual({ lr: 0.01, layers: 2, optimizer: "adam" });
    expect(JSON.parse(runs[0].summaryMetrics)).toMatchObject({ loss: 0.2, acc: 0.8, _step: 4 });
    // a new project created by a service account is team-visible and owned by the team alone
    const { body } = await graphql(request, keys.ciBot, RUNS, { name: project, entity: "ml-platform" });
    expect(body.data.project.visibility).toBe("team");
  });

  test("an org service account without WANDB_ENTITY lands in its default team", async ({
    request,
    baseURL,
  }) => {
    const project = unique("sdk-default");
    const run = await logRun({ key: keys.trainer, project, id: "run2", baseURL: baseURL! });
    expect(run.code, run.output).toBe(0);
    expect(await runsOf(request, keys.trainer, "research", project)).toHaveLength(1);
    expect(await runsOf(request, keys.trainer, "ml-platform", project)).toBeNull();
  });

  test("an org service account with WANDB_ENTITY set logs into another team of its org", async ({
    request,
    baseURL,
  }) => {
    const project = unique("sdk-entity");
    const run = await logRun({
      key: keys.trainer,
      project,
      entity: "ml-platform",
      id: "run3",
      baseURL: baseURL!,
    });
    expect(run.code, run.output).toBe(0);
    expect(await runsOf(request, keys.trainer, "ml-platform", project)).toHaveLength(1);
    expect(await runsOf(request, keys.trainer, "research", project)).toBeNull();
  });

  test("a team service account writes another team's open project but not its team project", async ({
    request,
    baseURL,
  }) => {
    const open = await logRun({
      key: keys.ciBot,
      project: "papers",
      entity: "research",
      id: unique("open"),
      baseURL: baseURL!,
    });
    expect(open.code, open.output).toBe(0);
    expect(
      (await runsOf(request, keys.trainer, "research", "papers"))?.some(
        (r: { loggedBy: string }) => r.loggedBy === "ci-bot",
      ),
    ).toBe(true);

    const id = unique("refused");
    const refused = await logRun({
      key: keys.ciBot,
      project: "experiments",
      entity: "research",
      id,
      baseURL: baseURL!,
    });
    expect(refused.code).not.toBe(0);
    const stored = await runsOf(request, keys.trainer, "research", "experiments");
    expect(stored).not.toBeNull();
    expect(stored.map((r: { name: string }) => r.name)).not.toContain(id);
    // and it cannot even see that the project exists
    expect(await runsOf(request, keys.ciBot, "research", "experiments")).toBeNull();
    // a team project that does not exist yet is refused the same way, and not created
    const missing = unique("nope");
    const upsert = await graphql(
      request,
      keys.ciBot,
      'mutation { upsertBucket(input: {name: "x", modelName: "' +
        missing +
        '", entityName: "research"}) { inserted } }',
    );
    expect(upsert.status).toBe(404);
    expect(await runsOf(request, keys.trainer, "research", missing)).toBeNull();
  });

  test("a restricted project refuses a service account until it is listed", async ({
    page,
    request,
    baseURL,
  }) => {
    const refusedId = unique("before");
    const first = await logRun({
      key: keys.ciBot,
      project: "secret-sauce",
      entity: "ml-platform",
      id: refusedId,
      baseURL: baseURL!,
    });
    expect(first.code).not.toBe(0);

    await signIn(page, "tom"); // team admin of ml-platform
    const add = await serverActionId("addProjectServiceAccountAction", "app/[team]/[project]/actions");
    const listed = await postServerAction(page.request, "/ml-platform/secret-sauce/users", add, [
      undefined,
      { team: "ml-platform", project: "secret-sauce", serviceAccount: "ml-platform/ci-bot" },
    ]);
    expect(listed.body).toContain('"ok":true');

    const remove = await serverActionId("removeProjectServiceAccountAction", "app/[team]/[project]/actions");
    const unlist = () =>
      postServerAction(page.request, "/ml-platform/secret-sauce/users", remove, [
        undefined,
        { team: "ml-platform", project: "secret-sauce", serviceAccount: "ml-platform/ci-bot" },
      ]);
    try {
      const id = unique("after");
      const second = await logRun({
        key: keys.ciBot,
        project: "secret-sauce",
        entity: "ml-platform",
        id,
        baseURL: baseURL!,
      });
      expect(second.code, second.output).toBe(0);
      // (other specs log runs there too: what matters is this one, and nothing of the refused one)
      const names = (await runsOf(request, keys.ciBot, "ml-platform", "secret-sauce")).map(
        (r: { name: string }) => r.name,
      );
      expect(names).toContain(id);
      expect(names).not.toContain(refusedId);
    } finally {
      await unlist(); // later specs expect ci-bot unlisted here
    }
    expect(await runsOf(request, keys.ciBot, "ml-platform", "secret-sauce")).toBeNull();
  });

  test("attribution headers name a team member, or are ignored with a reason", async ({ request }) => {
    const upsert = (name: string, headers: Record<string, string>) =>
      graphql(
        request,
        keys.ciBot,
        `mutation UpsertBucket($name: String, $project: String, $entity: String) {
          upsertBucket(input: {name: $name, modelName: $project, entityName: $entity}) { bucket { name } inserted }
        }`,
        { name, project: "training", entity: "ml-platform" },
        headers,
      );
    const member = await upsert("attributed", { "X-WANDB-USERNAME": "mia" });
    expect(member.status).toBe(200);
    const byEmail = await upsert("by-email", {
      "X-WANDB-USERNAME": "",
      "X-WANDB-USER-EMAIL": "MIA@example.com",
    });
    expect(byEmail.status).toBe(200);
    const outsider = await upsert("not-attributed", { "X-WANDB-USERNAME": "vic" });
    expect(outsider.status).toBe(200);
    const runs = await runsOf(request, keys.ciBot, "ml-platform", "training");
    const byName = Object.fromEntries(runs.map((r: { name: string }) => [r.name, r]));
    expect(byName.attributed).toMatchObject({ user: { username: "mia" }, attributionNote: null });
    expect(byName["by-email"]).toMatchObject({ user: { username: "mia" } });
    expect(byName["not-attributed"]).toMatchObject({ user: null, loggedBy: "ci-bot" });
    expect(byName["not-attributed"].attributionNote).toContain("vic is not a member of team ml-platform");
  });

  test("bad credentials are refused with 401 JSON and anonymous writes too", async ({ request }) => {
    const viewer = "query Viewer { viewer { id entity } }";
    const bad = await request.post("/graphql", {
      headers: { Authorization: basicAuth("stw_sa-not-a-key") },
      data: { query: viewer },
    });
    expect(bad.status()).toBe(401);
    expect(bad.headers()["content-type"]).toContain("application/json");
    const anonymousWrite = await request.post("/graphql", {
      data: {
        query:
          'mutation { upsertBucket(input: {name: "x", modelName: "llm-eval", entityName: "ml-platform"}) { inserted } }',
      },
    });
    expect(anonymousWrite.status()).toBe(401);
    const malformed = await request.post("/graphql", {
      headers: { Authorization: basicAuth(keys.ciBot), "content-type": "application/json" },
      data: "{not json",
    });
    expect(malformed.status()).toBe(400);
  });
});
