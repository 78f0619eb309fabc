// Weave trace server: POST /traces/call/read (also served at /call/read); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callRead } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callRead);
