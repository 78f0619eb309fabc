// Weave trace server: POST /obj/read (also served at /traces/obj/read); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { objRead } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(objRead);
