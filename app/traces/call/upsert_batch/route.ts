// Weave trace server: POST /traces/call/upsert_batch (also served at /call/upsert_batch); the handler is in lib/traces/http.ts.
import { apiRoute } from "@/lib/server/route";
import { callUpsertBatch } from "@/lib/traces/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute(callUpsertBatch);
