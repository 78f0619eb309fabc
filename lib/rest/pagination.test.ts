// Keyset cursors of the /api/v1 lists: walking a list one item a page while others insert and delete
// between the fetches serves every item that stayed exactly once (an offset would repeat one item
// after an insert before the cursor and skip one after a delete), and items added after the cursor
// still come. A cursor is bound to its list and refused (400) when garbled or forged.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.stubEnv("PGLITE_DATA_DIR", "memory://");
vi.stubEnv("DATABASE_URL", "");

const { getDbHandle } = await import("@/lib/db/client");
const { createApiKey } = await import("@/lib/api-keys/service");
const { createServiceAccount, deleteServiceAccount } = await import("@/lib/service-accounts/service");
const { createTeam } = await import("@/lib/teams/service");
const { createProject } = await import("@/lib/projects/service");
const { makeWorld, uniqueName } = await import("@/lib/testing/fixtures");
const { SYSTEM } = await import("@/lib/testing/db");
const { callApi, ContractChecker } = await import("./testing");

type Db = Awaited<ReturnType<typeof getDbHandle>>["db"];
let db: Db;
let world: Awaited<ReturnType<typeof makeWorld>>;
let checker: InstanceType<typeof ContractChecker>;
let adminKey: string;
const system = () => ({ db, actor: SYSTEM });

beforeAll(async () => {
  db = (await getDbHandle()).db;
  world = await makeWorld(db);
  const admin = world.users.orgAdmin;
  adminKey = (
    await createApiKey(system(), {
      owner: { kind: "user", userId: admin.id, username: admin.username },
      name: "rest",
    })
  ).key;
  checker = new ContractChecker((await callApi(null, "GET", "/api/v1/openapi.json")).body);
}, 180_000);

afterAll(async () => {
  await (await getDbHandle()).close();
  vi.unstubAllEnvs();
});

const api = (url: string) => callApi(checker, "GET", url, { key: adminKey });

/**
 * Walks `url` one item a page, calling `between(n)` after the n-th page (1-based), and returns the
 * served items' names in order.
 */
