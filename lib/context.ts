// The context every service call receives: the database (or the open transaction) and the actor.
// `authorize` is the one door to the access policy; services call it before every read or change.
import "server-only";
import { can } from "@/lib/access";
import type { Action, Principal, Resource } from "@/lib/access/types";
import type { Db, Tx } from "@/lib/db/client";
import { AccessDenied, ServiceError } from "@/lib/errors";

/** The instance operator at a shell (admin CLI, seeding): trusted with the database itself. */
export interface SystemActor {
  kind: "system";
  via: "cli" | "seed";
}

export type Actor = Principal | SystemActor;

export interface Ctx {
  db: Db | Tx;
  actor: Actor;
  /** Where the request came from, for the audit log. */
  request?: { ip: string | null; userAgent: string | null };
}

export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (actor.kind === "system") return;
  const decision = can(actor, action, resource);
  if (!decision.allowed) throw new AccessDenied(decision);
}

export function allows(actor: Actor, action: Action, resource: Resource): boolean {
  return actor.kind === "system" || can(actor, action, resource).allowed;
}

/** Instance-level operations (creating organizations, changing plans) belong to the operator. */
export function requireSystem(actor: Actor): void {
  if (actor.kind !== "system") {
    throw new ServiceError("Only the instance operator can do this (steward CLI).", 403);
  }
}

/** Runs `fn` in one transaction: a change and everything it implies land together or not at all. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx as unknown as Tx }));
}
