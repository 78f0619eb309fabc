// Weave trace server: POST /traces/call/start (also served at /call/start); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callStart } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callStart);
