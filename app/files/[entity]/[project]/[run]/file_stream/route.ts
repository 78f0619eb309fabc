// W&B run file_stream (WIRE.md 2.2): history rows by offset, summary, and completion.
import { appendFileStream, type FileStreamBody } from "@/lib/runs/service";
import { readJsonBody } from "@/lib/server/body";
import { apiRoute, jsonError } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ entity: string; project: string; run: string }>(
  async (req, { ctx, params }) => {
    const body = await readJsonBody(req);
    if (!body || typeof body !== "object" || Array.isArray(body))
      return jsonError(400, "Send a JSON object.");
    const result = await appendFileStream(ctx, params, body as FileStreamBody);
    return Response.json(result);
  },
);
