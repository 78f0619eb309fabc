// Weave trace server: POST /calls/query_stats (also served at /traces/calls/query_stats); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callsQueryStats } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callsQueryStats);
