"use server";

// The Traces tab's reads from the browser: a call's children (when its row is expanded) and a call's
// whole inputs and output. lib/traces decides access exactly as for the page and the trace API.
import { z } from "zod";
import { NotFound } from "@/lib/errors";
import { action } from "@/lib/server/action";
import { listChildCalls, readCallPayloads } from "@/lib/traces/pages";

const where = { team: z.string().min(1), project: z.string().min(1) };
const projectIdOf = (input: { team: string; project: string }) => `${input.team}/${input.project}`;

export const childCallsAction = action(
  z.object({ ...where, parentId: z.string().min(1).max(200), after: z.string().max(1000).nullish() }),
  (ctx, input) => listChildCalls(ctx, projectIdOf(input), input.parentId, { first: 50, after: input.after }),
);

export const callPayloadsAction = action(
  z.object({ ...where, callId: z.string().min(1).max(200) }),
  async (ctx, input) => {
    const payloads = await readCallPayloads(ctx, projectIdOf(input), input.callId);
    if (!payloads) throw new NotFound("This call is no longer in the project: reload the page.");
    return payloads;
  },
);
