// Weave trace server: POST /traces/table/query (also served at /table/query); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { tableQuery } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(tableQuery);
