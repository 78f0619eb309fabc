// Weave trace server: POST /table/create (also served at /traces/table/create); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { tableCreate } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(tableCreate);
