// Weave trace server: POST /traces/call/update (also served at /call/update); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callUpdate } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callUpdate);
