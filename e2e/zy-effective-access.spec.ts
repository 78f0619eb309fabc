// A service account's Effective access tab: what the page says each account may read and write must be
// exactly what the API gives that account's key, for every project of the demo data (the drift test);
// and the page itself: grouped by team with the policy's reasons, out-of-reach projects with how access
// would be granted, a name filter, pages, and a 404 for those who may not manage the account.
// Named to run late (the specs share one database, in file-name order): its write attempts log a
// run into every demo project its accounts may write, and earlier specs expect some projects empty.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { basicAuth, fixtures } from "./fixtures";
import { postServerAction, serverActionId, signIn } from "./helpers";

test.describe.configure({ timeout: 180_000 });

const { keys } = fixtures();

/** The service accounts of e2e/fixtures/setup.ts: `<team>/<name>` and their keys. */
const ACCOUNTS = [
  { path: "ml-platform/ci-bot", key: keys.ciBot },
  { path: "research/etl", key: keys.etl },
  { path: "research/trainer", key: keys.trainer },
];

/** Every project of the demo data (lib/seed/demo.ts), whatever the views list. */
const DEMO_PROJECTS = [
  "ml-platform/llm-eval",
  "ml-platform/model-zoo",
  "ml-platform/training",
  "ml-platform/secret-sauce",
  "research/papers",
  "research/benchmarks",
  "research/experiments",
  "research/human-data",
  "hobby-lab/weekend",
];

interface Access {
  read: boolean;
  write: boolean;
}

const accessPath = (path: string) => {
  const [team, name] = path.split("/");
  return `/${team}/service-accounts/${name}/access`;
};

/** The rows one page shows, keyed `<team>/<project>`, from the Access column's words. */
async function rowsOnPage(page: Page): Promise<Record<string, Access>> {
  const rows = await page
    .locator('tr[data-testid^="access-"]')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        (tr as HTMLElement).dataset.testid!.slice("access-".length),
        (tr as HTMLTableRowElement).cells[2]!.textContent!.trim(),
      ]),
    );
  const out: Record<string, Access> = {};
  for (const [project, words] of rows) {
    if (!["Read and write", "Read only", "No access"].includes(words!))
      throw new Error(`unknown access ${words}`);
    out[project!] = { read: words !== "No access", write: words === "Read and write" };
  }
  return out;
}

/** Everything the Effective access tab says, following both lists' pages. */
async function viewOf(page: Page, path: string): Promise<Record<string, Access>> {
  const view: Record<string, Access> = {};
  await page.goto(accessPath(path));
  await expect(page.getByRole("heading", { name: "Effective access" })).toBeVisible();
  for (const pager of ["Pages of projects it can reach", "Pages of projects out of its reach"]) {
    await page.goto(accessPath(path));
    for (;;) {
      Object.assign(view, await rowsOnPage(page));
      const next = page.getByRole("navigation", { name: pager }).getByRole("link", { name: "Next" });
      if (!(await next.count())) break;
      await next.click();
      await page.waitForLoadState("load");
    }
  }
  return view;
}

async function graphql(request: APIRequestContext, key: string, query: string, variables: object) {
  const res = await request.post("/graphql", {
    headers: { Authorization: basicAuth(key) },
    data: { query, variables },
  });
  const body = await res.json().catch(() => null);
  return { status: res.status(), body };
}

let runCounter = 0;

/** What the API actually gives the key: a read of the project, and an attempt to create a run in it. */
async function apiAccess(request: APIRequestContext, key: string, path: string): Promise<Access> {
  const [entity, project] = path.split("/");
  const read = await graphql(
    request,
    key,
    "query P($name: String, $entity: String) { project(name: $name, entityName: $entity) { name runs(first: 1) { edges { node { name } } } } }",
    { name: project, entity },
  );
  expect(read.status, `read ${path}`).toBe(200);
  runCounter += 1;
  const write = await graphql(
    request,
    key,
    `mutation UpsertBucket($name: String, $project: String, $entity: String) {
      upsertBucket(input: {name: $name, modelName: $project, entityName: $entity}) { bucket { name } inserted }
    }`,
    { name: `drift-${Date.now().toString(36)}-${runCounter}`, project, entity },
  );
  // Refusals are 403 (may read, not write) or 404 (may not even see it): never a 401 or a 500.
  expect([200, 403, 404], `write ${path}: ${JSON.stringify(write.body)}`).toContain(write.status);
  return {
    read: read.body?.data?.project?.name === project,
    write: write.status === 200 && Boolean(write.body?.data?.upsertBucket?.bucket),
  };
}

