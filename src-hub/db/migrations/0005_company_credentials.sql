CREATE TABLE "issued_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"learner_id" text NOT NULL,
	"achievement_id" text NOT NULL,
	"statement_id" uuid NOT NULL,
	"status_index" bigserial NOT NULL,
	"credential" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"public" boolean DEFAULT false NOT NULL,
	CONSTRAINT "issued_credentials_status_index_unique" UNIQUE("status_index")
);
--> statement-breakpoint
CREATE TABLE "issuer_keys" (
	"id" integer PRIMARY KEY NOT NULL,
	"private_key_pem" text NOT NULL,
	"public_key_multibase" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "issuer_profile" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"image" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD CONSTRAINT "issued_credentials_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_credentials_learner_achievement_idx" ON "issued_credentials" USING btree ("learner_id","achievement_id");