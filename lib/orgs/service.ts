// Organizations and their members (the org dashboard's Members tab, the CLI's org commands).
import "server-only";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { OrganizationResource, OrgRole } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { publishAuthChange } from "@/lib/auth/invalidation";
import { allows, authorize, type Ctx, inTransaction, requireSystem } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import {
  organizationMembers,
  organizations,
  projectMembers,
  projects,
  teamMembers,
  teams,
  users,
} from "@/lib/db/schema";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { insertUser, newUserSchema, requireUserByLogin } from "@/lib/users/service";
import { fieldErrorsOf, orgNameSchema, orgSlugSchema, planSchema, roleSchema } from "@/lib/validation";

export interface Organization {
  id: string;
  slug: string;
  name: string;
  plan: "free" | "enterprise";
}

export function orgResource(org: Organization): OrganizationResource {
  return { type: "organization", id: org.id, slug: org.slug, plan: org.plan };
}

const orgColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  plan: organizations.plan,
};

export const newOrgSchema = z.object({
  slug: orgSlugSchema,
  name: orgNameSchema.optional(),
  plan: planSchema.default("free"),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Invalid("Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

export async function createOrganization(
  ctx: Ctx,
  input: z.input<typeof newOrgSchema>,
): Promise<Organization> {
  requireSystem(ctx.actor);
  const { slug, name, plan } = parse(newOrgSchema, input);
  const [row] = await ctx.db
    .insert(organizations)
    .values({ id: newId("org"), slug, name: name ?? slug, plan })
    .onConflictDoNothing()
    .returning(orgColumns);
  if (!row) throw new Conflict(`Organization ${slug} already exists.`, { slug: [`${slug} is taken.`] });
  await record(ctx, {
    action: "org:create",
    orgId: row.id,
    target: { kind: "organization", id: row.id, name: slug },
    details: { plan },
  });
  return row;
}

export async function setOrganizationPlan(ctx: Ctx, slug: string, plan: string): Promise<Organization> {
  requireSystem(ctx.actor);
  const validPlan = parse(planSchema, plan);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(organizations)
      .set({ plan: validPlan })
      .where(eq(organizations.slug, slug))
      .returning(orgColumns);
    if (!row) throw new NotFound(`No organization named ${slug}.`);
    // Service-account credentials of a free org stop working (and start again on upgrade).
    await publishAuthChange(tx.db, [`org:${row.id}`]);
    await record(tx, {
      action: "org:set_plan",
      orgId: row.id,
      target: { kind: "organization", id: row.id, name: slug },
      details: { plan: validPlan },
    });
    return row;
  });
}

/** The operator sees every org; a user sees the orgs they belong to. */
export async function listOrganizations(ctx: Ctx): Promise<Array<Organization & { role: OrgRole | null }>> {
  if (ctx.actor.kind === "system") {
    const rows = await ctx.db.select(orgColumns).from(organizations).orderBy(asc(organizations.slug));
    return rows.map((r) => ({ ...r, role: null }));
  }
  if (ctx.actor.kind !== "user") return [];
  return ctx.db
    .select({ ...orgColumns, role: organizationMembers.role })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.orgId))
    .where(eq(organizationMembers.userId, ctx.actor.id))
    .orderBy(asc(organizations.slug));
}

async function findOrg(db: Db | Tx, slug: string): Promise<Organization | null> {
  const [row] = await db.select(orgColumns).from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row ?? null;
}

/** The org, if the actor may see it (`organization.read`); otherwise NotFound, as if it did not exist. */
export async function getOrganization(ctx: Ctx, slug: string): Promise<Organization> {
  const org = await findOrg(ctx.db, slug);
  if (!org) throw new NotFound(`No organization named ${slug}.`);
  authorize(ctx.actor, "organization.read", orgResource(org));
  return org;
}

export interface OrgMember {
  userId: string;
  username: string;
  email: string;
  displayName: string;
  role: OrgRole;
  joinedAt: Date;
}

export async function listOrganizationMembers(ctx: Ctx, org: Organization): Promise<OrgMember[]> {
  authorize(ctx.actor, "organization.read", orgResource(org));
  return ctx.db
    .select({
      userId: users.id,
      username: users.username,
      email: users.email,
      displayName: users.displayName,
      role: organizationMembers.role,
      joinedAt: organizationMembers.createdAt,
    })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.orgId, org.id))
    .orderBy(asc(users.username));
}

/** The usernames of the org's admins: whom a member asks for what only they may do. */
export async function listOrganizationAdminNames(ctx: Ctx, orgSlug: string): Promise<string[]> {
  const members = await listOrganizationMembers(ctx, await getOrganization(ctx, orgSlug));
  return members.filter((m) => m.role === "admin").map((m) => m.username);
}

export const addMemberSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("existing"),
    login: z.string().trim().min(1, "Enter a username or email."),
    role: roleSchema,
  }),
  z.object({
    kind: z.literal("new"),
    username: newUserSchema.shape.username,
    email: newUserSchema.shape.email,
    password: newUserSchema.shape.password,
    role: roleSchema,
  }),
]);
export type AddMemberInput = z.input<typeof addMemberSchema>;

