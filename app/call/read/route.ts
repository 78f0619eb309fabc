// Weave trace server: POST /call/read (also served at /traces/call/read); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callRead } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callRead);
