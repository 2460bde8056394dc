CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"secret_hash" text NOT NULL,
	"learner_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrolment_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"redeemed_at" timestamp with time zone,
	"redeemed_by" text,
	CONSTRAINT "enrolment_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "learners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "learners_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "packs" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"zip" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" text NOT NULL,
	CONSTRAINT "packs_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"seq" bigserial NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"statement" jsonb NOT NULL,
	"stored" timestamp with time zone NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	"actor_ifi" text NOT NULL,
	"verb_id" text NOT NULL,
	"activity_id" text,
	"registration" uuid,
	"agents" text[] NOT NULL,
	"related_agents" text[] NOT NULL,
	"related_activities" text[] NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"voids" uuid,
	"credential_key" text NOT NULL,
	CONSTRAINT "statements_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statements_stored_idx" ON "statements" USING btree ("stored","seq");--> statement-breakpoint
CREATE INDEX "statements_actor_idx" ON "statements" USING btree ("actor_ifi","seq");--> statement-breakpoint
CREATE INDEX "statements_verb_idx" ON "statements" USING btree ("verb_id","seq");--> statement-breakpoint
CREATE INDEX "statements_activity_idx" ON "statements" USING btree ("activity_id","seq");--> statement-breakpoint
CREATE INDEX "statements_registration_idx" ON "statements" USING btree ("registration");--> statement-breakpoint
CREATE INDEX "statements_voids_idx" ON "statements" USING btree ("voids");--> statement-breakpoint
CREATE INDEX "statements_agents_idx" ON "statements" USING gin ("agents");--> statement-breakpoint
CREATE INDEX "statements_related_agents_idx" ON "statements" USING gin ("related_agents");--> statement-breakpoint
CREATE INDEX "statements_related_activities_idx" ON "statements" USING gin ("related_activities");