CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"org_id" text,
	"team_id" text,
	"project_id" text,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"credential_id" text,
	"action" text NOT NULL,
	"target_kind" text,
	"target_id" text,
	"target_name" text,
	"ip" text,
	"user_agent" text,
	"outcome" text DEFAULT 'success' NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE INDEX "audit_events_org_at_idx" ON "audit_events" USING btree ("org_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_org_action_at_idx" ON "audit_events" USING btree ("org_id","action","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_actor_at_idx" ON "audit_events" USING btree ("actor_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_events_target_at_idx" ON "audit_events" USING btree ("target_id","at" DESC NULLS LAST);