async function walk(
  url: string,
  nameOf: (item: Record<string, string>) => string,
  between: (page: number) => Promise<void>,
): Promise<string[]> {
  const served: string[] = [];
  let cursor: string | null = null;
  for (let page = 1; page < 50; page++) {
    const sep = url.includes("?") ? "&" : "?";
    const res = await api(`${url}${sep}limit=1${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    served.push(...res.body.items.map(nameOf));
    cursor = res.body.nextCursor;
    if (!cursor) return served;
    await between(page);
  }
  throw new Error(`${url} never ended`);
}

describe("keyset cursors", () => {
  it("service accounts inserted or deleted between two pages neither repeat nor hide another", async () => {
    const team = world.team.name;
    const create = (name: string) => createServiceAccount(system(), { scope: "team", team, name });
    for (const name of ["kp-b", "kp-d", "kp-f", "kp-h"]) await create(name);
    const served = await walk(
      `/api/v1/teams/${team}/service-accounts?search=kp-`,
      (sa) => sa.name,
      async (page) => {
        if (page === 1) await create("kp-a"); // sorts before the cursor: an offset would repeat kp-b
        if (page === 2) await deleteServiceAccount(system(), team, "kp-b"); // served: an offset would skip kp-f
        if (page === 2) await create("kp-e"); // after the cursor: still to come
      },
    );
    expect(served).toEqual(["kp-b", "kp-d", "kp-e", "kp-f", "kp-h"]);

    // the org's list pages the same way, ties of names across teams broken by id
    await createServiceAccount(system(), { scope: "team", team: world.otherTeam.name, name: "kp-d" });
    const org = await walk(
      `/api/v1/orgs/${world.org.slug}/service-accounts?search=kp-`,
      (sa) => `${sa.team}/${sa.name}`,
      async () => {},
    );
    expect(org.map((path) => path.split("/")[1])).toEqual(["kp-a", "kp-d", "kp-d", "kp-e", "kp-f", "kp-h"]);
    expect(new Set(org).size).toBe(org.length);
  });

  it("a service account's keys, newest first, keep their order while new keys are created", async () => {
    const team = world.team.name;
    const { serviceAccount } = await createServiceAccount(system(), { scope: "team", team, name: "keyed" });
    const owner = { kind: "service_account" as const, serviceAccount };
    // created in one transaction-free burst: equal timestamps are possible, ties go by id
    for (const name of ["k1", "k2", "k3"]) await createApiKey(system(), { owner, name });
    const served = await walk(
      `/api/v1/teams/${team}/service-accounts/keyed/keys`,
      (k) => k.name,
      async (page) => {
        if (page === 1) await createApiKey(system(), { owner, name: "k4" }); // newest: before the cursor
      },
    );
    expect(served).toEqual(["k3", "k2", "k1"]);
  });

  it("teams created between two pages neither repeat nor hide another", async () => {
    const org = world.org.slug;
    const prefix = uniqueName("kt");
    const team = (suffix: string) => createTeam(system(), org, `${prefix}-${suffix}`);
    for (const suffix of ["b", "d", "f"]) await team(suffix);
    const teams = await walk(
      `/api/v1/orgs/${org}/teams`,
      (t) => t.name,
      async (page) => {
        // the world's own teams sort after these ("team-..."), so the walk starts on ours
        if (page === 1) await team("a");
        if (page === 2) await team("e");
      },
    );
    expect(new Set(teams).size).toBe(teams.length);
    expect(teams.filter((name) => name.startsWith(prefix))).toEqual(
      ["b", "d", "e", "f"].map((s) => `${prefix}-${s}`),
    );
  });

  it("projects the caller may not read are skipped however many sit between two readable ones", async () => {
    const outsider = world.users.otherTeamAdmin; // in the org, not in the team
    const key = (
      await createApiKey(system(), {
        owner: { kind: "user", userId: outsider.id, username: outsider.username },
        name: "rest",
      })
    ).key;
    const team = world.team.name;
    const project = (name: string, visibility: "open" | "team") =>
      createProject(system(), team, { name, visibility });
    for (const name of ["p-b", "p-d", "p-f"]) await project(name, "open");
    // more hidden projects than one read of the service fetches
    for (let i = 0; i < 60; i++) await project(`p-c-${String(i).padStart(2, "0")}`, "team");
    const served: string[] = [];
    let cursor: string | null = null;
    for (let page = 1; page < 20; page++) {
      const res = await callApi(
        checker,
        "GET",
        `/api/v1/teams/${team}/projects?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        { key },
      );
      expect(res.status).toBe(200);
      served.push(...res.body.items.map((p: { name: string }) => p.name));
      cursor = res.body.nextCursor;
      if (!cursor) break;
      if (page === 1) await project("p-a", "open");
      if (page === 2) await project("p-e", "open");
    }
    expect(served).toEqual(["p-b", "p-d", "p-e", "p-f"]);
  });

  it("a cursor works only for its own list; garbled and forged ones are a 400 problem", async () => {
    const teams = await api(`/api/v1/orgs/${world.org.slug}/teams?limit=1`);
    const teamsCursor: string = teams.body.nextCursor;
    expect(teamsCursor).toEqual(expect.any(String));
    // the cursor reveals nothing readable at a glance and is refused by another list
    const projects = await api(`/api/v1/teams/${world.team.name}/projects?cursor=${teamsCursor}`);
    expect(projects.status).toBe(400);
    expect(projects.headers.get("content-type")).toBe("application/problem+json");
    expect(projects.body.errors.cursor).toBeDefined();

    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const sas = `/api/v1/orgs/${world.org.slug}/service-accounts`;
    const keys = `/api/v1/teams/${world.team.name}/service-accounts/keyed/keys`;
    for (const [url, cursor] of [
      [sas, "garbage!"],
      [sas, forged({ o: 5 })], // the old offset cursors
      [sas, forged({ l: "service-accounts", k: ["only-a-name"] })],
      [sas, forged({ l: "service-accounts", k: [1, 2] })],
      [keys, forged({ l: "keys", k: ["stw_sa-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] })], // a key, not a key ID
      [`/api/v1/orgs/${world.org.slug}/teams`, forged({ l: "teams", k: [""] })],
    ] as const) {
      const res = await api(`${url}?cursor=${cursor}`);
      expect(res.status, `${url} ${cursor}`).toBe(400);
      expect(res.body.type).toBe("/api-docs#problem-validation-failed");
      expect(JSON.stringify(res.body)).not.toContain("stw_sa-AAAA");
    }
  });
});
