// Weave trace server: POST /file/create (also served at /traces/file/create); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { fileCreate } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(fileCreate);
