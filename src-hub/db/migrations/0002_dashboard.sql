CREATE TABLE "dashboard_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"credential_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"learner_id" text PRIMARY KEY NOT NULL,
	"record" jsonb NOT NULL,
	"topics" text[] NOT NULL,
	"search_text" text NOT NULL,
	"profile_updated_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrolment_codes" ADD COLUMN "team" text;--> statement-breakpoint
ALTER TABLE "learners" ADD COLUMN "team" text;--> statement-breakpoint
ALTER TABLE "dashboard_sessions" ADD CONSTRAINT "dashboard_sessions_credential_key_credentials_key_fk" FOREIGN KEY ("credential_key") REFERENCES "public"."credentials"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_sessions_expires_idx" ON "dashboard_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "profiles_topics_idx" ON "profiles" USING gin ("topics");