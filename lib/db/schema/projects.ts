// Projects of a team, and the explicit member list of restricted projects.
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { teams } from "./organizations";
import { users } from "./users";

export const visibilityEnum = pgEnum("visibility", ["open", "public", "team", "restricted"]);

export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: visibilityEnum("visibility").notNull().default("team"),
    // Projects created by a service account, or whose owner was deleted, belong to the team alone.
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // /<team>/<project> resolution, and the team page's project list ordered by name
    uniqueIndex("projects_team_name_unique").on(t.teamId, t.name),
    // A service account's effective access counts projects by team and visibility (index-only),
    // and open or public projects across the instance, instead of reading every project.
    index("projects_team_visibility_idx").on(t.teamId, t.visibility),
    index("projects_visibility_idx").on(t.visibility),
  ],
);

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    // removing a user from a team drops their listings on that team's restricted projects
    index("project_members_user_idx").on(t.userId),
  ],
);
