// Weave trace server: GET /server_info (also served at /traces/server_info); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { serverInfo } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(serverInfo);
