// Weave trace server: POST /traces/refs/read_batch (also served at /refs/read_batch); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { refsReadBatch } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(refsReadBatch);
