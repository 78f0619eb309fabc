// How a key is stored: SHA-256, or HMAC-SHA-256 keyed with KEY_PEPPER when set (then a stolen
// database alone cannot even confirm a guessed key). Hex, under a unique index.
import "server-only";
import { createHmac, hash } from "node:crypto";

export function hashKey(key: string): string {
  const pepper = process.env.KEY_PEPPER;
  // The one-shot hash builds no Hash object: this runs on every API request.
  return pepper ? createHmac("sha256", pepper).update(key).digest("hex") : hash("sha256", key, "hex");
}
