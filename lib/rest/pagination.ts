// Cursor pagination for the REST lists. A cursor is opaque to clients: it encodes the position after
// the last item served. The services list in a stable order (name, id / newest first), so a position
// is enough; a list changing between two pages may shift an item by one, never break the walk.
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
    .max(200)
    .optional()
    .describe("The `nextCursor` of the previous page; omit for the first page."),
});

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { o?: unknown };
    if (typeof o === "number" && Number.isSafeInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the refusal
  }
  throw new RestProblem(
    "validation-failed",
    "The cursor is not one this API issued: start from the first page.",
    {
      cursor: ["Pass the nextCursor of a previous page, or omit it."],
    },
  );
}

/** A page out of a fetch of `limit + 1` items starting at `offset`: the extra item says there is more. */
export function pageFrom<T>(fetched: T[], offset: number, limit: number) {
  const more = fetched.length > limit;
  return { items: fetched.slice(0, limit), nextCursor: more ? encodeCursor(offset + limit) : null };
}

/** A page of a list the service returns whole. */
export function slicePage<T>(all: T[], query: { limit: number; cursor?: string }) {
  const offset = decodeCursor(query.cursor);
  return pageFrom(all.slice(offset, offset + query.limit + 1), offset, query.limit);
}
