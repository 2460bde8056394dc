CREATE TABLE `course_registrations` (
	`learner_id` text NOT NULL,
	`pack_id` text NOT NULL,
	`course_id` text NOT NULL,
	`registration` text NOT NULL,
	`started_at` integer NOT NULL,
	`active_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`learner_id`, `pack_id`, `course_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_registrations_registration_unique` ON `course_registrations` (`registration`);--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `active_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `last_active_at` integer;--> statement-breakpoint
ALTER TABLE `sync_connections` ADD `xapi_version` text DEFAULT '2.0.0' NOT NULL;