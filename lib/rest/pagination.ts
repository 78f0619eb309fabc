// Keyset pagination for the REST lists. A cursor is opaque to clients: it names its list and carries
// the sort key of the last item served (e.g. the name and id of a service account), and the next page
// is what sorts after that key, a condition the list service puts in its SQL. So an item inserted or
// removed between two fetches neither repeats nor hides another, and page N costs what page 1 costs.
import { z } from "zod";
import { RestProblem } from "./problem";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`How many items to return (1-${MAX_PAGE_SIZE}).`),
  cursor: z
    .string()
    .max(400)
    .optional()
    .describe("The `nextCursor` of the previous page; omit for the first page."),
});

/**
 * One list's cursors: `list` tells its cursors from another list's (a teams cursor is refused by the
 * projects list), `key` validates the decoded sort key.
 */
export interface Keyset<K> {
  list: string;
  key: z.ZodType<K>;
}

export function keyset<K>(list: string, key: z.ZodType<K>): Keyset<K> {
  return { list, key };
}

/** The sort key `(name, id)` of the lists ordered by name. */
export const byNameKey = z.tuple([z.string().min(1).max(200), z.string().min(1).max(100)]);

export function encodeCursor<K>(keys: Keyset<K>, key: K): string {
  return Buffer.from(JSON.stringify({ l: keys.list, k: key })).toString("base64url");
}

/** The sort key in `cursor`, or null for the first page; a cursor this list did not issue is a 400. */
export function decodeCursor<K>(keys: Keyset<K>, cursor: string | undefined): K | null {
  if (cursor === undefined || cursor === "") return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      l?: unknown;
      k?: unknown;
    };
    if (decoded?.l === keys.list) {
      const key = keys.key.safeParse(decoded.k);
      if (key.success) return key.data;
    }
  } catch {
    // fall through to the refusal
  }
  throw new RestProblem(
    "validation-failed",
    "The cursor is not one this API issued: start from the first page.",
    {
      cursor: ["Pass the nextCursor of a previous page of this list, or omit it."],
    },
  );
}

/**
 * A page out of a fetch of up to `limit + 1` items after the cursor: the extra item says there is
 * more, and the next cursor is the sort key of the last item shown.
 */
export function keysetPage<T, K, D>(
  fetched: T[],
  limit: number,
  keys: Keyset<K>,
  keyOf: (item: T) => K,
  toDto: (item: T) => D,
) {
  const shown = fetched.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toDto),
    nextCursor: fetched.length > limit && last ? encodeCursor(keys, keyOf(last)) : null,
  };
}
