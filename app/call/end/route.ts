// Weave trace server: POST /call/end (also served at /traces/call/end); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callEnd } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callEnd);
