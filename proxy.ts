// Server-action posts that React's reply decoder cannot read (not JSON, not an array of arguments,
// or `$` references to parts that were never sent) make Next answer 500 before any of our code
// runs. A browser sends a JSON array of plain values (text/plain) or multipart form data: anything
// else is refused here with a 400 (issue 14, found by scripts/resilience fuzzing). Only requests
// carrying a `Next-Action` header pass through here; the APIs never do.
import { type NextRequest, NextResponse } from "next/server";

/** `$`-strings React resolves as plain values; any other `$` prefix points at a part of the body. */
const PLAIN_ENCODING = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|D|n)/;

function isPlainValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_ENCODING.test(value);
  if (Array.isArray(value)) return value.every((v) => isPlainValue(v, depth + 1));
  if (value && typeof value === "object")
    return Object.values(value).every((v) => isPlainValue(v, depth + 1));
  return true;
}

export async function proxy(req: NextRequest) {
  if (req.method !== "POST" || req.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return NextResponse.next();
  }
  let args: unknown;
  try {
    args = JSON.parse(await req.clone().text());
  } catch {
    args = null;
  }
  if (!Array.isArray(args) || !isPlainValue(args)) {
    return Response.json({ error: "The request is not a valid server action call." }, { status: 400 });
  }
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/((?!_next/).*)", has: [{ type: "header", key: "next-action" }] }],
};
