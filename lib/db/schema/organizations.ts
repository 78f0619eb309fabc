// Organizations, their members and their teams: the tenancy tree every rule hangs from.
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const planEnum = pgEnum("plan", ["free", "enterprise"]);
export const roleEnum = pgEnum("member_role", ["admin", "member", "viewer"]);

export const organizations = pgTable("organizations", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  plan: planEnum("plan").notNull().default("free"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const organizationMembers = pgTable(
  "organization_members",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    // "the orgs of this user": loading a principal's roles on every request
    index("organization_members_user_idx").on(t.userId),
  ],
);

export const teams = pgTable(
  "teams",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      // A team holds projects and runs: deleting an org must be a deliberate, explicit purge.
      .references(() => organizations.id, { onDelete: "restrict" }),
    // An entity name: unique across the instance (URLs /<team>, WANDB_ENTITY).
    name: text("name").notNull(),
    futureProjectsPrivate: boolean("future_projects_private").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // /<team> resolution on every page load and API call
    uniqueIndex("teams_name_unique").on(t.name),
    // the org dashboard's Teams tab
    index("teams_org_idx").on(t.orgId, t.name),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    // "the teams of this user": loading a principal's roles on every request
    index("team_members_user_idx").on(t.userId),
  ],
);
