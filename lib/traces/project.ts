// The project a trace request names (`project_id` = "entity/project"), resolved through the same
// doors as the runs API (lib/ingest/target.ts), and who a write is recorded as written by.
import "server-only";
import type { Actor, Ctx } from "@/lib/context";
import { Invalid } from "@/lib/errors";
import {
  type Attribution,
  projectForRead,
  projectForWrite,
  resolveAttribution,
  resolveEntity,
} from "@/lib/ingest/target";
import type { Project } from "@/lib/projects/service";

export interface TraceOptions {
  /** Where a bare `project_id` (no "entity/") goes: the caller's default or parent team. */
  defaultEntity?: string | null;
  /** X-WANDB-USERNAME / X-WANDB-USER-EMAIL of the request (honoured for service accounts only). */
  attribution?: { username?: string | null; email?: string | null };
}

export interface ProjectName {
  entity: string;
  project: string;
}

/** Splits "entity/project"; a bare "project" goes to the default entity. */
export function parseProjectId(projectId: string, defaultEntity: string | null | undefined): ProjectName {
  const slash = projectId.indexOf("/");
  if (slash < 0) return { entity: resolveEntity(null, defaultEntity ?? null), project: projectId.trim() };
  const entity = projectId.slice(0, slash).trim();
  const project = projectId.slice(slash + 1).trim();
  if (!entity || !project || project.includes("/")) {
    throw new Invalid(`Invalid project_id "${projectId.slice(0, 200)}": use "entity/project".`);
  }
  return { entity, project };
}

/** "entity/project" as the client names it, for responses. */
export function projectIdOf(project: Project): string {
  return `${project.team.name}/${project.name}`;
}

/** Resolves every project a request reads, once each (404 for any the caller may not read). */
export function projectReader(ctx: Ctx, opts: TraceOptions) {
  const cache = new Map<string, Promise<Project>>();
  return (projectId: string): Promise<Project> => {
    const { entity, project } = parseProjectId(projectId, opts.defaultEntity);
    const key = `${entity}/${project}`;
    let found = cache.get(key);
    if (!found) {
      found = projectForRead(ctx, entity, project);
      cache.set(key, found);
    }
    return found;
  };
}

export interface WriteTarget {
  project: Project;
  writer: Writer;
}

/** The bookkeeping columns of every written trace row. */
export interface Writer {
  loggedByUserId: string | null;
  loggedByServiceAccountId: string | null;
  attributedUserId: string | null;
  attributionNote: string | null;
}

function writerOf(actor: Actor, attribution: Attribution): Writer {
  return {
    loggedByUserId: actor.kind === "user" ? actor.id : null,
    loggedByServiceAccountId: actor.kind === "service_account" ? actor.id : null,
    attributedUserId: attribution.attributedUserId,
    attributionNote: attribution.note,
  };
}

/**
 * Resolves (creating on first write, when allowed) every project a write names, in the caller's
 * transaction and in the order given, before anything else is written: one refusal refuses all.
 */
export async function writeTargets(
  tx: Ctx,
  projectIds: Iterable<string>,
  opts: TraceOptions,
): Promise<Map<string, WriteTarget>> {
  const targets = new Map<string, WriteTarget>();
  const byName = new Map<string, WriteTarget>();
  for (const projectId of projectIds) {
    if (targets.has(projectId)) continue;
    const { entity, project: name } = parseProjectId(projectId, opts.defaultEntity);
    const key = `${entity}/${name}`;
    let target = byName.get(key);
    if (!target) {
      const project = await projectForWrite(tx, entity, name);
      const attribution = await resolveAttribution(tx.db, tx.actor, project, opts.attribution ?? {});
      target = { project, writer: writerOf(tx.actor, attribution) };
      byName.set(key, target);
    }
    targets.set(projectId, target);
  }
  return targets;
}

/** One project's write target (obj/create, table/create, file/create, call/update). */
export async function writeTarget(tx: Ctx, projectId: string, opts: TraceOptions): Promise<WriteTarget> {
  return (await writeTargets(tx, [projectId], opts)).get(projectId)!;
}
