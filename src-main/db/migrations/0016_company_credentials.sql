CREATE TABLE `company_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`course_id` text NOT NULL,
	`issuer_name` text NOT NULL,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`public` integer NOT NULL,
	`public_wanted` integer,
	`page_url` text NOT NULL,
	`credential` text NOT NULL,
	`did_document` text NOT NULL,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `company_credentials_course` ON `company_credentials` (`pack_id`,`course_id`);