"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createProject, firstMemberCandidates } from "@/lib/projects/service";
import { action } from "@/lib/server/action";
import {
  addTeamMember,
  changeTeamRole,
  getTeam,
  removeTeamMember,
  setFutureProjectsPrivate,
} from "@/lib/teams/service";
import { roleSchema } from "@/lib/validation";

const team = z.string().min(1);

/** A form's repeated checkbox: absent, one value, or several. */
const checked = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const createProjectAction = action(
  z.object({
    team,
    name: z.string(),
    visibility: z.string(),
    description: z.string().optional(),
    // A restricted project's first members (the New project form's checkboxes).
    memberUsers: checked,
    memberServiceAccounts: checked,
  }),
  async (ctx, input) => {
    const project = await createProject(ctx, input.team, {
      ...input,
      members: { users: input.memberUsers, serviceAccounts: input.memberServiceAccounts },
    });
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

export const setFutureProjectsPrivateAction = action(
  z.object({ team, enabled: z.boolean({ error: "Choose on or off." }) }),
  async (ctx, input) => {
    const changed = await setFutureProjectsPrivate(ctx, input.team, input.enabled);
    revalidatePath(`/${encodeURIComponent(changed.name)}`, "layout");
    return {
      ok: true,
      message: changed.futureProjectsPrivate
        ? `New projects of ${changed.name} can now only be team or restricted.`
        : `New projects of ${changed.name} may take any visibility again.`,
    };
  },
);

/** The New project form asks, once restricted is chosen, whom it may list as first members. */
export const firstMemberCandidatesAction = action(z.object({ team }), async (ctx, input) =>
  firstMemberCandidates(ctx, await getTeam(ctx, input.team)),
);
