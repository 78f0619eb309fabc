// Weave trace server: GET /traces/health (also served at /health); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { health } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(health);
