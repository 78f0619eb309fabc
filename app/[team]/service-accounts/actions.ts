"use server";

import { z } from "zod";
import { loadServiceAccountPage } from "@/components/service-accounts/load";
import type { CreatedServiceAccountResult } from "@/components/service-accounts/types";
import { action } from "@/lib/server/action";
import { createServiceAccount, serviceAccountNameSchema } from "@/lib/service-accounts/service";

const team = z.string().min(1);

/** One page of the team's Service Accounts tab (TanStack Query refetches through it). */
export const listTeamServiceAccountsAction = action(
  z.object({ team, q: z.string().max(200).default(""), page: z.number().int().min(1).default(1) }),
  (ctx, input) => loadServiceAccountPage(ctx, { scope: "team", team: input.team }, input.q, input.page),
);

export const createTeamServiceAccountAction = action(
  z.object({
    team,
    name: serviceAccountNameSchema,
    // "Federated identity" arrives with JWT issuers; until then the built-in method is the only one.
    authMethod: z.literal("api_key", { error: "Choose Generate API key (Built-in)." }).default("api_key"),
  }),
  async (ctx, input) => {
    const created = await createServiceAccount(ctx, {
      scope: "team",
      team: input.team,
      name: input.name,
      withKey: true,
    });
    const { serviceAccount: sa, key } = created;
    // The plaintext goes to the dialog that asked for it, once; the message never carries it.
    const data: CreatedServiceAccountResult = {
      serviceAccount: { name: sa.name, team: sa.teamName, scope: sa.scope },
      key: { key: key!.key, keyId: key!.keyId, name: key!.name },
    };
    return { ok: true, message: `Service account ${sa.name} created in ${sa.teamName}.`, data };
  },
);
