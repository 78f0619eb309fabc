// People: creation, sign-in lookup and profile.
import "server-only";
import { eq, or } from "drizzle-orm";
import { z } from "zod";
import { type Ctx, requireSystem } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { emailSchema, fieldErrorsOf, passwordSchema, usernameSchema } from "@/lib/validation";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password";

export const newUserSchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  displayName: z.string().trim().max(100, "Display name must be at most 100 characters.").optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

export interface UserSummary {
  id: string;
  username: string;
  email: string;
  displayName: string;
}

const summaryColumns = {
  id: users.id,
  username: users.username,
  email: users.email,
  displayName: users.displayName,
};

/**
 * Inserts a user. Callers authorize: the CLI (operator) directly, the org dashboard through
 * `addOrganizationMember`, which creates the user inside its own transaction.
 */
export async function insertUser(db: Db | Tx, input: NewUser): Promise<UserSummary> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new Invalid("Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { username, email, password, displayName } = parsed.data;
  const taken = await db
    .select({ username: users.username, email: users.email })
    .from(users)
    .where(or(eq(users.username, username), eq(users.email, email)));
  const fieldErrors: Record<string, string[]> = {};
  if (taken.some((u) => u.username === username)) fieldErrors.username = [`Username ${username} is taken.`];
  if (taken.some((u) => u.email === email))
    fieldErrors.email = [`A user with email ${email} already exists.`];
  if (Object.keys(fieldErrors).length)
    throw new Conflict(Object.values(fieldErrors).flat().join(" "), fieldErrors);
  const [row] = await db
    .insert(users)
    .values({
      id: newId("usr"),
      username,
      email,
      displayName: displayName ?? "",
      passwordHash: await hashPassword(password),
    })
    .onConflictDoNothing()
    .returning(summaryColumns);
  // A concurrent insert won the race between the check above and this insert.
  if (!row) throw new Conflict("That user already exists.");
  return row;
}

export async function createUser(ctx: Ctx, input: NewUser): Promise<UserSummary> {
  requireSystem(ctx.actor);
  return insertUser(ctx.db, input);
}

/** Email or username + password -> the user, or null. Constant-ish time for unknown users. */
export async function authenticateUser(
  db: Db | Tx,
  login: string,
  password: string,
): Promise<UserSummary | null> {
  const needle = login.trim().toLowerCase();
  if (!needle || !password || password.length > 200) return null;
  const [row] = await db
    .select({ ...summaryColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(needle.includes("@") ? eq(users.email, needle) : eq(users.username, needle))
    .limit(1);
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) return null;
  const { passwordHash: _, ...user } = row;
  return user;
}

/** Finds a user by username or email (case-insensitive). */
export async function findUserByLogin(db: Db | Tx, login: string): Promise<UserSummary | null> {
  const needle = login.trim().toLowerCase();
  const [row] = await db
    .select(summaryColumns)
    .from(users)
    .where(or(eq(users.username, needle), eq(users.email, needle)))
    .limit(1);
  return row ?? null;
}

export async function requireUserByLogin(db: Db | Tx, login: string): Promise<UserSummary> {
  const user = await findUserByLogin(db, login);
  if (!user) throw new NotFound(`No user named ${login}.`);
  return user;
}

export async function getUserById(db: Db | Tx, id: string) {
  const [row] = await db
    .select({ ...summaryColumns, defaultTeamId: users.defaultTeamId })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}
