import { describe, expect, it, vi } from "vitest";
import { createCircuit } from "./circuit";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("database circuit", () => {
  it("opens on an unreachable database and closes when the probe succeeds", async () => {
    let up = false;
    let probes = 0;
    const circuit = createCircuit({
      probe: async () => {
        probes++;
        if (!up) throw refused;
      },
      intervalMs: 5,
      log: () => {},
    });
    expect(circuit.isOpen()).toBe(false);
    circuit.noteError(new Error("wrapped", { cause: refused }));
    expect(circuit.isOpen()).toBe(true);
    await vi.waitFor(() => expect(probes).toBeGreaterThan(2));
    expect(circuit.isOpen()).toBe(true);
    up = true;
    await vi.waitFor(() => expect(circuit.isOpen()).toBe(false));
  });

  it("runs one probe loop however many requests fail", async () => {
    let concurrent = 0;
    let most = 0;
    const circuit = createCircuit({
      probe: async () => {
        most = Math.max(most, ++concurrent);
        await wait(2);
        concurrent--;
        throw refused;
      },
      intervalMs: 1,
      log: () => {},
    });
    for (let i = 0; i < 50; i++) circuit.noteError(refused);
    await wait(30);
    expect(most).toBe(1);
  });

  it("gives up on a probe that hangs and tries again", async () => {
    let calls = 0;
    const circuit = createCircuit({
      probe: () => (++calls === 1 ? new Promise(() => {}) : Promise.resolve()),
      intervalMs: 1,
      probeTimeoutMs: 20,
      log: () => {},
    });
    circuit.noteError(refused);
    await vi.waitFor(() => expect(circuit.isOpen()).toBe(false));
    expect(calls).toBe(2);
  });

  it("ignores failures of work begun before it last closed", async () => {
    let up = false;
    const circuit = createCircuit({
      probe: async () => {
        if (!up) throw refused;
      },
      intervalMs: 1,
      log: () => {},
    });
    const began = Date.now() - 1;
    circuit.noteError(refused, began);
    up = true;
    await vi.waitFor(() => expect(circuit.isOpen()).toBe(false));
    circuit.noteError(refused, began); // a connection attempt made while PostgreSQL was down
    expect(circuit.isOpen()).toBe(false);
    circuit.noteError(refused); // a fresh failure
    expect(circuit.isOpen()).toBe(true);
  });

  it("stays closed for errors that are not an outage, and for one broken connection", () => {
    const circuit = createCircuit({ probe: async () => {}, log: () => {} });
    circuit.noteError(Object.assign(new Error("terminating connection"), { code: "57P01" }));
    circuit.noteError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    circuit.noteError(Object.assign(new Error("deadlock detected"), { code: "40P01" }));
    circuit.noteError(Object.assign(new Error("duplicate key"), { code: "23505" }));
    circuit.noteError(new Error("boom"));
    expect(circuit.isOpen()).toBe(false);
  });
});
