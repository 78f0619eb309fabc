DROP INDEX "audit_events_org_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_org_action_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_actor_at_idx";--> statement-breakpoint
DROP INDEX "audit_events_target_at_idx";--> statement-breakpoint
DROP INDEX "trace_calls_project_parent_idx";--> statement-breakpoint
CREATE INDEX "audit_events_team_at_idx" ON "audit_events" USING btree ("team_id","at","id");--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "api_keys" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "trace_calls_project_roots_idx" ON "trace_calls" USING btree ("project_id","started_at","id") WHERE "trace_calls"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "audit_events_org_at_idx" ON "audit_events" USING btree ("org_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_events_org_action_at_idx" ON "audit_events" USING btree ("org_id","action","at","id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_at_idx" ON "audit_events" USING btree ("actor_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_events_target_at_idx" ON "audit_events" USING btree ("target_id","at","id");--> statement-breakpoint
CREATE INDEX "trace_calls_project_parent_idx" ON "trace_calls" USING btree ("project_id","parent_id","started_at","id");