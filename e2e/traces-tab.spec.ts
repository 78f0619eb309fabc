// The project's Traces tab: calls logged by the real weave client and over the trace API, shown as
// a tree (expand a call to see the calls inside it), with status, exception, payloads, who logged
// them and for whom, and the published objects and datasets. Refused exactly like the Runs tab.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { postServerAction, serverActionId, signIn } from "./helpers";
import { callsOf, traceWithWeave } from "./weave/client";

const { keys } = fixtures();

const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze()).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("calls traced by the weave client show as a tree, with an exception, payloads and the published objects", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const projectName = unique("weave-tab");
  const projectId = `ml-platform/${projectName}`;
  const tag = unique("tag");
  const run = await traceWithWeave({
    key: keys.ciBot,
    project: projectId,
    traceUrl: baseURL!,
    tag,
    publish: true,
    dataset: true,
    fail: true,
  });
  expect(run.code, run.output).toBe(0);
  expect(run.result?.failed).toBe("cannot check 6: the checker is offline");
  const roots = (await callsOf(request, keys.ciBot, projectId, { filter: { trace_roots_only: true } }))!;
  const pipeline = roots.find((c) => c.op_name.includes("/op/pipeline:"))!;
  const check = roots.find((c) => c.op_name.includes("/op/check:"))!;
  expect(pipeline && check).toBeTruthy();

  await signIn(page, "mia"); // a member of ml-platform: reads its team projects
  await page.goto(`/ml-platform/${projectName}`);
  await page
    .getByRole("navigation", { name: "Project sections" })
    .getByRole("link", { name: "Traces" })
    .click();
  await expect(page).toHaveURL(`/ml-platform/${projectName}/traces`);
  await expect(page.getByRole("link", { name: "Traces" })).toHaveAttribute("aria-current", "page");

  // roots newest first: the failed check, then the pipeline
  const traces = page.getByRole("list", { name: `Traces of ${projectName}, newest first` });
  await expect(traces.locator(":scope > li")).toHaveCount(2);
  await expect(traces.locator(":scope > li").first()).toHaveAttribute("data-testid", `call-${check.id}`);

  const failed = page.getByTestId(`call-${check.id}`);
  await expect(failed).toContainText("check");
  await expect(failed.getByText("error", { exact: true })).toBeVisible();
  await expect(failed).toContainText("Exception: cannot check 6: the checker is offline");
  await expect(failed).toContainText(/ci-bot\s*service account/);

  const root = page.getByTestId(`call-${pipeline.id}`);
  await expect(root.getByText("success", { exact: true })).toBeVisible();
  await expect(root).toContainText("2 child calls");
  await expect(root).toContainText(`{"arg0":"what is 1 + 2 + 3?","arg1":"${tag}"}`);
  // the children are fetched when the call is expanded
  const expand = root.getByRole("button", { name: "Show 2 child calls of pipeline" });
  await expect(expand).toHaveAttribute("aria-expanded", "false");
  await expand.click();
  await expect(root.getByRole("button", { name: "Hide 2 child calls of pipeline" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  const children = root.getByRole("list", { name: "Calls inside pipeline" });
  await expect(children.locator(":scope > li")).toHaveCount(2);
  await expect(children.locator(":scope > li").first()).toContainText('{"arg0":1,"arg1":2}');
  await expect(children.locator(":scope > li").first()).toContainText("add");

  // the whole output, as indented JSON
  const outputButton = root.getByRole("button", { name: "Expand output" }).first();
  await outputButton.click();
  const full = root.getByRole("region", { name: "Output of the call, as JSON" });
  await expect(full).toContainText('"note": "réponse ✓"');
  await expect(full).toContainText('"answer": 6');
  await expect(root.getByRole("button", { name: "Collapse output" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );

  // published objects and datasets (the ops are not listed: they are the calls' code)
  const objects = page.getByRole("region", { name: "Objects and datasets" });
  await expect(objects.getByRole("row")).toHaveCount(3);
  await expect(page.getByTestId("object-my-config")).toContainText("Object");
  await expect(page.getByTestId("object-my-config")).toContainText("v0");
  await expect(page.getByTestId("object-my-config")).toContainText(run.result!.published!.digest);
  await expect(page.getByTestId("object-qa-set")).toContainText("Dataset");
  await expect(page.getByTestId("object-qa-set")).toContainText(run.result!.dataset!.digest);
  await expect(page.getByTestId("object-qa-set").locator("time")).toHaveAttribute("datetime", /^\d{4}-/);

  expect(await axeViolations(page)).toEqual([]);

  // at 375 px: nothing scrolls sideways, the tree still opens
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(root).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await root.getByRole("button", { name: "Show 2 child calls of pipeline" }).click();
  await expect(root.getByRole("list", { name: "Calls inside pipeline" }).locator(":scope > li")).toHaveCount(
    2,
  );
  await root.getByRole("button", { name: "Expand inputs" }).first().click();
  await expect(root.getByRole("region", { name: "Inputs of the call, as JSON" })).toContainText(tag);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await axeViolations(page)).toEqual([]);
});

// Calls over the trace API with a service-account key, as weave's batches carry them.
const callId = (n: number) =>
  `0199${Date.now().toString(16).slice(-8)}-0000-7000-8000-${String(n).padStart(12, "0")}`;

async function logNested(
  request: APIRequestContext,
  projectId: string,
  headers: Record<string, string> = {},
) {
  const [root, retrieve, llm, embed] = [1, 2, 3, 4].map(callId) as [string, string, string, string];
  const op = (name: string) => `weave:///${projectId}/op/${name}:AbCdEf123`;
  const t = (s: number) => new Date(Date.parse("2026-11-01T10:00:00Z") + s * 1000).toISOString();
  const start = (id: string, name: string, at: number, inputs: object, parent?: string) => ({
    mode: "start",
    req: {
      start: {
        project_id: projectId,
        id,
        op_name: op(name),
        trace_id: root,
        parent_id: parent,
        started_at: t(at),
        attributes: {},
        inputs,
      },
    },
  });
  const end = (id: string, at: number, output: unknown, exception?: string) => ({
    mode: "end",
    req: { end: { project_id: projectId, id, ended_at: t(at), output, summary: {}, exception } },
  });
  const question = `Summarise: ${"日本語のテキスト ".repeat(60)}`;
  const res = await request.post("/call/upsert_batch", {
    headers: { Authorization: basicAuth(keys.ciBot), ...headers },
    data: {
      batch: [
        start(embed, "embed", 2, { text: "query" }, retrieve),
        start(retrieve, "retrieve", 1, { query: "query" }, root),
        start(root, "agent", 0, { question }),
        end(embed, 3, [0.1, 0.2]),
        end(retrieve, 4, ["doc-1", "doc-2"]),
        start(llm, "llm", 5, { prompt: "p" }, root),
        end(llm, 6, null, "RateLimitError: slow down"),
        end(root, 7.25, "partial answer"),
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { root, retrieve, llm, embed, question };
}

test("calls logged over the trace API show who logged them, on whose behalf, and nest two levels deep", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000); // a loaded 2-core machine
  const projectName = unique("api-tab");
  const projectId = `ml-platform/${projectName}`;
  const ids = await logNested(request, projectId, { "X-WANDB-USERNAME": "mia" });

  await signIn(page, "tom");
  await page.goto(`/ml-platform/${projectName}/traces`);
  const root = page.getByTestId(`call-${ids.root}`);
  await expect(root).toContainText("agent");
  await expect(root).toContainText("7.25 s");
  await expect(root).toContainText(/ci-bot\s*service account/);
  await expect(root.getByRole("definition").last()).toHaveText("mia"); // on behalf of
  // a long input is cut in the list, and whole when expanded
  await expect(root).toContainText("…");
  await root
    .getByRole("button", { name: /^Expand inputs/ })
    .first()
    .click();
  const inputs = root.getByRole("region", { name: "Inputs of the call, as JSON" });
  await expect(inputs).toContainText(JSON.stringify(ids.question));
  await root.getByRole("button", { name: "Collapse inputs" }).click();
  await expect(inputs).toBeHidden();

  await root.getByRole("button", { name: "Show 2 child calls of agent" }).click();
  const llm = page.getByTestId(`call-${ids.llm}`);
  await expect(llm).toContainText("Exception: RateLimitError: slow down");
  await expect(llm.getByText("error", { exact: true })).toBeVisible();
  const retrieve = page.getByTestId(`call-${ids.retrieve}`);
  await retrieve.getByRole("button", { name: "Show 1 child call of retrieve" }).click();
  await expect(page.getByTestId(`call-${ids.embed}`)).toContainText("embed");
  await expect(page.getByTestId(`call-${ids.embed}`)).toContainText("[0.1,0.2]");
  // keyboard: the toggle is a button
  await retrieve.getByRole("button", { name: "Hide 1 child call of retrieve" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId(`call-${ids.embed}`)).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);

  // no objects yet: said plainly
  await expect(
    page.getByText("No objects or datasets have been published to this project yet"),
  ).toBeVisible();
});

test("a viewer who may not read the project gets the Runs tab's refusal, and so do forged reads", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const projectName = unique("refused-tab");
  const projectId = `ml-platform/${projectName}`;
  const ids = await logNested(request, projectId);
  const base = `/ml-platform/${projectName}`;

  // anonymous, then vic (a viewer in research, not in ml-platform): the same 404 as the Runs tab
  for (const who of ["anonymous", "vic"]) {
    if (who === "vic") await signIn(page, "vic");
    for (const path of [base, `${base}/traces`, `${base}/traces?after=garbage`]) {
      const res = await page.goto(path);
      expect(res?.status(), `${who} ${path}`).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByText("agent")).toHaveCount(0);
    }
  }

  // vic forges the tab's server actions: refused, nothing of the project comes back
  for (const [name, args] of [
    ["childCallsAction", { team: "ml-platform", project: projectName, parentId: ids.root }],
    ["callPayloadsAction", { team: "ml-platform", project: projectName, callId: ids.root }],
  ] as const) {
    const id = await serverActionId(name, "traces/actions");
    const forged = await postServerAction(page.request, `${base}/traces`, id, [undefined, args]);
    expect(forged.body).toContain('"ok":false');
    expect(forged.body).not.toContain(ids.retrieve);
    expect(forged.body).not.toContain("Summarise");
  }

  // an open project: anyone reads its traces, and the tab is there
  const open = await page.goto("/ml-platform/llm-eval/traces");
  expect(open?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Traces" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("region", { name: "Calls" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
