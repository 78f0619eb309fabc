"use server";

import { z } from "zod";
import { loadServiceAccountPage } from "@/components/service-accounts/load";
import type { CreatedServiceAccountResult } from "@/components/service-accounts/types";
import { action } from "@/lib/server/action";
import { createServiceAccount, serviceAccountNameSchema } from "@/lib/service-accounts/service";

const org = z.string().min(1);

/** One page of the org's Service Accounts tab (TanStack Query refetches through it). */
export const listOrgServiceAccountsAction = action(
  z.object({ org, q: z.string().max(200).default(""), page: z.number().int().min(1).default(1) }),
  (ctx, input) => loadServiceAccountPage(ctx, { scope: "org", org: input.org }, input.q, input.page),
);

export const createOrgServiceAccountAction = action(
  z.object({
    org,
    name: serviceAccountNameSchema,
    defaultTeam: z.string().trim().min(1, "Choose the default team."),
  }),
  async (ctx, input) => {
    const created = await createServiceAccount(ctx, {
      scope: "org",
      org: input.org,
      defaultTeam: input.defaultTeam,
      name: input.name,
      withKey: true,
    });
    const { serviceAccount: sa, key } = created;
    // The plaintext goes to the dialog that asked for it, once; the message never carries it.
    const data: CreatedServiceAccountResult = {
      serviceAccount: { name: sa.name, team: sa.teamName, scope: sa.scope },
      key: { key: key!.key, keyId: key!.keyId, name: key!.name },
    };
    return {
      ok: true,
      message: `Service account ${sa.name} created, with default team ${sa.teamName}.`,
      data,
    };
  },
);
