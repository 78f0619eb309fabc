// The guard on fetching issuer URLs: which addresses and URLs are refused, redirects, size, time.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  checkUrl,
  classifyAddress,
  GuardedFetchError,
  guardedFetch,
  MAX_RESPONSE_BYTES,
} from "./guarded-fetch";

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/ok") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    } else if (req.url === "/redirect") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    } else if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const push = () => {
        while (sent <= MAX_RESPONSE_BYTES) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", push);
        }
        res.end();
      };
      push();
    } else if (req.url === "/huge-declared") {
      res.writeHead(200, { "content-length": String(MAX_RESPONSE_BYTES + 1) });
      res.end();
    } else if (req.url === "/slow") {
      // never answers
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => vi.unstubAllEnvs());

describe("addresses", () => {
  it.each([
    ["10.1.2.3", "internal"],
    ["172.16.0.1", "internal"],
    ["172.31.255.255", "internal"],
    ["192.168.1.1", "internal"],
    ["169.254.169.254", "internal"],
    ["0.0.0.0", "internal"],
    ["100.100.100.200", "internal"],
    ["fc00::1", "internal"],
    ["fd12:3456::1", "internal"],
    ["fe80::1", "internal"],
    ["::", "internal"],
    ["::ffff:10.0.0.1", "internal"],
    ["::ffff:a00:1", "internal"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["2606:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["not-an-ip", "internal"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe("URLs", () => {
  it("allows https; http only with ALLOW_INSECURE_ISSUERS; never other schemes or credentials", () => {
    expect(checkUrl("https://issuer.example.com").hostname).toBe("issuer.example.com");
    expect(() => checkUrl("http://issuer.example.com")).toThrow(/https/);
    expect(() => checkUrl("file:///etc/passwd")).toThrow(GuardedFetchError);
    expect(() => checkUrl("https://user:pw@issuer.example.com")).toThrow(/credentials/);
    expect(() => checkUrl("issuer.example.com")).toThrow(/absolute/);
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    expect(checkUrl("http://127.0.0.1:1/x").protocol).toBe("http:");
  });
});

describe("fetching", () => {
  it("refuses loopback unless ALLOW_INSECURE_ISSUERS=true", async () => {
    await expect(guardedFetch(`${origin}/ok`)).rejects.toThrow(/https/);
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    const res = await guardedFetch(`${origin}/ok`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("checks every resolved address, and connects only to a checked one", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    const resolveTo =
      (...addresses: string[]) =>
      async () =>
        addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    const port = new URL(origin).port;
    // one internal address among public ones is enough to refuse
    await expect(
      guardedFetch(`https://issuer.example.com/x`, { resolver: resolveTo("8.8.8.8", "10.0.0.5") }),
    ).rejects.toThrow(/10\.0\.0\.5, a private or reserved address/);
    await expect(
      guardedFetch(`https://metadata.example.com/`, { resolver: resolveTo("169.254.169.254") }),
    ).rejects.toThrow(/private or reserved/);
    await expect(guardedFetch(`https://v6.example.com/`, { resolver: resolveTo("fd00::1") })).rejects.toThrow(
      /private or reserved/,
    );
    // plain http to a public address is refused even with the flag
    await expect(
      guardedFetch(`http://issuer.example.com/`, { resolver: resolveTo("8.8.8.8") }),
    ).rejects.toThrow(/Plain http is allowed only for loopback/);
    // a name resolving to loopback is fetched from the checked address (no second DNS lookup)
    const res = await guardedFetch(`http://idp.test:${port}/ok`, { resolver: resolveTo("127.0.0.1") });
    expect(res.status).toBe(200);
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "");
    await expect(
      guardedFetch(`https://idp.test:${port}/ok`, { resolver: resolveTo("127.0.0.1") }),
    ).rejects.toThrow(/loopback address: refused/);
  });

  it("refuses IP literals in private ranges without resolving anything", async () => {
    for (const url of [
      "https://10.0.0.1/",
      "https://[fe80::1]/",
      "https://169.254.169.254/",
      "https://0.0.0.0/",
    ]) {
      await expect(guardedFetch(url), url).rejects.toThrow(GuardedFetchError);
    }
  });

  it("does not follow redirects", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    await expect(guardedFetch(`${origin}/redirect`)).rejects.toThrow(/redirect \(302\)/);
  });

  it("stops reading at 1 MiB, declared or streamed", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    await expect(guardedFetch(`${origin}/huge-declared`)).rejects.toThrow(/more than 1 MiB/);
    await expect(guardedFetch(`${origin}/huge`)).rejects.toThrow(/more than 1 MiB/);
  });

  it("gives up after the timeout", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    const started = Date.now();
    await expect(guardedFetch(`${origin}/slow`, { timeoutMs: 300 })).rejects.toThrow(
      /did not answer within 0.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("answers other statuses as they are (the caller decides)", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    expect((await guardedFetch(`${origin}/missing`)).status).toBe(404);
  });
});
