// Weave trace server: POST /obj/create (also served at /traces/obj/create); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { objCreate } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(objCreate);
