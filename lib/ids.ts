// Readable, prefixed random ids (`org_4f9K...`): the prefix says what an id points at in logs.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` characters of base62 from a CSPRNG (rejection sampling keeps it unbiased). */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62]; // 248 = 4 * 62: drop the biased tail
      if (out.length === length) break;
    }
  }
  return out;
}

export type IdPrefix = "org" | "usr" | "team" | "proj" | "sa" | "key" | "run";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(16)}`;
}
