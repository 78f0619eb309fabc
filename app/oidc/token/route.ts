// POST /oidc/token: the JWT bearer exchange (lib/federation/exchange.ts). Form-encoded in, OAuth
// JSON out (RFC 6749 section 5), never cached; refusals count against the client's per-IP limit,
// and an address over it is answered slow_down before any work (lib/federation/limit.ts).
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/errors";
import { exchangeToken, OAuthError } from "@/lib/federation/exchange";
import { exchangeBlocked, exchangeFailed } from "@/lib/federation/limit";
import { readBodyText } from "@/lib/server/body";
import { clientIp } from "@/lib/server/client-ip";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };
const MAX_FORM_BYTES = 64 * 1024;

async function readForm(req: Request): Promise<URLSearchParams> {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError(
      "invalid_request",
      "Send the request form-encoded (Content-Type: application/x-www-form-urlencoded).",
    );
  }
  try {
    return new URLSearchParams(await readBodyText(req, MAX_FORM_BYTES));
  } catch (err) {
    if (err instanceof ServiceError && err.status === 413) {
      throw new OAuthError("invalid_request", "The request body is larger than 64 KiB.", 413);
    }
    throw err;
  }
}

function slowDown(retryAfter: number) {
  return Response.json(
    {
      error: "slow_down",
      error_description: `Too many failed requests from this address: wait ${retryAfter} seconds and try again.`,
    },
    { status: 429, headers: { ...NO_STORE, "Retry-After": String(retryAfter) } },
  );
}

export const POST = route(async (req) => {
  const ip = clientIp(req.headers);
  const blocked = exchangeBlocked(ip ?? "unknown");
  if (blocked !== null) return slowDown(blocked);
  try {
    const params = await readForm(req);
    const tokens = await exchangeToken(await getDb(), params, {
      ip,
      userAgent: req.headers.get("user-agent"),
    });
    return Response.json(tokens, { headers: NO_STORE });
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    const retryAfter = exchangeFailed(ip ?? "unknown");
    if (retryAfter !== null) return slowDown(retryAfter);
    return Response.json(
      { error: err.code, error_description: err.message },
      { status: err.status, headers: NO_STORE },
    );
  }
});
