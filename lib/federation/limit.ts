// The token endpoint's per-IP limit on refused exchanges, on the shared FailureLimiter (one budget
// per address for every credential check). Unlike API routes, an address over the limit is turned
// away before any work: each refused exchange may fetch a JWKS and writes an audit event.
import "server-only";
import { authFailureLimiter } from "@/lib/server/rate-limit";

const g = globalThis as unknown as { __stewardExchangeBlocks?: Map<string, number> };
g.__stewardExchangeBlocks ??= new Map();
const blockedUntil: Map<string, number> = g.__stewardExchangeBlocks;

/** Seconds the address must still wait before exchanging again, or null. */
export function exchangeBlocked(ip: string, now = Date.now()): number | null {
  const until = blockedUntil.get(ip);
  if (until === undefined) return null;
  if (until <= now) {
    blockedUntil.delete(ip);
    return null;
  }
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/** Counts a refused exchange; returns the seconds to wait when the address is now over the limit. */
export function exchangeFailed(ip: string, now = Date.now()): number | null {
  const retryAfter = authFailureLimiter.fail(ip);
  if (retryAfter !== null) {
    if (blockedUntil.size > 100_000) {
      for (const [key, until] of blockedUntil) if (until <= now) blockedUntil.delete(key);
    }
    blockedUntil.set(ip, now + retryAfter * 1000);
  }
  return retryAfter;
}
