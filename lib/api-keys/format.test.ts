import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateKey, isKeyId, KEY_PATTERN, parseKey } from "./format";

describe("API key format", () => {
  it("has a prefix, a dash and 40 alphanumerics, and its key ID is the prefix plus 12", () => {
    const { key, keyId } = generateKey("stw_sa");
    expect(key).toMatch(/^stw_sa-[A-Za-z0-9]{40}$/);
    expect(keyId).toBe(key.slice(0, "stw_sa-".length + 12));
    expect(isKeyId(keyId)).toBe(true);
    expect(parseKey(key)).toEqual({ keyId, prefix: "stw_sa" });
    expect(generateKey("stw_u").key).toMatch(/^stw_u-[A-Za-z0-9]{40}$/);
  });

  it("passes both W&B client checks (40+ after the first '-', exactly 40 after the last)", () => {
    const { key } = generateKey("stw_sa");
    expect(key.slice(key.indexOf("-") + 1).length).toBeGreaterThanOrEqual(40);
    expect(key.slice(key.lastIndexOf("-") + 1)).toHaveLength(40);
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateKey("stw_u").key));
    expect(keys.size).toBe(2000);
  });

  it("refuses every one-character change of a valid key", () => {
    const { key } = generateKey("stw_sa");
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let variants = 0;
    for (let i = 0; i < key.length; i++) {
      for (const c of alphabet) {
        if (c === key[i]) continue;
        variants++;
        expect(parseKey(key.slice(0, i) + c + key.slice(i + 1)), `position ${i} -> ${c}`).toBeNull();
      }
    }
    expect(variants).toBe(key.length * (alphabet.length - 1)); // every position, every other character
  });

  it("refuses truncated, extended and foreign strings", () => {
    const { key } = generateKey("stw_u");
    for (const bad of [
      key.slice(0, -1),
      `${key}a`,
      ` ${key}`,
      key.toLowerCase(),
      "",
      "stw_u-",
      "api-key",
      key.replace("stw_u", "stw_x"),
    ]) {
      expect(parseKey(bad)).toBeNull();
    }
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        (s) => parseKey(s) === null || s.length === 46 || s.length === 47,
      ),
    );
  });

  it("is found in text by the scanner pattern", () => {
    const { key } = generateKey("stw_sa");
    expect(KEY_PATTERN.exec(`WANDB_API_KEY=${key}\n`)?.[0]).toBe(key);
  });
});
