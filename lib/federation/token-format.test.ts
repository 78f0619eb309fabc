import { describe, expect, it } from "vitest";
import { generateKey, parseKey } from "@/lib/api-keys/format";
import {
  ACCESS_TOKEN_PATTERN,
  generateAccessToken,
  hasValidChecksum,
  parseAccessToken,
} from "./token-format";

describe("access-token format", () => {
  it("is stw_at- plus 40 base62 characters with a CRC32 checksum, and names its token ID", () => {
    const { token, tokenId } = generateAccessToken();
    expect(token).toMatch(/^stw_at-[A-Za-z0-9]{40}$/);
    expect(tokenId).toBe(token.slice(0, "stw_at-".length + 12));
    expect(parseAccessToken(token)).toEqual({ tokenId });
    expect(ACCESS_TOKEN_PATTERN.test(`Authorization: Bearer ${token}`)).toBe(true);
  });

  it("passes both W&B client key checks (40+ after the first '-', exactly 40 after the last)", () => {
    const { token } = generateAccessToken();
    expect(token.slice(token.indexOf("-") + 1).length).toBeGreaterThanOrEqual(40);
    expect(token.slice(token.lastIndexOf("-") + 1)).toHaveLength(40);
  });

  it("refuses mistyped tokens and API keys", () => {
    const { token } = generateAccessToken();
    const flipped = token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");
    for (const bad of [flipped, token.slice(0, -1), `${token}x`, token.replace("stw_at", "stw_sa"), ""]) {
      expect(parseAccessToken(bad), bad).toBeNull();
    }
    expect(parseAccessToken(generateKey("stw_sa").key)).toBeNull();
    // and keys never parse as tokens' prefix family: an access token is not an API key
    expect(parseKey(token)).toBeNull();
  });

  it("uses the very checksum scheme of API keys", () => {
    for (let i = 0; i < 50; i++) expect(hasValidChecksum(generateKey("stw_u").key)).toBe(true);
  });
});
