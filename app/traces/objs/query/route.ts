// Weave trace server: POST /traces/objs/query (also served at /objs/query); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { objsQuery } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(objsQuery);
