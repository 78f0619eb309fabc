CREATE TABLE "access_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"token_id" text NOT NULL,
	"hash" text NOT NULL,
	"service_account_id" text NOT NULL,
	"issuer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federated_identities" (
	"service_account_id" text PRIMARY KEY NOT NULL,
	"issuer_id" text NOT NULL,
	"subject" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "federation_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"access_token_lifetime_seconds" integer DEFAULT 3600 NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_settings_lifetime_range" CHECK ("federation_settings"."access_token_lifetime_seconds" between 300 and 43200)
);
--> statement-breakpoint
CREATE TABLE "jwt_issuers" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"url" text NOT NULL,
	"audience" text NOT NULL,
	"discovery_url" text NOT NULL,
	"jwks_uri" text NOT NULL,
	"keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"discovered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "used_jwt_ids" (
	"issuer_url" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "used_jwt_ids_issuer_url_jti_pk" PRIMARY KEY("issuer_url","jti")
);
--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_service_account_id_service_accounts_id_fk" FOREIGN KEY ("service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_issuer_id_jwt_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."jwt_issuers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federated_identities" ADD CONSTRAINT "federated_identities_service_account_id_service_accounts_id_fk" FOREIGN KEY ("service_account_id") REFERENCES "public"."service_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federated_identities" ADD CONSTRAINT "federated_identities_issuer_id_jwt_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."jwt_issuers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_settings" ADD CONSTRAINT "federation_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_settings" ADD CONSTRAINT "federation_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jwt_issuers" ADD CONSTRAINT "jwt_issuers_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jwt_issuers" ADD CONSTRAINT "jwt_issuers_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_tokens_hash_unique" ON "access_tokens" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "access_tokens_token_id_unique" ON "access_tokens" USING btree ("token_id");--> statement-breakpoint
CREATE INDEX "access_tokens_expires_at_idx" ON "access_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "federated_identities_issuer_subject_idx" ON "federated_identities" USING btree ("issuer_id","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "jwt_issuers_org_url_unique" ON "jwt_issuers" USING btree ("org_id","url") WHERE "jwt_issuers"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "jwt_issuers_url_idx" ON "jwt_issuers" USING btree ("url") WHERE "jwt_issuers"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "used_jwt_ids_expires_at_idx" ON "used_jwt_ids" USING btree ("expires_at");