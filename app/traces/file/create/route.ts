// Weave trace server: POST /traces/file/create (also served at /file/create); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { fileCreate } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(fileCreate);
