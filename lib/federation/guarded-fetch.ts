// Fetching an issuer's discovery document and JWKS, which are URLs an org admin typed: https only,
// no redirects, 5 s, 1 MiB, and never an internal address (the host is resolved, every address is
// checked, and the connection goes to the address that was checked, so DNS rebinding cannot slip
// past). ALLOW_INSECURE_ISSUERS=true lets loopback through, over plain http too (development, tests).
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

export const FETCH_TIMEOUT_MS = 5_000;
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** A refusal or failure, in a sentence an org admin can act on. */
export class GuardedFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GuardedFetchError";
  }
}

export function insecureIssuersAllowed(): boolean {
  return process.env.ALLOW_INSECURE_ISSUERS === "true";
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

const INTERNAL = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 itself
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT (some clouds' metadata services live here)
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  INTERNAL.addSubnet(net, bits, "ipv4");
}
INTERNAL.addAddress("::", "ipv6");
INTERNAL.addSubnet("fc00::", 7, "ipv6"); // unique local
INTERNAL.addSubnet("fe80::", 10, "ipv6"); // link-local
INTERNAL.addSubnet("ff00::", 8, "ipv6"); // multicast

export type AddressKind = "public" | "loopback" | "internal";

/** What an IP address is. IPv4-mapped IPv6 addresses are judged by their IPv4 address. */
export function classifyAddress(address: string): AddressKind {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip);
  if (family === 0) return "internal"; // not an address at all: never connect
  const type = family === 4 ? "ipv4" : "ipv6";
  if (LOOPBACK.check(ip, type)) return "loopback";
  // IPv4-mapped addresses in hex form (::ffff:7f00:1) are refused outright.
  if (type === "ipv6" && /^::ffff:/i.test(ip)) return "internal";
  return INTERNAL.check(ip, type) ? "internal" : "public";
}

/** Throws unless the address may be connected to (loopback only with ALLOW_INSECURE_ISSUERS). */
export function checkAddress(host: string, address: string, plainHttp: boolean): void {
  const kind = classifyAddress(address);
  if (kind === "internal") {
    throw new GuardedFetchError(`${host} resolves to ${address}, a private or reserved address: refused.`);
  }
  if (kind === "loopback" && !insecureIssuersAllowed()) {
    throw new GuardedFetchError(`${host} resolves to ${address}, a loopback address: refused.`);
  }
  if (plainHttp && kind !== "loopback") {
    throw new GuardedFetchError(`Plain http is allowed only for loopback addresses; use https for ${host}.`);
  }
}

/**
 * Checks the URL itself: absolute, https (http only for loopback with ALLOW_INSECURE_ISSUERS), no
 * credentials. Returns it parsed.
 */
export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GuardedFetchError(`${raw} is not an absolute URL.`);
  }
  if (url.username || url.password) throw new GuardedFetchError("The URL must not contain credentials.");
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && insecureIssuersAllowed()) return url;
  throw new GuardedFetchError(
    url.protocol === "http:"
      ? `${url.host} must be served over https.`
      : `Only https URLs can be fetched, not ${url.protocol}`,
  );
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/** A `lookup` for http.request: resolves, checks every address, hands out only checked ones. */
function guardedLookup(plainHttp: boolean, resolver: Resolver) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (...args: unknown[]) => void,
  ) => {
    resolver(hostname)
      .then((addresses) => {
        if (!addresses.length) throw new GuardedFetchError(`${hostname} did not resolve to any address.`);
        for (const a of addresses) checkAddress(hostname, a.address, plainHttp);
        const wanted = Number(options.family) || 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (options.all) callback(null, usable);
        else if (usable[0]) callback(null, usable[0].address, usable[0].family);
        else callback(new GuardedFetchError(`${hostname} has no IPv${wanted} address.`));
      })
      .catch((err: unknown) => callback(err));
  };
}

function describeNetworkError(url: URL, err: unknown, timeoutMs: number): Error {
  if (err instanceof GuardedFetchError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e?.name === "AbortError" || e?.name === "TimeoutError") {
    return new GuardedFetchError(`${url.href} did not answer within ${timeoutMs / 1000} s.`);
  }
  if (e?.code === "ENOTFOUND" || e?.code === "EAI_AGAIN") {
    return new GuardedFetchError(`${url.hostname} could not be resolved.`);
  }
  if (e?.code === "ECONNREFUSED") return new GuardedFetchError(`${url.host} refused the connection.`);
  if (typeof e?.code === "string" && (e.code.startsWith("ERR_TLS") || e.code.includes("CERT"))) {
    return new GuardedFetchError(`${url.host} did not present a valid TLS certificate (${e.code}).`);
  }
  return new GuardedFetchError(`Could not fetch ${url.href}: ${e?.message ?? String(err)}`);
}

export interface GuardedFetchOptions {
  headers?: HeadersInit;
  signal?: AbortSignal;
  /** Tests: a resolver standing in for DNS. */
  resolver?: Resolver;
  /** Tests: a shorter timeout than FETCH_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * GET `raw` under the guard. Resolves to a Response for any status but redirects (refused); throws
 * GuardedFetchError on refusal, timeout, oversize or network failure. Usable as jose's customFetch.
 */
export async function guardedFetch(raw: string, options: GuardedFetchOptions = {}): Promise<Response> {
  const url = checkUrl(raw);
  const plainHttp = url.protocol === "http:";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Node connects to IP literals without a lookup: check them here.
  if (isIP(host)) checkAddress(host, host, plainHttp);
  const timeoutMs = Math.min(options.timeoutMs ?? FETCH_TIMEOUT_MS, FETCH_TIMEOUT_MS);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = {};
  new Headers(options.headers).forEach((value, key) => {
    headers[key] = value;
  });
  headers.accept ??= "application/json";
  headers["user-agent"] ??= "steward-federation";

  return new Promise<Response>((resolve, reject) => {
    const fail = (err: unknown) => reject(describeNetworkError(url, err, timeoutMs));
    const req = (plainHttp ? http : https).request(
      url,
      {
        method: "GET",
        headers,
        agent: false,
        signal,
        lookup: guardedLookup(plainHttp, options.resolver ?? systemResolver) as never,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.destroy();
          reject(
            new GuardedFetchError(
              `${url.href} answered with a redirect (${status}); redirects are not followed: use the final URL.`,
            ),
          );
          return;
        }
        const tooLarge = () =>
          new GuardedFetchError(
            `${url.href} answered with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB: refused.`,
          );
        if (Number(res.headers["content-length"] ?? 0) > MAX_RESPONSE_BYTES) {
          res.destroy();
          reject(tooLarge());
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            reject(tooLarge());
          } else chunks.push(chunk);
        });
        res.on("error", fail);
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (value !== undefined)
              responseHeaders.set(key, Array.isArray(value) ? value.join(", ") : value);
          }
          const body = status === 204 || status === 205 || status < 200 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status: status < 200 ? 502 : status, headers: responseHeaders }));
        });
      },
    );
    req.on("error", fail);
    req.end();
  });
}
