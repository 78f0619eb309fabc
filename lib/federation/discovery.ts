// OpenID discovery of a JWT issuer: `<issuer>/.well-known/openid-configuration`, falling back to
// `/.well-known/oidc-configuration`; the document must name the issuer exactly, and its `jwks_uri`
// must serve at least one public signing key. Everything goes through the guarded fetch.
import "server-only";
import type { DiscoveredKey } from "@/lib/db/schema";
import { GuardedFetchError, guardedFetch } from "./guarded-fetch";

export const DISCOVERY_PATHS = ["/.well-known/openid-configuration", "/.well-known/oidc-configuration"];

/** The asymmetric key types a JWT signature can be checked with. */
const SIGNING_KEY_TYPES = new Set(["RSA", "EC", "OKP"]);

export interface Discovery {
  discoveryUrl: string;
  jwksUri: string;
  keys: DiscoveredKey[];
}

/** A discovery failure, in a sentence for the admin who typed the URL. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiscoveryError";
  }
}

async function fetchJson(url: string): Promise<{ ok: true; json: unknown } | { ok: false; problem: string }> {
  const res = await guardedFetch(url);
  if (res.status !== 200) return { ok: false, problem: `${url} answered HTTP ${res.status}` };
  try {
    return { ok: true, json: await res.json() };
  } catch {
    return { ok: false, problem: `${url} did not answer JSON` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export async function discoverIssuer(issuerUrl: string): Promise<Discovery> {
  try {
    const base = issuerUrl.replace(/\/+$/, "");
    const problems: string[] = [];
    let found: { url: string; document: Record<string, unknown> } | null = null;
    for (const path of DISCOVERY_PATHS) {
      const url = base + path;
      const answer = await fetchJson(url);
      if (answer.ok && isObject(answer.json)) {
        found = { url, document: answer.json };
        break;
      }
      problems.push(answer.ok ? `${url} did not answer a JSON object` : answer.problem);
    }
    if (!found) {
      throw new DiscoveryError(`No OpenID discovery document found: ${problems.join("; ")}.`);
    }
    const { issuer, jwks_uri: jwksUri } = found.document;
    if (issuer !== issuerUrl) {
      throw new DiscoveryError(
        typeof issuer === "string"
          ? `The discovery document names the issuer ${issuer}, not ${issuerUrl}: register exactly ${issuer} (its JWTs carry that iss).`
          : `The discovery document at ${found.url} names no issuer.`,
      );
    }
    if (typeof jwksUri !== "string" || !jwksUri) {
      throw new DiscoveryError(`The discovery document at ${found.url} has no jwks_uri.`);
    }
    const jwks = await fetchJson(jwksUri);
    if (!jwks.ok) throw new DiscoveryError(`Could not read the JWKS: ${jwks.problem}.`);
    const rawKeys = isObject(jwks.json) && Array.isArray(jwks.json.keys) ? jwks.json.keys : null;
    if (!rawKeys) throw new DiscoveryError(`${jwksUri} is not a JWKS (a JSON object with "keys").`);
    const keys: DiscoveredKey[] = rawKeys
      .filter(isObject)
      .filter((k) => typeof k.kty === "string" && SIGNING_KEY_TYPES.has(k.kty) && k.use !== "enc")
      .filter((k) => !("d" in k)) // a private key published by mistake is not a verification key
      .map((k) => ({
        kid: typeof k.kid === "string" ? k.kid : null,
        kty: k.kty as string,
        alg: typeof k.alg === "string" ? k.alg : null,
      }));
    if (!keys.length) {
      throw new DiscoveryError(`${jwksUri} holds no public signing key (RSA, EC or OKP).`);
    }
    return { discoveryUrl: found.url, jwksUri, keys };
  } catch (err) {
    if (err instanceof GuardedFetchError) throw new DiscoveryError(err.message);
    throw err;
  }
}
