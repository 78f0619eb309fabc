// Weave trace server: GET /traces/server_info (also served at /server_info); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { serverInfo } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(serverInfo);