test("the view says exactly what each fixture service account's key gets from the API", async ({
  page,
  request,
}) => {
  await signIn(page, "ada"); // org admin of acme: manages every one of these accounts
  // One listing, so the "listed on a restricted project" row is compared too; undone at the end.
  const add = await serverActionId("addProjectServiceAccountAction", "app/[team]/[project]/actions");
  const remove = await serverActionId("removeProjectServiceAccountAction", "app/[team]/[project]/actions");
  const listing = { team: "research", project: "human-data", serviceAccount: "research/trainer" };
  const listed = await postServerAction(page.request, "/research/human-data/users", add, [
    undefined,
    listing,
  ]);
  expect(listed.body).toContain('"ok":true');
  try {
    for (const account of ACCOUNTS) {
      const view = await viewOf(page, account.path);
      const projects = [...new Set([...DEMO_PROJECTS, ...Object.keys(view)])].sort();
      // The view covers the demo data's projects of the account's org (reached or not).
      for (const p of DEMO_PROJECTS.filter((p) => !p.startsWith("hobby-lab/"))) {
        expect(Object.keys(view), `${account.path}'s view mentions ${p}`).toContain(p);
      }
      const shown: Record<string, Access> = {};
      const actual: Record<string, Access> = {};
      for (const project of projects) {
        shown[project] = view[project] ?? { read: false, write: false };
        actual[project] = await apiAccess(request, account.key, project);
      }
      expect(actual, `${account.path}: the API against the Effective access tab`).toEqual(shown);
    }
    // Sanity: the comparison covers every kind of answer.
    const trainer = await viewOf(page, "research/trainer");
    expect(trainer["research/human-data"]).toEqual({ read: true, write: true });
    const ciBot = await viewOf(page, "ml-platform/ci-bot");
    expect(ciBot["research/benchmarks"]).toEqual({ read: true, write: false });
    expect(ciBot["ml-platform/secret-sauce"]).toEqual({ read: false, write: false });
  } finally {
    await postServerAction(page.request, "/research/human-data/users", remove, [undefined, listing]);
  }
});

const violations = async (page: Page) =>
  (await new AxeBuilder({ page }).exclude("[data-sonner-toaster]").analyze()).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );

test("a team admin reads a team service account's access, grouped by team, with reasons and how to grant", async ({
  page,
}) => {
  await signIn(page, "tom"); // team admin of ml-platform
  await page.goto("/ml-platform/service-accounts/ci-bot/access");
  const reach = page.getByRole("region", { name: /Projects it can reach/ });
  const out = page.getByRole("region", { name: /Out of its reach/ });
  // Its own team first, then the other teams whose open or public projects it reaches.
  const groups = reach.locator('th[scope="colgroup"]');
  await expect(groups.first()).toContainText("ml-platform");
  await expect(groups.filter({ hasText: "research" })).toBeVisible();
  await expect(page.getByTestId("access-ml-platform/training")).toContainText("Read and write");
  await expect(page.getByTestId("access-ml-platform/training")).toContainText(
    "team-scoped service account ci-bot of ml-platform: reads and writes its team's non-restricted projects",
  );
  await expect(page.getByTestId("access-research/benchmarks")).toContainText("Read only");
  await expect(page.getByTestId("access-research/benchmarks")).toContainText(
    "public project of another team",
  );
  // Out of reach: the unlisted restricted project of its team, and the other team's private ones.
  const secret = out.getByTestId("access-ml-platform/secret-sauce");
  await expect(secret).toContainText("not listed as a member");
  await expect(secret).toContainText("adds ml-platform/ci-bot on the project's Users tab");
  await expect(out.getByTestId("access-research/experiments")).toContainText("use an org service account");
  await expect(page.getByTestId("access-hobby-lab/weekend")).toHaveCount(0);
  expect(await violations(page)).toEqual([]);

  // The filter narrows both lists by project name, and keeps the address.
  await page.getByLabel("Filter by project name").fill("SAUCE");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL("/ml-platform/service-accounts/ci-bot/access?q=SAUCE");
  await expect(reach).toContainText("No project it can reach matches “SAUCE”.");
  await expect(out.locator('tr[data-testid^="access-"]')).toHaveCount(1);
  await page.getByRole("link", { name: "Clear filter" }).click();
  await expect(page.getByTestId("access-ml-platform/training")).toBeVisible();

  // Usable at 375 px: the tables scroll inside their cards, the page does not.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
});

test("the lists are paged, with the filter kept across pages", async ({ page, request }) => {
  // 55 projects its key creates by logging to new names (team-visible, so readable and writable).
  const prefix = `zz-paged-${Date.now().toString(36)}`;
  for (let i = 0; i < 55; i++) {
    const project = `${prefix}-${String(i).padStart(2, "0")}`;
    const res = await request.post("/graphql", {
      headers: { Authorization: basicAuth(keys.ciBot) },
      data: {
        query: `mutation { upsertBucket(input: {name: "r", modelName: "${project}", entityName: "ml-platform"}) { inserted } }`,
      },
    });
    expect(res.status()).toBe(200);
  }
  await signIn(page, "tom");
  await page.goto(`/ml-platform/service-accounts/ci-bot/access?q=${prefix}`);
  const pager = page.getByRole("navigation", { name: "Pages of projects it can reach" });
  await expect(pager).toContainText("Page 1 of 2");
  await expect(page.locator('tr[data-testid^="access-"]')).toHaveCount(50);
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(`/ml-platform/service-accounts/ci-bot/access?q=${prefix}&page=2`);
  await expect(pager).toContainText("Page 2 of 2");
  await expect(page.locator('tr[data-testid^="access-"]')).toHaveCount(5);
  await expect(page.getByTestId(`access-ml-platform/${prefix}-54`)).toContainText("Read and write");
  expect(await violations(page)).toEqual([]);
});

test("those who may not manage the account get a 404", async ({ page }) => {
  await signIn(page, "mia"); // a member (not admin) of ml-platform and research
  for (const path of [
    "/ml-platform/service-accounts/ci-bot/access",
    "/research/service-accounts/trainer/access",
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.context().clearCookies();
  await signIn(page, "tom"); // team admin of ml-platform, not in research
  expect((await page.goto("/research/service-accounts/etl/access"))?.status()).toBe(404);
  await page.context().clearCookies();
  await signIn(page, "hal"); // admin of another org
  expect((await page.goto("/ml-platform/service-accounts/ci-bot/access"))?.status()).toBe(404);
  expect((await page.goto("/ml-platform/service-accounts/no-such-account/access"))?.status()).toBe(404);
});
