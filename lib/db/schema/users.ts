// People who sign in. Usernames and emails are unique; emails are stored lower-cased.
import { type AnyPgColumn, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { teams } from "./organizations";

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull().default(""),
  // scrypt$N$r$p$salt$hash (lib/users/password.ts)
  passwordHash: text("password_hash").notNull(),
  // The team a request that names no entity goes to; null: the first team joined.
  defaultTeamId: text("default_team_id").references((): AnyPgColumn => teams.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
