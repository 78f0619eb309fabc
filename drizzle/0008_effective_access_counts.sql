CREATE INDEX "projects_team_visibility_idx" ON "projects" USING btree ("team_id","visibility");--> statement-breakpoint
CREATE INDEX "projects_visibility_idx" ON "projects" USING btree ("visibility");