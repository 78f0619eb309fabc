// Readiness for load balancers: the database answers and migrations are applied.
import { checkReadiness, DATABASE_RETRY_AFTER_SECONDS } from "@/lib/db/health";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const ready = await checkReadiness();
  return Response.json(ready, {
    status: ready.status === "ready" ? 200 : 503,
    headers: {
      "cache-control": "no-store",
      ...(ready.status === "ready" ? {} : { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) }),
    },
  });
});
