// The client's IP address. Behind a load balancer (TRUST_PROXY=true) it is the first address of
// X-Forwarded-For; otherwise the TCP peer, which Next does not expose to route handlers, so boot
// stamps it on each request (overwriting anything a client sent under that name).
import "server-only";
import http from "node:http";

export const PEER_HEADER = "x-steward-peer";

let installed = false;

/** Installed once at boot: every incoming request gets its socket's address in PEER_HEADER. */
export function installPeerAddressHeader(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit as (
    this: http.Server,
    event: string,
    ...args: unknown[]
  ) => boolean;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}

export function clientIp(headers: Headers): string | null {
  if (process.env.TRUST_PROXY === "true") {
    const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (first) return normalize(first);
  }
  const peer = headers.get(PEER_HEADER);
  return peer ? normalize(peer) : null;
}

function normalize(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}
