// The API key format of SPEC section 5: `<prefix>-<40 characters of [A-Za-z0-9]>`, where the 40
// are a 12-character public key ID part, a 22-character secret (~131 random bits) and a 6-character
// base62 CRC32 of everything before it. The checksum lets a malformed or mistyped key be refused
// before any database work, and the fixed shape lets secret scanners find leaked keys.
import { crc32 } from "node:zlib";
import { randomBase62 } from "@/lib/ids";

export const KEY_PREFIXES = { serviceAccount: "stw_sa", user: "stw_u" } as const;
export type KeyPrefix = (typeof KEY_PREFIXES)[keyof typeof KEY_PREFIXES];

const ID_LENGTH = 12;
const SECRET_LENGTH = 22;
const CHECKSUM_LENGTH = 6;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Secret scanners and log scrubbers can use this: the whole key, anchored nowhere. */
export const KEY_PATTERN = /\b(stw_sa|stw_u)-([A-Za-z0-9]{40})\b/;
const EXACT = /^(stw_sa|stw_u)-([A-Za-z0-9]{40})$/;

function base62(value: number, width: number): string {
  let out = "";
  let n = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** The base62 CRC32 that ends every key and access token (6 characters). */
export function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

export interface GeneratedKey {
  /** The plaintext: only ever in the creation response. */
  key: string;
  /** The public key ID, e.g. `stw_sa-AbCdEf123456`. */
  keyId: string;
}

export function generateKey(prefix: KeyPrefix): GeneratedKey {
  const body = `${prefix}-${randomBase62(ID_LENGTH)}${randomBase62(SECRET_LENGTH)}`;
  const key = body + checksum(body);
  return { key, keyId: keyIdOf(key) };
}

/** The key's key ID if it is well-formed with a valid checksum; otherwise null. Pure and cheap. */
export function parseKey(candidate: string): { keyId: string; prefix: KeyPrefix } | null {
  const m = EXACT.exec(candidate);
  if (!m) return null;
  const cut = candidate.length - CHECKSUM_LENGTH;
  if (checksum(candidate.slice(0, cut)) !== candidate.slice(cut)) return null;
  return { keyId: keyIdOf(candidate), prefix: m[1] as KeyPrefix };
}

function keyIdOf(key: string): string {
  const dash = key.indexOf("-");
  return key.slice(0, dash + 1 + ID_LENGTH);
}

/** Whether a string looks like a key ID (`stw_sa-` + 12), for CLI and API input checks. */
export function isKeyId(value: string): boolean {
  return /^(stw_sa|stw_u)-[A-Za-z0-9]{12}$/.test(value);
}
