"use server";

// A project's Users and Settings tabs: visibility, and who is listed on a restricted project.
// The services authorize (owner, team admin or org admin); these only parse and revalidate.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ServiceError } from "@/lib/errors";
import {
  addProjectMember,
  addProjectServiceAccount,
  removeProjectMember,
  removeProjectServiceAccount,
  setProjectVisibility,
} from "@/lib/projects/service";
import { action } from "@/lib/server/action";

const team = z.string().min(1);
const project = z.string().min(1);
const user = z.string().trim().min(1, "Choose a user.");
const serviceAccount = z.string().trim().min(1, "Choose a service account.");

const projectPath = (input: { team: string; project: string }) =>
  `/${encodeURIComponent(input.team)}/${encodeURIComponent(input.project)}`;

export const setProjectVisibilityAction = action(
  z.object({
    team,
    project,
    visibility: z.enum(["open", "public", "team", "restricted"], { error: "Choose a visibility." }),
    /** Restricting: also list the person making the change, who would otherwise lose the project's data. */
    keepMyAccess: z.boolean().optional(),
  }),
  async (ctx, input) => {
    const changed = await setProjectVisibility(ctx, input.team, input.project, input.visibility);
    let note = "";
    if (input.visibility === "restricted" && input.keepMyAccess && ctx.actor.kind === "user") {
      try {
        await addProjectMember(ctx, input.team, input.project, ctx.actor.username);
      } catch (err) {
        // Already listed (from an earlier time the project was restricted) is what was asked for.
        if (!(err instanceof ServiceError)) throw err;
        if (err.status !== 409) note = ` You are not listed: ${err.message}`;
      }
    }
    revalidatePath(projectPath(input), "layout");
    revalidatePath(`/${encodeURIComponent(input.team)}`);
    return { ok: true, message: `${changed.name} is now ${changed.visibility}.${note}` };
  },
);

export const addProjectMemberAction = action(z.object({ team, project, user }), async (ctx, input) => {
  const added = await addProjectMember(ctx, input.team, input.project, input.user);
  revalidatePath(projectPath(input), "layout");
  return { ok: true, message: `${added.username} can now use ${input.project}.` };
});

export const removeProjectMemberAction = action(z.object({ team, project, user }), async (ctx, input) => {
  const removed = await removeProjectMember(ctx, input.team, input.project, input.user);
  // Someone who removes themself can no longer see the page: the browser moves on instead.
  if (ctx.actor.kind !== "user" || ctx.actor.username !== removed.username) {
    revalidatePath(projectPath(input), "layout");
  }
  return { ok: true, message: `${removed.username} was removed from ${input.project}.` };
});

export const addProjectServiceAccountAction = action(
  z.object({ team, project, serviceAccount }),
  async (ctx, input) => {
    const added = await addProjectServiceAccount(ctx, input.team, input.project, input.serviceAccount);
    revalidatePath(projectPath(input), "layout");
    return {
      ok: true,
      message: `${added.serviceAccount} can now use ${input.project}, from its next request.`,
    };
  },
);

export const removeProjectServiceAccountAction = action(
  z.object({ team, project, serviceAccount }),
  async (ctx, input) => {
    const removed = await removeProjectServiceAccount(ctx, input.team, input.project, input.serviceAccount);
    revalidatePath(projectPath(input), "layout");
    return {
      ok: true,
      message: `${removed.serviceAccount} was removed from ${input.project}, from its next request on.`,
    };
  },
);
