"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createProject } from "@/lib/projects/service";
import { action } from "@/lib/server/action";
import { addTeamMember, changeTeamRole, removeTeamMember } from "@/lib/teams/service";
import { roleSchema } from "@/lib/validation";

const team = z.string().min(1);

export const createProjectAction = action(
  z.object({ team, name: z.string(), visibility: z.string(), description: z.string().optional() }),
  async (ctx, input) => {
    const project = await createProject(ctx, input.team, input);
    revalidatePath(`/${input.team}`);
    return { ok: true, message: `Project ${project.name} created.` };
  },
);

export const addTeamMemberAction = action(
  z.object({ team, login: z.string(), role: roleSchema }),
  async (ctx, input) => {
    const m = await addTeamMember(ctx, input.team, input.login, input.role);
    revalidatePath(`/${input.team}`);
    return { ok: true, message: `${m.username} added as ${m.role}.` };
  },
);

export const changeTeamRoleAction = action(
  z.object({ team, username: z.string(), role: roleSchema }),
  async (ctx, input) => {
    const m = await changeTeamRole(ctx, input.team, input.username, input.role);
    revalidatePath(`/${input.team}`);
    return { ok: true, message: `${m.username} is now ${m.role}.` };
  },
);

export const removeTeamMemberAction = action(z.object({ team, username: z.string() }), async (ctx, input) => {
  const m = await removeTeamMember(ctx, input.team, input.username);
  revalidatePath(`/${input.team}`);
  return { ok: true, message: `${m.username} removed from ${input.team}.` };
});
