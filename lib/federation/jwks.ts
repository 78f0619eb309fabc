// Remote JWKS for the exchange, one resolver per jwks_uri per process: keys are cached for 10
// minutes, and a JWT with an unknown `kid` refetches at most once per 30 s (jose's cooldown), all
// through the guarded fetch.
import "server-only";
import { createRemoteJWKSet, customFetch, type RemoteJWKSet } from "jose";
import { guardedFetch } from "./guarded-fetch";

const MAX_SETS = 1_000;

const g = globalThis as unknown as { __stewardJwks?: Map<string, RemoteJWKSet> };
g.__stewardJwks ??= new Map();
const sets: Map<string, RemoteJWKSet> = g.__stewardJwks;

export function remoteJwks(jwksUri: string): RemoteJWKSet {
  let set = sets.get(jwksUri);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUri), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      [customFetch]: (url, options) =>
        guardedFetch(url, { headers: options.headers, signal: options.signal }),
    });
    if (sets.size >= MAX_SETS) sets.delete(sets.keys().next().value!);
    sets.set(jwksUri, set);
  }
  return set;
}

/** Tests: forget every cached key set. */
export function clearJwksCache(): void {
  sets.clear();
}