/** Adds an existing user, or creates a new one with a temporary password, to the org. */
export async function addOrganizationMember(
  ctx: Ctx,
  orgSlug: string,
  input: AddMemberInput,
): Promise<OrgMember> {
  const data = parse(addMemberSchema, input);
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, orgSlug);
    authorize(tx.actor, "organization.manage_members", orgResource(org));
    const user =
      data.kind === "existing"
        ? await requireUserByLogin(tx.db, data.login).catch(() => {
            throw new NotFound(`No user named ${data.login}: add them as a new user, or check the spelling.`);
          })
        : await insertUser(tx.db, { username: data.username, email: data.email, password: data.password });
    const [row] = await tx.db
      .insert(organizationMembers)
      .values({ orgId: org.id, userId: user.id, role: data.role })
      .onConflictDoNothing()
      .returning({ joinedAt: organizationMembers.createdAt });
    if (!row)
      throw new Conflict(`${user.username} is already a member of ${org.slug}.`, {
        login: ["Already a member."],
      });
    await publishAuthChange(tx.db, [`user:${user.id}`]);
    await record(tx, {
      action: "org:add_member",
      orgId: org.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { role: data.role, newUser: data.kind === "new" },
    });
    return {
      userId: user.id,
      username: user.username,
      email: user.email,
      displayName: user.displayName,
      role: data.role,
      joinedAt: row.joinedAt,
    };
  });
}

async function countAdmins(db: Db | Tx, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.orgId, orgId), eq(organizationMembers.role, "admin")));
  return row?.n ?? 0;
}

async function requireMembership(db: Db | Tx, org: Organization, login: string) {
  const user = await requireUserByLogin(db, login);
  // Serializes role changes and removals within the org (locking the org's row, not only the target
  // member's), so two admins demoting or removing each other at once cannot leave zero admins.
  await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, org.id))
    .for("no key update");
  const [m] = await db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.orgId, org.id), eq(organizationMembers.userId, user.id)))
    .limit(1);
  if (!m) throw new NotFound(`${login} is not a member of ${org.slug}.`);
  return { user, role: m.role };
}

const LAST_ADMIN = "An organization needs at least one admin: make someone else an admin first.";

export async function changeOrganizationRole(ctx: Ctx, orgSlug: string, login: string, role: string) {
  const newRole = parse(roleSchema, role);
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, orgSlug);
    authorize(tx.actor, "organization.manage_members", orgResource(org));
    const { user, role: oldRole } = await requireMembership(tx.db, org, login);
    if (oldRole === "admin" && newRole !== "admin" && (await countAdmins(tx.db, org.id)) <= 1) {
      throw new Conflict(LAST_ADMIN);
    }
    await tx.db
      .update(organizationMembers)
      .set({ role: newRole })
      .where(and(eq(organizationMembers.orgId, org.id), eq(organizationMembers.userId, user.id)));
    await publishAuthChange(tx.db, [`user:${user.id}`]);
    await record(tx, {
      action: "org:change_role",
      orgId: org.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { before: oldRole, after: newRole },
    });
    return { username: user.username, role: newRole };
  });
}

/** Removes the user from the org, its teams and its restricted-project listings, in one transaction. */
export async function removeOrganizationMember(ctx: Ctx, orgSlug: string, login: string) {
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, orgSlug);
    authorize(tx.actor, "organization.manage_members", orgResource(org));
    const { user, role } = await requireMembership(tx.db, org, login);
    if (role === "admin" && (await countAdmins(tx.db, org.id)) <= 1) throw new Conflict(LAST_ADMIN);
    const orgTeams = tx.db.select({ id: teams.id }).from(teams).where(eq(teams.orgId, org.id));
    const orgProjects = tx.db
      .select({ id: projects.id })
      .from(projects)
      .where(inArray(projects.teamId, orgTeams));
    await tx.db
      .delete(projectMembers)
      .where(and(eq(projectMembers.userId, user.id), inArray(projectMembers.projectId, orgProjects)));
    await tx.db
      .delete(teamMembers)
      .where(and(eq(teamMembers.userId, user.id), inArray(teamMembers.teamId, orgTeams)));
    await tx.db
      .delete(organizationMembers)
      .where(and(eq(organizationMembers.orgId, org.id), eq(organizationMembers.userId, user.id)));
    await publishAuthChange(tx.db, [`user:${user.id}`]);
    await record(tx, {
      action: "org:remove_member",
      orgId: org.id,
      target: { kind: "user", id: user.id, name: user.username },
      details: { role },
    });
    return { username: user.username };
  });
}

/** Which org-level controls to show: the same policy the server enforces. */
export function orgPermissions(ctx: Ctx, org: Organization) {
  const r = orgResource(org);
  return {
    manageMembers: allows(ctx.actor, "organization.manage_members", r),
    createTeam: allows(ctx.actor, "team.create", r),
  };
}
