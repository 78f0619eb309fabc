// The W&B GraphQL endpoint (WIRE.md section 2 and 4): viewer, upsertBucket, upsertModel, project/model.
import { readJsonBody } from "@/lib/server/body";
import { apiRoute } from "@/lib/server/route";
import { runGraphql } from "@/lib/wandb/graphql";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (req, { ctx, identity }) => {
  const body = await readJsonBody(req);
  const nonEmpty = (name: string) => req.headers.get(name)?.trim() || null;
  const { status, body: result } = await runGraphql(body as Record<string, unknown>, {
    ctx,
    identity,
    attribution: { username: nonEmpty("x-wandb-username"), email: nonEmpty("x-wandb-user-email") },
  });
  // Both clients require application/json, whatever the status.
  return Response.json(result, { status });
});
