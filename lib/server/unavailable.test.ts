// A database outage is a 503 with Retry-After (route handlers) or a "try again" form message
// (server actions), never a 500; a real bug stays a 500 without internal detail.
import { describe, expect, it, vi } from "vitest";
import { databaseCircuit } from "@/lib/db/circuit";
import { isDatabaseUnavailable, isDatabaseUnreachable } from "@/lib/db/health";
import { apiRoute, route } from "./route";

// The action wrapper's session lookup pulls in Auth.js, which needs Next's runtime: not used here.
vi.mock("@/lib/auth/session", () => ({ getSessionActor: vi.fn() }));
// The process's circuit, held closed unless a test opens it (its probe would open a database).
vi.mock("@/lib/db/circuit", () => ({ databaseCircuit: { isOpen: vi.fn(() => false), noteError: vi.fn() } }));
const { action, toActionState } = await import("./action");

/** postgres.js errors carry a string code; drizzle wraps them as the cause of its own error. */
const driverError = (code: string, message = "boom") => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures and transient SQLSTATEs, also wrapped by drizzle", () => {
    for (const code of ["ECONNREFUSED", "CONNECTION_CLOSED", "CONNECT_TIMEOUT", "57P01", "57P03", "08006"]) {
      expect(isDatabaseUnavailable(driverError(code))).toBe(true);
      expect(isDatabaseUnavailable(wrapped(driverError(code)))).toBe(true);
    }
    expect(isDatabaseUnavailable(new AggregateError([driverError("ECONNREFUSED")]))).toBe(true);
  });

  it("leaves bugs and constraint violations alone", () => {
    for (const err of [
      new Error("bug"),
      driverError("23505"),
      driverError("42P01"),
      null,
      "text",
      wrapped(null),
    ]) {
      expect(isDatabaseUnavailable(err)).toBe(false);
    }
  });
});

describe("isDatabaseUnreachable (the circuit opens)", () => {
  it("only when no new connection can be made", () => {
    for (const code of ["ECONNREFUSED", "CONNECT_TIMEOUT", "ENOTFOUND", "57P03"]) {
      expect(isDatabaseUnreachable(wrapped(driverError(code))), code).toBe(true);
    }
    // One broken connection, a full server, a deadlock: this request fails, the next may not.
    for (const code of ["ECONNRESET", "CONNECTION_CLOSED", "57P01", "53300", "08006", "40P01", "57014"]) {
      expect(isDatabaseUnreachable(wrapped(driverError(code))), code).toBe(false);
      expect(isDatabaseUnavailable(wrapped(driverError(code))), code).toBe(true);
    }
  });
});

describe("route and action wrappers", () => {
  const call = (err: unknown) =>
    route(async () => {
      throw err;
    })(new Request("http://localhost/x", { method: "POST" }), { params: Promise.resolve({}) });

  it("answers a database outage with 503 and Retry-After, without the driver's message", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await call(wrapped(driverError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")));
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const text = await res.text();
    expect(text).toMatch(/try again/);
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect(databaseCircuit.noteError).toHaveBeenCalled();
  });

  it("answers 503 at once while the circuit is open, before authenticating", async () => {
    vi.mocked(databaseCircuit.isOpen).mockReturnValue(true);
    try {
      const handler = vi.fn(async () => new Response("ok"));
      const res = await apiRoute(handler)(new Request("http://localhost/x", { method: "POST" }), {
        params: Promise.resolve({}),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBeTruthy();
      expect(handler).not.toHaveBeenCalled();

      const fn = vi.fn(async () => ({ ok: true }));
      const { z } = await import("zod");
      const state = await action(z.object({}), fn)(undefined, {});
      expect(state).toMatchObject({ ok: false, message: expect.stringMatching(/try again/) });
      expect(fn).not.toHaveBeenCalled();
    } finally {
      vi.mocked(databaseCircuit.isOpen).mockReturnValue(false);
    }
  });

  it("keeps an unexpected error a 500 without detail", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call(new Error("secret internal detail"));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("secret internal detail");
  });

  it("refuses a forged post whose input is not an object without throwing", async () => {
    const { z } = await import("zod");
    const act = action(z.object({ team: z.string() }), async () => ({ ok: true }));
    for (const input of [null, undefined, 42, "text", [1, 2]]) {
      expect(await act(undefined, input as never)).toMatchObject({ ok: false, values: {} });
    }
  });

  it("tells a form to try again while the database is down", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const state = toActionState(driverError("57P01", "terminating connection due to administrator command"));
    expect(state).toMatchObject({ ok: false, message: expect.stringMatching(/try again/) });
    expect(JSON.stringify(state)).not.toMatch(/administrator/);
  });
});
