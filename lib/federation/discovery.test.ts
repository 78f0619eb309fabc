import { afterEach, describe, expect, it, vi } from "vitest";
import { DiscoveryError, discoverIssuer } from "./discovery";
import { startTestIssuer } from "./test-issuer";

afterEach(() => vi.unstubAllEnvs());

describe("discovering an issuer", () => {
  it("reads openid-configuration, then its JWKS's key IDs", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    const idp = await startTestIssuer({ path: "/tenant-a" });
    try {
      expect(await discoverIssuer(idp.url)).toEqual({
        discoveryUrl: `${idp.url}/.well-known/openid-configuration`,
        jwksUri: idp.jwksUri,
        keys: [{ kid: idp.kid, kty: "RSA", alg: "RS256" }],
      });
    } finally {
      await idp.close();
    }
  });

  it("falls back to oidc-configuration", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    const idp = await startTestIssuer({ oidcConfigurationOnly: true });
    try {
      const found = await discoverIssuer(idp.url);
      expect(found.discoveryUrl).toBe(`${idp.url}/.well-known/oidc-configuration`);
      expect(idp.hits.get("/.well-known/openid-configuration")).toBe(1);
    } finally {
      await idp.close();
    }
  });

  it("refuses a document naming another issuer, and a JWKS without signing keys", async () => {
    vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
    const idp = await startTestIssuer({ claimedIssuer: "https://elsewhere.example.com" });
    try {
      await expect(discoverIssuer(idp.url)).rejects.toThrow(
        /names the issuer https:\/\/elsewhere.example.com/,
      );
    } finally {
      await idp.close();
    }
    const empty = await startTestIssuer();
    try {
      empty.publish([{ kty: "oct", k: "c2VjcmV0", kid: "hmac" }]);
      await expect(discoverIssuer(empty.url)).rejects.toThrow(/no public signing key/);
      await expect(discoverIssuer(`${empty.url}/nothing-here`)).rejects.toThrow(DiscoveryError);
    } finally {
      await empty.close();
    }
  });

  it("refuses loopback issuers without ALLOW_INSECURE_ISSUERS", async () => {
    const idp = await startTestIssuer();
    try {
      await expect(discoverIssuer(idp.url)).rejects.toThrow(/https/);
    } finally {
      await idp.close();
    }
  });
});
