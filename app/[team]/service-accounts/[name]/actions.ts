"use server";

// The service account page's actions: thin wrappers over lib/service-accounts/service.ts, which
// authorizes every one of them (service_account.manage) whatever the page showed.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { serviceAccountPath } from "@/components/service-account-page/types";
import { ROTATION_OVERLAPS, type RotationOverlap } from "@/lib/api-keys/service";
import { Invalid } from "@/lib/errors";
import { action } from "@/lib/server/action";
import {
  createServiceAccountKey,
  deleteServiceAccount,
  getServiceAccount,
  revokeServiceAccountKey,
  rotateServiceAccountKey,
  setServiceAccountStatus,
  updateServiceAccount,
} from "@/lib/service-accounts/service";

/** Which account: its team (default or parent) and its current name. */
const account = { team: z.string().min(1).max(64), serviceAccount: z.string().min(1).max(64) };
const keyId = z.string().min(1).max(200);

function refresh(team: string, name: string) {
  revalidatePath(serviceAccountPath(team, name), "layout");
}

export const updateServiceAccountAction = action(
  z.object({ ...account, name: z.string(), description: z.string().default("") }),
  async (ctx, input) => {
    const sa = await updateServiceAccount(ctx, input.team, input.serviceAccount, {
      name: input.name,
      description: input.description,
    });
    if (sa.name !== input.serviceAccount) {
      // The page's address is its name: go to the new one (the old one is now a 404).
      revalidatePath(`/${encodeURIComponent(sa.teamName)}/service-accounts`);
      redirect(serviceAccountPath(sa.teamName, sa.name));
    }
    refresh(sa.teamName, sa.name);
    return { ok: true, message: "Details saved." };
  },
);

export const createServiceAccountKeyAction = action(
  z.object({
    ...account,
    name: z.string(),
    expiry: z.string().default("never"),
    expiresOn: z.string().optional(),
  }),
  async (ctx, input) => {
    const created = await createServiceAccountKey(ctx, input.team, input.serviceAccount, input);
    refresh(input.team, input.serviceAccount);
    // The plaintext goes to the dialog that asked for it, once; the message never carries it.
    return {
      ok: true,
      message: `API key “${created.name}” created.`,
      data: {
        key: created.key,
        keyId: created.keyId,
        name: created.name,
        expiresAt: created.expiresAt?.toISOString() ?? null,
      },
    };
  },
);

export const revokeServiceAccountKeyAction = action(z.object({ ...account, keyId }), async (ctx, input) => {
  const revoked = await revokeServiceAccountKey(ctx, input.team, input.serviceAccount, input.keyId);
  refresh(input.team, input.serviceAccount);
  return { ok: true, message: `API key “${revoked.name}” revoked: it stops working on the next request.` };
});

const overlaps = Object.keys(ROTATION_OVERLAPS) as [RotationOverlap, ...RotationOverlap[]];

export const rotateServiceAccountKeyAction = action(
  z.object({
    ...account,
    keyId,
    overlap: z.enum(overlaps, { error: "Choose when the old key stops working." }),
  }),
  async (ctx, input) => {
    const { created, old } = await rotateServiceAccountKey(
      ctx,
      input.team,
      input.serviceAccount,
      input.keyId,
      input.overlap,
    );
    refresh(input.team, input.serviceAccount);
    return {
      ok: true,
      message:
        input.overlap === "now"
          ? `Key ${old.keyId} revoked and replaced.`
          : `Key ${old.keyId} replaced: it keeps working until the overlap ends.`,
      data: {
        key: created.key,
        keyId: created.keyId,
        name: created.name,
        expiresAt: created.expiresAt?.toISOString() ?? null,
        oldKeyId: old.keyId,
        overlap: input.overlap,
        revokesAt: old.revokesAt.toISOString(),
      },
    };
  },
);

export const setServiceAccountStatusAction = action(
  z.object({ ...account, status: z.enum(["active", "deactivated"]) }),
  async (ctx, input) => {
    const sa = await setServiceAccountStatus(ctx, input.team, input.serviceAccount, input.status);
    refresh(sa.teamName, sa.name);
    return {
      ok: true,
      message:
        sa.status === "active"
          ? `${sa.name} reactivated: its keys work again.`
          : `${sa.name} deactivated: its keys are refused from now on.`,
    };
  },
);

export const deleteServiceAccountAction = action(
  z.object({ ...account, confirmation: z.string().default("") }),
  async (ctx, input) => {
    // The typed name is the confirmation; the server checks it too (after the access check, so a
    // refused caller learns nothing), and a stray post deletes nothing.
    await getServiceAccount(ctx, input.team, input.serviceAccount);
    if (input.confirmation.trim() !== input.serviceAccount) {
      throw new Invalid("Type the service account's name to confirm.", {
        confirmation: [`Type ${input.serviceAccount} to confirm.`],
      });
    }
    const sa = await deleteServiceAccount(ctx, input.team, input.serviceAccount);
    revalidatePath(`/${encodeURIComponent(sa.teamName)}/service-accounts`);
    redirect(`/${encodeURIComponent(sa.teamName)}/service-accounts`);
  },
);
