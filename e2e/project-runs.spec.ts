import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { signIn } from "./helpers";

// Runs are logged the way the W&B clients do it (WIRE.md): upsertBucket on /graphql, then
// file_stream for history, summary and completion, with a personal key of mia's.

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString("base64")}`;

const UPSERT_BUCKET =
  "mutation UpsertBucket($name: String, $project: String, $entity: String, $displayName: String, $config: JSONString) { upsertBucket(input: {name: $name, modelName: $project, entityName: $entity, displayName: $displayName, config: $config}) { bucket { id name } inserted } }";

/** Creates a personal API key on /settings as the signed-in user and returns it. */
async function createPersonalKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings");
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog", { name: "New API key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal.getByRole("button", { name: "Copy API key" })).toBeVisible();
  const key = await reveal.getByLabel("Your new API key").inputValue();
  await reveal.getByRole("button", { name: "Done" }).click();
  return key;
}

async function upsertRun(
  request: APIRequestContext,
  key: string,
  run: { entity: string; project: string; name: string; displayName?: string; config?: object },
) {
  const res = await request.post("/graphql", {
    headers: { Authorization: basic(key) },
    data: {
      query: UPSERT_BUCKET,
      operationName: "UpsertBucket",
      variables: {
        name: run.name,
        project: run.project,
        entity: run.entity,
        displayName: run.displayName,
        config: run.config ? JSON.stringify(run.config) : undefined,
      },
    },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.upsertBucket.bucket.name).toBe(run.name);
}

async function fileStream(
  request: APIRequestContext,
  key: string,
  path: string,
  body: Record<string, unknown>,
) {
  const res = await request.post(`/files/${path}/file_stream`, {
    headers: { Authorization: basic(key) },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(200);
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("a run logged over the W&B protocol shows who logged it, its config, summary and charts", async ({
  page,
  request,
}) => {
  await signIn(page, "mia");
  const key = await createPersonalKey(page, "runs e2e");
  const name = `e2e-${Date.now().toString(36)}`;
  await upsertRun(request, key, {
    entity: "ml-platform",
    project: "training",
    name,
    displayName: "nightly e2e",
    config: { lr: 0.01, optimizer: { name: "adam", betas: [0.9, 0.999] } },
  });
  const path = `ml-platform/training/${name}`;

  // while it runs, the table says so
  await page.goto("/ml-platform/training");
  const row = page.getByTestId(`run-${name}`);
  await expect(row.getByRole("rowheader")).toContainText("nightly e2e");
  await expect(row.getByRole("rowheader")).toContainText(name);
  await expect(row).toContainText("running");

  await fileStream(request, key, path, {
    files: {
      "wandb-history.jsonl": {
        offset: 0,
        content: [
          JSON.stringify({ loss: 1, acc: 0.25, _step: 0 }),
          JSON.stringify({ loss: 0.5, acc: 0.75, _step: 1 }),
        ],
      },
      "wandb-summary.json": { offset: 0, content: [JSON.stringify({ loss: 0.5, acc: 0.75, _step: 1 })] },
    },
  });
  await fileStream(request, key, path, { complete: true, exitcode: 0 });

  await page.reload();
  await expect(row).toContainText("finished");
  // Logged by mia, a user (a personal key acts as its owner), on behalf of no one
  await expect(row.getByRole("cell").nth(1)).toHaveText(/^mia\s*user$/);
  await expect(row.getByRole("cell").nth(2)).toContainText("—");
  await expect(row.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
  await expect(row.getByRole("cell").last()).toHaveText("1");

  // the run page, at the URL the W&B SDK prints
  await row.getByRole("link", { name: "nightly e2e" }).click();
  await expect(page).toHaveURL(`/ml-platform/training/runs/${name}`);
  await expect(page.getByRole("heading", { name: "nightly e2e", level: 2 })).toBeVisible();
  await expect(page.getByText(`Run ID ${name}`)).toBeVisible();
  await expect(page.getByText("finished", { exact: true })).toBeVisible();
  const facts = page.locator("dl");
  await expect(facts).toContainText("Logged by");
  await expect(facts).toContainText("mia");
  await expect(facts).toContainText("Exit code");

  const config = page.getByRole("region", { name: "Config" });
  await expect(config.getByRole("row", { name: /lr/ })).toContainText("0.01");
  await expect(config.getByRole("row", { name: /optimizer/ })).toContainText(
    '{"name":"adam","betas":[0.9,0.999]}',
  );
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByRole("row", { name: /^loss/ })).toContainText("0.5");
  // the client's own keys come last
  await expect(summary.getByRole("rowheader").last()).toHaveText("_step");

  const charts = page.getByRole("region", { name: "Charts" });
  const lossChart = charts.getByRole("img", { name: /^loss over steps/ });
  await expect(lossChart).toBeVisible();
  await expect(lossChart.locator("svg.recharts-surface")).toBeVisible();
  await expect(charts.getByRole("img", { name: /^acc over steps/ })).toBeVisible();
  // the numbers behind the chart, for screen readers
  await charts.getByText("Data table for loss").click();
  await expect(charts.getByRole("table", { name: "loss by step" }).getByRole("row")).toHaveCount(3);

  // usable at 375 px: tables scroll inside their cards, the page does not scroll sideways
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(lossChart).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.goto("/ml-platform/training");
  await expect(row).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  // a run that does not exist is a real 404
  const missing = await page.goto("/ml-platform/training/runs/no-such-run");
  expect(missing?.status()).toBe(404);
});

test("the runs table pages through older runs 50 at a time", async ({ page, request }) => {
  await signIn(page, "mia");
  const key = await createPersonalKey(page, "runs paging e2e");
  // logging to a new project name creates it (mia may write ml-platform's projects)
  for (let i = 0; i < 51; i++) {
    await upsertRun(request, key, {
      entity: "ml-platform",
      project: "e2e-paging",
      name: `page-run-${String(i).padStart(2, "0")}`,
    });
  }
  await page.goto("/ml-platform/e2e-paging");
  const rows = page.getByRole("region", { name: "Runs" }).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAttribute("data-testid", "run-page-run-50");
  await expect(page.getByTestId("run-page-run-00")).toHaveCount(0);

  await page.getByRole("link", { name: "Older runs" }).click();
  await expect(page).toHaveURL(/\?after=/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-testid", "run-page-run-00");
  await expect(page.getByRole("link", { name: "Older runs" })).toHaveCount(0);
  await page.getByRole("link", { name: "Newest runs" }).click();
  await expect(rows).toHaveCount(50);

  // an edited cursor is explained, not an error page
  const broken = await page.goto("/ml-platform/e2e-paging?after=garbage");
  expect(broken?.status()).toBe(200);
  await expect(page.getByText("This page link is broken or out of date.")).toBeVisible();
});

test("an empty project explains how to log a run to it", async ({ page }) => {
  await signIn(page, "tom");
  await page.goto("/ml-platform");
  await page.getByRole("link", { name: "model-zoo", exact: true }).click();
  await expect(page).toHaveURL("/ml-platform/model-zoo");
  await expect(page.getByRole("heading", { name: "model-zoo", level: 1 })).toBeVisible();
  await expect(page.getByText("Public", { exact: true })).toBeVisible();
  await expect(page.getByText("Published checkpoints, readable by everyone.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Runs" })).toHaveAttribute("aria-current", "page");
  const origin = new URL(page.url()).origin;
  await expect(page.locator("pre").first()).toHaveText(
    `export WANDB_API_KEY=<key>\nexport WANDB_BASE_URL=${origin}\nexport WANDB_ENTITY=ml-platform`,
  );
  await expect(page.getByText('wandb.init({ project: "model-zoo"')).toBeVisible();
  await expect(page.getByText('wandb.init(project="model-zoo"')).toBeVisible();
});

test("anonymous visitors read open projects; others' team projects are a real 404", async ({ page }) => {
  const open = await page.goto("/ml-platform/llm-eval");
  expect(open?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "llm-eval", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Runs" })).toBeVisible();
  // the team page is not theirs to see, so the team name is not a link
  await expect(page.getByRole("link", { name: "ml-platform" })).toHaveCount(0);

  for (const path of ["/ml-platform/training", "/ml-platform/training/runs/anything", "/ml-platform/nope"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("a viewer of another team gets a real 404 for a team-visible project", async ({ page }) => {
  await signIn(page, "vic");
  const res = await page.goto("/ml-platform/training");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // restricted to listed members: vic is listed on research/human-data, not on ml-platform/secret-sauce
  expect((await page.goto("/ml-platform/secret-sauce"))?.status()).toBe(404);
  expect((await page.goto("/research/experiments"))?.status()).toBe(200);
  await expect(page.getByText("No runs have been logged to this project yet.")).toBeVisible();
});
