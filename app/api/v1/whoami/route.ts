// Who a key authenticates as: for engineers checking a key they just stored.
import { apiRoute, jsonError, UNAUTHENTICATED } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_req, { identity }) => {
  if (!identity)
    return jsonError(401, UNAUTHENTICATED, undefined, { "WWW-Authenticate": 'Basic realm="steward"' });
  const { principal } = identity;
  return Response.json(
    {
      kind: principal.kind,
      name: identity.name,
      org: identity.org,
      entity: identity.entity,
      keyId: identity.keyId,
      ...(principal.kind === "service_account" ? { scope: principal.scope } : {}),
    },
    { headers: { "cache-control": "no-store" } },
  );
});
