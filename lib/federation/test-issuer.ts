// For tests (vitest and e2e): a tiny OpenID issuer on loopback that serves discovery and a JWKS and
// signs JWTs with jose. Not imported by the app.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from "jose";

export interface TestIssuer {
  /** The issuer URL (`iss`), e.g. http://127.0.0.1:41234 or with a path. */
  url: string;
  jwksUri: string;
  kid: string;
  /** The PEM of the public key (for the "HS256 keyed with the public key" attack). */
  publicPem: string;
  /** Requests served, by path. */
  hits: Map<string, number>;
  /** Signs claims (iss/sub/aud/iat/exp/jti filled in unless given; `undefined` removes one). */
  sign(claims?: JWTPayload, options?: { kid?: string; key?: CryptoKey; alg?: string }): Promise<string>;
  /** A second key pair, not in the JWKS. */
  foreignKey: CryptoKey;
  /** Replaces what the JWKS serves (e.g. to add the foreign key, as after a rotation). */
  publish(keys: JWK[]): void;
  publicJwk: JWK;
  foreignJwk: JWK;
  close(): Promise<void>;
}

export interface TestIssuerOptions {
  /** Serve discovery only at /.well-known/oidc-configuration (the fallback). */
  oidcConfigurationOnly?: boolean;
  /** A path under the origin, e.g. "/tenant-a" (the issuer is then origin + path). */
  path?: string;
  /** What discovery says the issuer is (default: the real URL). */
  claimedIssuer?: string;
  defaultAudience?: string;
  defaultSubject?: string;
}

const now = () => Math.floor(Date.now() / 1000);

export async function startTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const kid = `test-${Math.random().toString(36).slice(2, 8)}`;
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const foreignJwk: JWK = {
    ...(await exportJWK(foreign.publicKey)),
    kid: `${kid}-next`,
    alg: "RS256",
    use: "sig",
  };
  const publicPem = await exportSPKI(publicKey);
  let published: JWK[] = [publicJwk];
  const hits = new Map<string, number>();
  const path = options.path ?? "";
  let url = "";

  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const discoveryPath = options.oidcConfigurationOnly
      ? "/.well-known/oidc-configuration"
      : "/.well-known/openid-configuration";
    if (pathname === `${path}${discoveryPath}`) {
      return json(200, {
        issuer: options.claimedIssuer ?? url,
        jwks_uri: `${url}/jwks`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (pathname === `${path}/jwks`) return json(200, { keys: published });
    json(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  return {
    url,
    jwksUri: `${url}/jwks`,
    kid,
    publicPem,
    hits,
    foreignKey: foreign.privateKey,
    publicJwk,
    foreignJwk,
    publish: (keys) => {
      published = keys;
    },
    async sign(claims = {}, opts = {}) {
      const t = now();
      const full: JWTPayload = {
        iss: url,
        sub: options.defaultSubject ?? "repo:acme/app:ref:refs/heads/main",
        aud: options.defaultAudience ?? "acme",
        iat: t,
        exp: t + 300,
        jti: `jti-${Math.random().toString(36).slice(2)}`,
        ...claims,
      };
      for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
      return new SignJWT(full)
        .setProtectedHeader({ alg: opts.alg ?? "RS256", kid: opts.kid ?? kid, typ: "JWT" })
        .sign(opts.key ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An unsigned JWT (alg none), which jose refuses to produce. */
export function unsignedJwt(claims: JWTPayload): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}
