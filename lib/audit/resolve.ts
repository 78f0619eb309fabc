// Turns what a person types in the Audit log's actor and target filters (a username, `team/name`,
// a key ID) into conditions on the indexed actor_id / target_id columns, so a filtered page is
// an index read rather than a scan of the org's events. Deleted service accounts resolve too:
// their events outlive them.
import "server-only";
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import {
  accessTokens,
  apiKeys,
  auditEvents,
  jwtIssuers,
  organizations,
  projects,
  serviceAccounts,
  teams,
  users,
} from "@/lib/db/schema";

/** A key ID (`stw_sa-` / `stw_u-` + 12) or an access token ID (`stw_at-` + 12). */
const CREDENTIAL_ID = /^(stw_sa|stw_u|stw_at)-[A-Za-z0-9]{12}$/;

export const CLI_ACTOR = "cli";

export async function actorCondition(db: Db | Tx, orgId: string, value: string): Promise<SQL> {
  const text = value.trim();
  if (text === CLI_ACTOR) return eq(auditEvents.actorKind, "cli");
  if (CREDENTIAL_ID.test(text)) {
    // "Who used this key": what its owner did with it, and the failed attempts with it (the
    // caller is unknown there, the owner is the target); both through the indexed id columns.
    const owner = await credentialOwner(db, text);
    const used = eq(auditEvents.credentialId, text);
    return owner ? and(or(eq(auditEvents.actorId, owner), eq(auditEvents.targetId, owner)), used)! : used;
  }
  const ids = [text, ...(await userIds(db, text)), ...(await serviceAccountIds(db, orgId, text))];
  return inArray(auditEvents.actorId, unique(ids));
}

export async function targetCondition(db: Db | Tx, orgId: string, value: string): Promise<SQL> {
  const text = value.trim();
  if (CREDENTIAL_ID.test(text)) {
    // Key events target the key's owner and name the key ID in their details.
    const owner = await credentialOwner(db, text);
    const named = sql`${auditEvents.details}->>'keyId' = ${text}`;
    return owner ? and(eq(auditEvents.targetId, owner), named)! : named;
  }
  const found = await Promise.all([
    userIds(db, text),
    serviceAccountIds(db, orgId, text),
    teamIds(db, orgId, text),
    projectIds(db, orgId, text),
    issuerIds(db, orgId, text),
    orgIds(db, text),
  ]);
  return inArray(auditEvents.targetId, unique([text, ...found.flat()]));
}

async function credentialOwner(db: Db | Tx, credentialId: string): Promise<string | null> {
  if (credentialId.startsWith("stw_at-")) {
    const [token] = await db
      .select({ owner: accessTokens.serviceAccountId })
      .from(accessTokens)
      .where(eq(accessTokens.tokenId, credentialId))
      .limit(1);
    return token?.owner ?? null;
  }
  const [key] = await db
    .select({ userId: apiKeys.userId, serviceAccountId: apiKeys.serviceAccountId })
    .from(apiKeys)
    .where(eq(apiKeys.keyId, credentialId))
    .limit(1);
  return key ? (key.userId ?? key.serviceAccountId) : null;
}

async function orgIds(db: Db | Tx, slug: string): Promise<string[]> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  return rows.map((r) => r.id);
}

async function userIds(db: Db | Tx, username: string): Promise<string[]> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return rows.map((r) => r.id);
}

/** `name` (any team of the org) or `team/name`. */
async function serviceAccountIds(db: Db | Tx, orgId: string, value: string): Promise<string[]> {
  const [team, name] = splitPath(value);
  const rows = await db
    .select({ id: serviceAccounts.id })
    .from(serviceAccounts)
    .innerJoin(teams, eq(teams.id, serviceAccounts.teamId))
    .where(
      and(
        eq(serviceAccounts.orgId, orgId),
        eq(serviceAccounts.name, name),
        team === null ? undefined : eq(teams.name, team),
      ),
    );
  return rows.map((r) => r.id);
}

async function teamIds(db: Db | Tx, orgId: string, name: string): Promise<string[]> {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.name, name)));
  return rows.map((r) => r.id);
}

/** `team/project`. */
async function projectIds(db: Db | Tx, orgId: string, value: string): Promise<string[]> {
  const [team, name] = splitPath(value);
  if (team === null) return [];
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .where(and(eq(teams.orgId, orgId), eq(teams.name, team), eq(projects.name, name)));
  return rows.map((r) => r.id);
}

async function issuerIds(db: Db | Tx, orgId: string, url: string): Promise<string[]> {
  if (!url.startsWith("http")) return [];
  const rows = await db
    .select({ id: jwtIssuers.id })
    .from(jwtIssuers)
    .where(and(eq(jwtIssuers.orgId, orgId), eq(jwtIssuers.url, url)));
  return rows.map((r) => r.id);
}

function splitPath(value: string): [string | null, string] {
  const slash = value.indexOf("/");
  return slash < 0 || value.startsWith("http")
    ? [null, value]
    : [value.slice(0, slash), value.slice(slash + 1)];
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
