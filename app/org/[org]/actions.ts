"use server";

import { randomBytes } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addOrganizationMember, changeOrganizationRole, removeOrganizationMember } from "@/lib/orgs/service";
import { action } from "@/lib/server/action";
import { createTeam } from "@/lib/teams/service";
import { roleSchema } from "@/lib/validation";

const org = z.string().min(1);

export const createTeamAction = action(z.object({ org, name: z.string() }), async (ctx, input) => {
  const team = await createTeam(ctx, input.org, input.name);
  revalidatePath(`/org/${input.org}`);
  return { ok: true, message: `Team ${team.name} created.`, data: { name: team.name } };
});

export const addMemberAction = action(
  z.discriminatedUnion("kind", [
    z.object({ org, kind: z.literal("existing"), login: z.string(), role: roleSchema }),
    z.object({ org, kind: z.literal("new"), username: z.string(), email: z.string(), role: roleSchema }),
  ]),
  async (ctx, input) => {
    if (input.kind === "existing") {
      const m = await addOrganizationMember(ctx, input.org, input);
      revalidatePath(`/org/${input.org}/members`);
      return { ok: true, message: `${m.username} added as ${m.role}.` };
    }
    // A temporary password, shown once to the admin who hands it over.
    const password = randomBytes(12).toString("base64url");
    const m = await addOrganizationMember(ctx, input.org, { ...input, password });
    revalidatePath(`/org/${input.org}/members`);
    return {
      ok: true,
      message: `${m.username} created and added as ${m.role}.`,
      data: { username: m.username, temporaryPassword: password },
    };
  },
);

export const changeMemberRoleAction = action(
  z.object({ org, username: z.string(), role: roleSchema }),
  async (ctx, input) => {
    const r = await changeOrganizationRole(ctx, input.org, input.username, input.role);
    revalidatePath(`/org/${input.org}/members`);
    return { ok: true, message: `${r.username} is now ${r.role}.` };
  },
);

export const removeMemberAction = action(z.object({ org, username: z.string() }), async (ctx, input) => {
  const r = await removeOrganizationMember(ctx, input.org, input.username);
  revalidatePath(`/org/${input.org}/members`);
  return { ok: true, message: `${r.username} removed from the organization.` };
});
