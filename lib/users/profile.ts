// The signed-in user's own settings: profile (display name, default team) and personal API keys.
// Keys go through lib/api-keys/service.ts with the user as owner; nothing here knows key internals.
import "server-only";
import { and, eq, exists, sql } from "drizzle-orm";
import { z } from "zod";
import type { UserPrincipal, UserResource } from "@/lib/access/types";
import { parseExpiry } from "@/lib/api-keys/expiry";
import {
  type ApiKeySummary,
  type CreatedKey,
  createApiKey,
  type KeyOwner,
  listApiKeys,
  revokeApiKey,
} from "@/lib/api-keys/service";
import { defaultEntityOfUser } from "@/lib/api-keys/verify";
import { record } from "@/lib/audit";
import { publishAuthChange } from "@/lib/auth/invalidation";
import { authorize, type Ctx, inTransaction } from "@/lib/context";
import { teamMembers, teams, users } from "@/lib/db/schema";
import { Invalid, NotFound, ServiceError } from "@/lib/errors";
import { listTeamsOfUser } from "@/lib/teams/service";
import { fieldErrorsOf } from "@/lib/validation";
import { getUserById } from "./service";

/** The acting user, allowed to manage their own settings; anyone else is refused. */
function self(ctx: Ctx): UserPrincipal {
  if (ctx.actor.kind !== "user") throw new ServiceError("Sign in to change your settings.", 401);
  const resource: UserResource = { type: "user", id: ctx.actor.id };
  authorize(ctx.actor, "user.manage_own", resource);
  return ctx.actor;
}

function ownKeys(user: UserPrincipal): KeyOwner {
  return { kind: "user", userId: user.id, username: user.username };
}

export interface ProfileTeam {
  name: string;
  orgSlug: string;
  role: "admin" | "member" | "viewer";
}

export interface Profile {
  username: string;
  email: string;
  displayName: string;
  /** The team the user chose as default; null means "the first team joined". */
  defaultTeam: string | null;
  /** Where a request that names no entity goes now (null while the user is in no team). */
  effectiveDefaultTeam: string | null;
  /** The user's teams, in the order they joined them. */
  teams: ProfileTeam[];
}

export async function getProfile(ctx: Ctx): Promise<Profile> {
  const me = self(ctx);
  const [user, memberships, effectiveDefaultTeam] = await Promise.all([
    getUserById(ctx.db, me.id),
    listTeamsOfUser(ctx.db, me.id),
    // The same function key verification uses, so the page says what whoami will answer.
    defaultEntityOfUser(ctx.db, me.id),
  ]);
  if (!user) throw new NotFound("Your account no longer exists.");
  return {
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    // A chosen team the user has since left no longer counts (the first team joined takes over).
    defaultTeam: memberships.find((t) => t.id === user.defaultTeamId)?.name ?? null,
    effectiveDefaultTeam,
    teams: memberships.map((t) => ({ name: t.name, orgSlug: t.orgSlug, role: t.role })),
  };
}

export const profileUpdateSchema = z.object({
  displayName: z.string().trim().max(100, "Display name must be at most 100 characters."),
  /** A team name, or empty for "the first team joined". */
  defaultTeam: z.string().trim().max(63, "Choose one of your teams.").default(""),
});
export type ProfileUpdate = z.input<typeof profileUpdateSchema>;

export async function updateProfile(
  ctx: Ctx,
  input: ProfileUpdate,
): Promise<{ displayName: string; defaultTeam: string | null }> {
  const me = self(ctx);
  const parsed = profileUpdateSchema.safeParse(input);
  if (!parsed.success) throw new Invalid("Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { displayName, defaultTeam } = parsed.data;
  return inTransaction(ctx, async (tx) => {
    // One statement: the membership check and the write cannot be split by a concurrent removal.
    const teamOfUser = tx.db
      .select({ id: teams.id })
      .from(teams)
      .innerJoin(teamMembers, and(eq(teamMembers.teamId, teams.id), eq(teamMembers.userId, me.id)))
      .where(eq(teams.name, defaultTeam));
    const [row] = await tx.db
      .update(users)
      .set({ displayName, defaultTeamId: defaultTeam ? sql`(${teamOfUser})` : null })
      .where(and(eq(users.id, me.id), defaultTeam ? exists(teamOfUser) : undefined))
      .returning({ id: users.id });
    if (!row) {
      if (!defaultTeam) throw new NotFound("Your account no longer exists.");
      throw new Invalid(`You are not a member of ${defaultTeam}: choose one of your teams.`, {
        defaultTeam: ["Choose one of your teams."],
      });
    }
    // Cached key identities carry the default entity: drop them on every instance.
    await publishAuthChange(tx.db, [`user:${me.id}`]);
    await record(tx, {
      action: "user:update_profile",
      target: { kind: "user", id: me.id, name: me.username },
      details: { displayName, defaultTeam: defaultTeam || null },
    });
    return { displayName, defaultTeam: defaultTeam || null };
  });
}

/** The user's personal API keys, newest first (revoked and expired ones included, marked). */
export async function listPersonalApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  return listApiKeys(ctx, ownKeys(self(ctx)));
}

export const personalKeyInputSchema = z.object({
  name: z.string(),
  /** "never", a lifetime such as "30d", or "custom" (then `expiresOn` holds the date). */
  expiry: z.string().trim().default("never"),
  expiresOn: z.string().trim().optional(),
});
export type PersonalKeyInput = z.input<typeof personalKeyInputSchema>;

/** Creates a key acting as the user (with the user's own roles). The plaintext is in the result, once. */
export async function createPersonalApiKey(ctx: Ctx, input: PersonalKeyInput): Promise<CreatedKey> {
  const me = self(ctx);
  const result = personalKeyInputSchema.safeParse(input);
  if (!result.success) throw new Invalid("Check the highlighted fields.", fieldErrorsOf(result.error));
  const parsed = result.data;
  const custom = parsed.expiry === "custom";
  if (custom && !parsed.expiresOn) {
    throw new Invalid("Choose the date the key expires.", { expiresOn: ["Choose a date."] });
  }
  const expiresAt = parseExpiry(custom ? parsed.expiresOn : parsed.expiry);
  if (expiresAt && "error" in expiresAt) {
    throw new Invalid(expiresAt.error, { [custom ? "expiresOn" : "expiry"]: [expiresAt.error] });
  }
  return createApiKey(ctx, { owner: ownKeys(me), name: parsed.name, expiresAt });
}

/**
 * Revokes one of the user's own keys. The settings page revokes personal keys only, even for an
 * admin who may also revoke service-account keys (those have their own pages).
 */
export async function revokePersonalApiKey(
  ctx: Ctx,
  keyId: string,
): Promise<{ keyId: string; name: string; revokedAt: Date }> {
  const me = self(ctx);
  const key = (await listApiKeys(ctx, ownKeys(me))).find((k) => k.keyId === keyId);
  // The message never repeats the input: a pasted secret must not come back in an error.
  if (!key) throw new NotFound("You have no such API key: reload the page to see your keys.");
  const revoked = await revokeApiKey(ctx, keyId);
  return { ...revoked, name: key.name };
}
