"use server";

import { z } from "zod";
import { loadKeyPage } from "@/components/api-keys/load";
import { revokedMessage } from "@/components/api-keys/types";
import { loadServiceAccountPage } from "@/components/service-accounts/load";
import type { FederatedCreatedResult } from "@/components/service-accounts/new-service-account-dialog";
import type { CreatedServiceAccountResult } from "@/components/service-accounts/types";
import { revokeApiKeys } from "@/lib/api-keys/service";
import { authorize } from "@/lib/context";
import { subjectWarnings } from "@/lib/federation/bindings";
import { type ActionState, action } from "@/lib/server/action";
import { createServiceAccount, serviceAccountNameSchema } from "@/lib/service-accounts/service";
import { getTeam, teamResource } from "@/lib/teams/service";

const team = z.string().min(1);
/** Stored exactly as given (no trim): the JWT's sub must match it character for character. */
const subject = z
  .string({ error: "Enter the subject." })
  .max(1024, "The subject must be at most 1024 characters.")
  .refine((s) => s.trim().length > 0, "Enter the subject: the sub claim of the workload's JWTs.");

/** One page of the team's Service Accounts tab (TanStack Query refetches through it). */
export const listTeamServiceAccountsAction = action(
  z.object({ team, q: z.string().max(200).default(""), page: z.number().int().min(1).default(1) }),
  (ctx, input) => loadServiceAccountPage(ctx, { scope: "team", team: input.team }, input.q, input.page),
);

/** Built-in (an API key) unless the form says otherwise: scripts posting only a name keep working. */
const newTeamServiceAccount = z.preprocess(
  (raw) =>
    raw && typeof raw === "object" && !("authMethod" in raw) ? { ...raw, authMethod: "api_key" } : raw,
  z.discriminatedUnion(
    "authMethod",
    [
      z.object({ team, name: serviceAccountNameSchema, authMethod: z.literal("api_key") }),
      z.object({
        team,
        name: serviceAccountNameSchema,
        authMethod: z.literal("federated"),
        issuer: z.string({ error: "Choose the JWT issuer." }).min(1, "Choose the JWT issuer."),
        subject,
      }),
    ],
    { error: "Choose an authentication method." },
  ),
);

export const createTeamServiceAccountAction = action(
  newTeamServiceAccount,
  async (ctx, input): Promise<ActionState<CreatedServiceAccountResult | FederatedCreatedResult>> => {
    if (input.authMethod === "federated") {
      // A federated account owns no keys: its workloads exchange their JWTs at /oidc/token.
      const { serviceAccount: sa } = await createServiceAccount(ctx, {
        scope: "team",
        team: input.team,
        name: input.name,
        federated: { issuerUrl: input.issuer, subject: input.subject },
      });
      const data: FederatedCreatedResult = {
        serviceAccount: { name: sa.name, team: sa.teamName, scope: sa.scope },
        federation: {
          issuer: input.issuer,
          subject: input.subject,
          warnings: subjectWarnings(input.subject),
        },
      };
      return { ok: true, message: `Federated service account ${sa.name} created in ${sa.teamName}.`, data };
    }
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

/**
 * What to double-check in a subject while it is typed (surrounding whitespace, an email address).
 * Asked by whoever may create the team's service accounts, the only ones who type subjects.
 */
export const subjectWarningsAction = action(
  z.object({ team, subject: z.string().max(1024) }),
  async (ctx, input) => {
    authorize(ctx.actor, "service_account.create_team_scoped", teamResource(await getTeam(ctx, input.team)));
    return subjectWarnings(input.subject);
  },
);

/** One page of the keys of the team's service accounts (the keys section of its tab). */
export const listTeamApiKeysAction = action(
  z.object({
    team,
    q: z.string().max(200).default(""),
    status: z.string().max(20).default("all"),
    after: z.string().max(64).nullable().default(null),
  }),
  (ctx, input) => loadKeyPage(ctx, { scope: "team", team: input.team }, input),
);

/** Revokes the selected keys (one or several): each is authorized like a single revocation. */
export const revokeTeamApiKeysAction = action(
  z.object({ team, keyIds: z.array(z.string().max(64)).min(1, "Select at least one key.").max(500) }),
  async (ctx, input) => {
    const { revoked } = await revokeApiKeys(ctx, input.keyIds);
    return {
      ok: true,
      message: revokedMessage(revoked, input.keyIds.length),
      data: { revoked },
    };
  },
);
