// The access-token format: `stw_at-` + 40 base62 characters, the same shape as API keys
// (lib/api-keys/format.ts): a 12-character public ID part, a 22-character secret (~131 random bits)
// and a 6-character base62 CRC32 of everything before it, so a mistyped or forged token is refused
// before any database work and secret scanners can match it.
import { checksum } from "@/lib/api-keys/format";
import { randomBase62 } from "@/lib/ids";

export const ACCESS_TOKEN_PREFIX = "stw_at";

const ID_LENGTH = 12;
const SECRET_LENGTH = 22;
const CHECKSUM_LENGTH = 6;

/** Secret scanners and log scrubbers can use this. */
export const ACCESS_TOKEN_PATTERN = /\bstw_at-[A-Za-z0-9]{40}\b/;
const EXACT = /^stw_at-[A-Za-z0-9]{40}$/;

/** Whether the last 6 characters are the base62 CRC32 of the rest (the key and token scheme). */
export function hasValidChecksum(candidate: string): boolean {
  const cut = candidate.length - CHECKSUM_LENGTH;
  return cut > 0 && checksum(candidate.slice(0, cut)) === candidate.slice(cut);
}

export interface GeneratedToken {
  /** The plaintext: only ever in the exchange's response. */
  token: string;
  /** The public token ID, e.g. `stw_at-AbCdEf123456`. */
  tokenId: string;
}

export function generateAccessToken(): GeneratedToken {
  const body = `${ACCESS_TOKEN_PREFIX}-${randomBase62(ID_LENGTH)}${randomBase62(SECRET_LENGTH)}`;
  const token = body + checksum(body);
  return { token, tokenId: token.slice(0, ACCESS_TOKEN_PREFIX.length + 1 + ID_LENGTH) };
}

/** The token's ID if it is a well-formed access token with a valid checksum; otherwise null. */
export function parseAccessToken(candidate: string): { tokenId: string } | null {
  if (!EXACT.test(candidate) || !hasValidChecksum(candidate)) return null;
  return { tokenId: candidate.slice(0, ACCESS_TOKEN_PREFIX.length + 1 + ID_LENGTH) };
}
