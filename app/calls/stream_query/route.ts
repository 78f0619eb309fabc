// Weave trace server: POST /calls/stream_query (also served at /traces/calls/stream_query); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callsStreamQuery } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callsStreamQuery);
