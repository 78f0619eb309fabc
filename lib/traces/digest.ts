// Content digests exactly as the weave client computes them (weave/dist/digest.js): sha256, base64url
// with '-' -> 'X' and '_' -> 'Y', no padding. Objects and table rows hash their canonical JSON (Python
// json.dumps(sort_keys=True) layout), so a value sent twice, in any key order, has one digest.
import { createHash } from "node:crypto";

export function computeDigest(data: Uint8Array | string): string {
  return createHash("sha256")
    .update(typeof data === "string" ? Buffer.from(data, "utf8") : data)
    .digest("base64url")
    .replace(/-/g, "X")
    .replace(/_/g, "Y")
    .replace(/=/g, "");
}

/**
 * weave's stringifyPythonDumps: keys sorted, ", " and ": " separators, strings as JSON.stringify.
 * Works on parsed JSON (no undefined, functions or cycles can occur).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(", ")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const pairs = Object.keys(obj)
      .sort()
      .map((key) => `${JSON.stringify(key)}: ${canonicalJson(obj[key])}`);
    return `{${pairs.join(", ")}}`;
  }
  throw new TypeError(`Cannot digest a ${typeof value}.`);
}

/** Digest of a JSON value (objects, table rows): the client's valDigest. */
export function valDigest(value: unknown): string {
  return computeDigest(canonicalJson(value));
}

/**
 * Digest of a table: its ordered row digests hashed in sequence (the input weave's server hashes),
 * encoded like every other digest. The same rows in the same order give the same table.
 */
export function tableDigest(rowDigests: readonly string[]): string {
  const hash = createHash("sha256");
  for (const digest of rowDigests) hash.update(digest, "utf8");
  return hash.digest("base64url").replace(/-/g, "X").replace(/_/g, "Y").replace(/=/g, "");
}
