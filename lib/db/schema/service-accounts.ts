// Service accounts (machine identities), API keys of users and service accounts, and the
// restricted-project listings of service accounts.
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organizations, teams } from "./organizations";
import { projects } from "./projects";
import { users } from "./users";

export const serviceAccountScopeEnum = pgEnum("service_account_scope", ["org", "team"]);
export const authMethodEnum = pgEnum("auth_method", ["api_key", "federated"]);
export const serviceAccountStatusEnum = pgEnum("service_account_status", [
  "active",
  "deactivated",
  "deleted",
]);

export const serviceAccounts = pgTable(
  "service_accounts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // The default team (org scope) or the parent team (team scope).
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "restrict" }),
    scope: serviceAccountScopeEnum("scope").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    authMethod: authMethodEnum("auth_method").notNull().default("api_key"),
    // Deleted accounts stay as rows: their runs and traces keep saying who logged them.
    status: serviceAccountStatusEnum("status").notNull().default("active"),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    // `<team>/<name>` resolution; a deleted account frees its name.
    uniqueIndex("service_accounts_team_name_unique")
      .on(t.teamId, t.name)
      .where(sql`${t.status} <> 'deleted'`),
    // the org's Service Accounts tab, ordered by name
    index("service_accounts_org_name_idx").on(t.orgId, t.name),
  ],
);

export const projectServiceAccounts = pgTable(
  "project_service_accounts",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    serviceAccountId: text("service_account_id")
      .notNull()
      .references(() => serviceAccounts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.serviceAccountId] }),
    // a service account's listings (its effective access; dropped when it is deleted)
    index("project_service_accounts_sa_idx").on(t.serviceAccountId),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    // The public key ID shown everywhere: prefix + the key's first 12 characters.
    keyId: text("key_id").notNull(),
    // SHA-256 (or HMAC-SHA-256 with KEY_PEPPER) of the whole key, hex. Never the key itself.
    hash: text("hash").notNull(),
    name: text("name").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    serviceAccountId: text("service_account_id").references(() => serviceAccounts.id, {
      onDelete: "cascade",
    }),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    // authentication: the one lookup of an uncached key
    uniqueIndex("api_keys_hash_unique").on(t.hash),
    // revoke / show by key ID
    uniqueIndex("api_keys_key_id_unique").on(t.keyId),
    // a user's personal keys (/settings)
    index("api_keys_user_idx").on(t.userId),
    // a service account's keys (its page, the Keys column of the tabs)
    index("api_keys_service_account_idx").on(t.serviceAccountId),
    // the org's API keys tab, newest first
    index("api_keys_created_idx").on(t.createdAt, t.id),
    check("api_keys_one_owner", sql`(${t.userId} is null) <> (${t.serviceAccountId} is null)`),
  ],
);
