CREATE TABLE "statement_attachments" (
	"statement_id" uuid NOT NULL,
	"sha2" text NOT NULL,
	CONSTRAINT "statement_attachments_statement_id_sha2_pk" PRIMARY KEY("statement_id","sha2")
);
--> statement-breakpoint
CREATE TABLE "xapi_activities" (
	"id" text PRIMARY KEY NOT NULL,
	"definition" jsonb NOT NULL,
	"updated" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "xapi_attachments" (
	"sha2" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"length" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"stored_at" timestamp with time zone NOT NULL,
	"credential_key" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "statements" ADD COLUMN "ref_target" uuid;--> statement-breakpoint
-- Statements stored before this migration keep matching filters through their StatementRef targets.
UPDATE "statements" SET "ref_target" = ("statement"->'object'->>'id')::uuid WHERE "statement"->'object'->>'objectType' = 'StatementRef';--> statement-breakpoint
CREATE INDEX "statements_refs_idx" ON "statements" USING btree ("seq") WHERE "statements"."ref_target" is not null;