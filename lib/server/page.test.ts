// Page loads while PostgreSQL is unreachable: once the circuit is open (lib/db/circuit.ts) they fail
// at once with an error routes and actions also read as "unavailable", instead of waiting for a
// connection; when the probe reaches the database again, pages load as before.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError, databaseCircuit } from "@/lib/db/circuit";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/health";
import { layoutContext, pageContext, signedInContext } from "./page";

vi.mock("@/lib/db/client", () => ({ getDb: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({
  getSessionActor: vi.fn(async () => ({
    kind: "user",
    id: "usr_1",
    username: "ada",
    orgRoles: {},
    teamRoles: {},
  })),
}));
vi.mock("next/navigation", () => ({
  notFound: vi.fn(),
  redirect: vi.fn(() => {
    throw new Error("redirected");
  }),
}));

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const database = (reachable: () => boolean) => ({
  execute: vi.fn(async () => {
    if (!reachable()) throw refused();
    return [];
  }),
});

describe("page loads during a database outage", () => {
  let reachable = true;
  const db = database(() => reachable);
  vi.mocked(getDb).mockImplementation(async () => db as never);
  afterEach(async () => {
    reachable = true;
    await vi.waitFor(() => expect(databaseCircuit.isOpen()).toBe(false), { timeout: 3000 });
  });

  it("load normally while the circuit is closed", async () => {
    await expect(pageContext()).resolves.toMatchObject({ db, actor: { kind: "user" } });
    await expect(signedInContext("/acme")).resolves.toMatchObject({ db });
    await expect(layoutContext()).resolves.toMatchObject({ db });
  });

  it("fail at once while it is open, with an error that reads as unavailable, and recover with the database", async () => {
    reachable = false;
    databaseCircuit.noteError(refused(), Date.now());
    expect(databaseCircuit.isOpen()).toBe(true);
    vi.mocked(getDb).mockClear();
    db.execute.mockClear();

    for (const load of [pageContext, () => signedInContext("/acme"), layoutContext]) {
      const err = await load().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseUnavailableError);
      expect(isDatabaseUnavailable(err)).toBe(true);
    }
    // Not one of them asked for a connection: every getDb call meanwhile was the circuit's probe.
    expect(vi.mocked(getDb).mock.calls.length).toBe(db.execute.mock.calls.length);

    reachable = true;
    await vi.waitFor(() => expect(databaseCircuit.isOpen()).toBe(false), { timeout: 3000 });
    await expect(pageContext()).resolves.toMatchObject({ db });
  });
});
