"use server";

import { z } from "zod";
import { loadKeyPage } from "@/components/api-keys/load";
import { revokedMessage } from "@/components/api-keys/types";
import { revokeApiKeys } from "@/lib/api-keys/service";
import { action } from "@/lib/server/action";

const org = z.string().min(1);
const keyIds = z.array(z.string().max(64)).min(1, "Select at least one key.").max(500);

/** One page of the org's API keys tab (TanStack Query refetches through it). */
export const listOrgApiKeysAction = action(
  z.object({
    org,
    q: z.string().max(200).default(""),
    status: z.string().max(20).default("all"),
    after: z.string().max(64).nullable().default(null),
  }),
  (ctx, input) => loadKeyPage(ctx, { scope: "org", org: input.org }, input),
);

/** Revokes the selected keys (one or several): each is authorized like a single revocation. */
export const revokeOrgApiKeysAction = action(z.object({ org, keyIds }), async (ctx, input) => {
  const { revoked } = await revokeApiKeys(ctx, input.keyIds);
  return { ok: true, message: revokedMessage(revoked, input.keyIds.length), data: { revoked } };
});
