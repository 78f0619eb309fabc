CREATE TABLE "trace_calls" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"op_name" text,
	"display_name" text,
	"trace_id" text,
	"parent_id" text,
	"started_at" timestamp with time zone,
	"attributes" json,
	"inputs" json,
	"input_refs" text[] DEFAULT '{}'::text[] NOT NULL,
	"wb_run_id" text,
	"ended_at" timestamp with time zone,
	"output" json,
	"output_refs" text[] DEFAULT '{}'::text[] NOT NULL,
	"exception" text,
	"summary" json,
	"renamed_to" text,
	"logged_by_user_id" text,
	"logged_by_service_account_id" text,
	"attributed_user_id" text,
	"attribution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trace_calls_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "trace_files" (
	"project_id" text NOT NULL,
	"digest" text NOT NULL,
	"content" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"logged_by_user_id" text,
	"logged_by_service_account_id" text,
	"attributed_user_id" text,
	"attribution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trace_files_project_id_digest_pk" PRIMARY KEY("project_id","digest")
);
--> statement-breakpoint
CREATE TABLE "trace_objects" (
	"project_id" text NOT NULL,
	"object_id" text NOT NULL,
	"digest" text NOT NULL,
	"version_index" integer NOT NULL,
	"kind" text NOT NULL,
	"base_object_class" text,
	"val" json,
	"logged_by_user_id" text,
	"logged_by_service_account_id" text,
	"attributed_user_id" text,
	"attribution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trace_objects_project_id_object_id_digest_pk" PRIMARY KEY("project_id","object_id","digest")
);
--> statement-breakpoint
CREATE TABLE "trace_table_rows" (
	"project_id" text NOT NULL,
	"digest" text NOT NULL,
	"val" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trace_table_rows_project_id_digest_pk" PRIMARY KEY("project_id","digest")
);
--> statement-breakpoint
CREATE TABLE "trace_tables" (
	"project_id" text NOT NULL,
	"digest" text NOT NULL,
	"row_digests" text[] NOT NULL,
	"logged_by_user_id" text,
	"logged_by_service_account_id" text,
	"attributed_user_id" text,
	"attribution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trace_tables_project_id_digest_pk" PRIMARY KEY("project_id","digest")
);
--> statement-breakpoint
ALTER TABLE "trace_calls" ADD CONSTRAINT "trace_calls_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_calls" ADD CONSTRAINT "trace_calls_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_calls" ADD CONSTRAINT "trace_calls_logged_by_service_account_id_service_accounts_id_fk" FOREIGN KEY ("logged_by_service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_calls" ADD CONSTRAINT "trace_calls_attributed_user_id_users_id_fk" FOREIGN KEY ("attributed_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_files" ADD CONSTRAINT "trace_files_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_files" ADD CONSTRAINT "trace_files_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_files" ADD CONSTRAINT "trace_files_logged_by_service_account_id_service_accounts_id_fk" FOREIGN KEY ("logged_by_service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_files" ADD CONSTRAINT "trace_files_attributed_user_id_users_id_fk" FOREIGN KEY ("attributed_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_objects" ADD CONSTRAINT "trace_objects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_objects" ADD CONSTRAINT "trace_objects_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_objects" ADD CONSTRAINT "trace_objects_logged_by_service_account_id_service_accounts_id_fk" FOREIGN KEY ("logged_by_service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_objects" ADD CONSTRAINT "trace_objects_attributed_user_id_users_id_fk" FOREIGN KEY ("attributed_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_table_rows" ADD CONSTRAINT "trace_table_rows_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_tables" ADD CONSTRAINT "trace_tables_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_tables" ADD CONSTRAINT "trace_tables_logged_by_user_id_users_id_fk" FOREIGN KEY ("logged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_tables" ADD CONSTRAINT "trace_tables_logged_by_service_account_id_service_accounts_id_fk" FOREIGN KEY ("logged_by_service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trace_tables" ADD CONSTRAINT "trace_tables_attributed_user_id_users_id_fk" FOREIGN KEY ("attributed_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "trace_calls_project_started_idx" ON "trace_calls" USING btree ("project_id","started_at","id");--> statement-breakpoint
CREATE INDEX "trace_calls_project_trace_idx" ON "trace_calls" USING btree ("project_id","trace_id");--> statement-breakpoint
CREATE INDEX "trace_calls_project_parent_idx" ON "trace_calls" USING btree ("project_id","parent_id");--> statement-breakpoint
CREATE INDEX "trace_calls_project_op_idx" ON "trace_calls" USING btree ("project_id","op_name");--> statement-breakpoint
CREATE UNIQUE INDEX "trace_objects_project_object_version_unique" ON "trace_objects" USING btree ("project_id","object_id","version_index");