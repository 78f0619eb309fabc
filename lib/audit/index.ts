// Audit events, recorded with `record(ctx, event)` inside the transaction of the change they
// describe (ctx.db is that transaction), so there is never a change without its record. Never
// stores a key or token: only key IDs and token IDs.
import "server-only";
import type { Actor, Ctx } from "@/lib/context";
import { auditEvents } from "@/lib/db/schema";

export interface AuditEvent {
  action: string;
  orgId?: string | null;
  teamId?: string | null;
  projectId?: string | null;
  target?: { kind: string; id?: string | null; name?: string | null };
  outcome?: "success" | "failure";
  details?: Record<string, unknown>;
}

export function describeActor(actor: Actor) {
  switch (actor.kind) {
    case "system":
      return { actorKind: "cli", actorId: null, actorName: "steward CLI", credentialId: null };
    case "anonymous":
      return { actorKind: "anonymous", actorId: null, actorName: null, credentialId: null };
    default: {
      const c = actor.credential;
      const credentialId = c.kind === "api_key" ? c.keyId : c.kind === "access_token" ? c.tokenId : null;
      const actorName = actor.kind === "user" ? actor.username : actor.name;
      return { actorKind: actor.kind, actorId: actor.id, actorName, credentialId };
    }
  }
}

export async function record(ctx: Ctx, event: AuditEvent): Promise<void> {
  await ctx.db.insert(auditEvents).values({
    ...describeActor(ctx.actor),
    action: event.action,
    orgId: event.orgId ?? null,
    teamId: event.teamId ?? null,
    projectId: event.projectId ?? null,
    targetKind: event.target?.kind ?? null,
    targetId: event.target?.id ?? null,
    targetName: event.target?.name ?? null,
    ip: ctx.request?.ip ?? null,
    userAgent: ctx.request?.userAgent?.slice(0, 500) ?? null,
    outcome: event.outcome ?? "success",
    details: event.details ?? null,
  });
}
