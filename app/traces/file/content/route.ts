// Weave trace server: POST /traces/file/content (also served at /file/content); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { fileContent } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(fileContent);
