"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/server/action";
import { createPersonalApiKey, revokePersonalApiKey, updateProfile } from "@/lib/users/profile";

export const updateProfileAction = action(
  z.object({ displayName: z.string(), defaultTeam: z.string().default("") }),
  async (ctx, input) => {
    const saved = await updateProfile(ctx, input);
    // The header shows the display name: refresh every page's layout, not just this one.
    revalidatePath("/", "layout");
    return { ok: true, message: "Profile saved.", data: saved };
  },
);

export const createPersonalKeyAction = action(
  z.object({ name: z.string(), expiry: z.string().default("never"), expiresOn: z.string().optional() }),
  async (ctx, input) => {
    const created = await createPersonalApiKey(ctx, input);
    revalidatePath("/settings");
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

export const revokePersonalKeyAction = action(z.object({ keyId: z.string() }), async (ctx, input) => {
  const revoked = await revokePersonalApiKey(ctx, input.keyId);
  revalidatePath("/settings");
  return { ok: true, message: `API key “${revoked.name}” revoked: it stops working on the next request.` };
});
