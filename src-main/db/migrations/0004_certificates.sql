CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`pack_version` text NOT NULL,
	`course_id` text NOT NULL,
	`course_title` text NOT NULL,
	`course_summary` text,
	`learner_id` text NOT NULL,
	`learner_name` text NOT NULL,
	`issued_at` integer NOT NULL,
	`score` real,
	`credential` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_course` ON `certificates` (`pack_id`,`course_id`);