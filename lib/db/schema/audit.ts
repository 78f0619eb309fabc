// The audit log: who did what to which object, when, from where, with what outcome. Written in
// the same transaction as the change it records. No foreign keys: events outlive their objects.
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    orgId: text("org_id"),
    teamId: text("team_id"),
    projectId: text("project_id"),
    // user | service_account | cli | anonymous
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    // The key ID or token ID the actor used (never the key).
    credentialId: text("credential_id"),
    // Stable names such as team:create_service_account, user:create_api_key.
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    targetName: text("target_name"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    // success | failure
    outcome: text("outcome").notNull().default("success"),
    // before / after, counts, reasons
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [
    // Keyset pages read newest first: `order by at desc, id desc` walks these ascending indexes
    // backwards (an `at desc` index sorts NULLS LAST, which `order by at desc` cannot use).
    // the org's Audit log tab
    index("audit_events_org_at_idx").on(t.orgId, t.at, t.id),
    // filtering the tab by action
    index("audit_events_org_action_at_idx").on(t.orgId, t.action, t.at, t.id),
    // a team's audit log (team settings)
    index("audit_events_team_at_idx").on(t.teamId, t.at, t.id),
    // a service account's (or user's) recent activity
    index("audit_events_actor_at_idx").on(t.actorId, t.at, t.id),
    // what happened to an object (a service account's page, a project)
    index("audit_events_target_at_idx").on(t.targetId, t.at, t.id),
  ],
);
