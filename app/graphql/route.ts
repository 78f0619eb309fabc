// The W&B GraphQL endpoint (WIRE.md section 2 and 4): viewer, upsertBucket, upsertModel, project/model.
import { apiRoute } from "@/lib/server/route";
import { graphqlHttp } from "@/lib/wandb/graphql";

export const dynamic = "force-dynamic";

export const POST = apiRoute((req, { ctx, identity }) => graphqlHttp(req, { ctx, identity }));
