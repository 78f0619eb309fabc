// Liveness for load balancers: the process answers. Never touches the database.
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async () =>
  Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }),
);
