DROP INDEX `certificates_course`;--> statement-breakpoint
ALTER TABLE `certificates` ADD `replaced_by` text;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_current_course` ON `certificates` (`pack_id`,`course_id`) WHERE "certificates"."replaced_by" IS NULL;--> statement-breakpoint
ALTER TABLE `learner` ADD `email` text;--> statement-breakpoint
ALTER TABLE `learner` ADD `role` text;--> statement-breakpoint
ALTER TABLE `learner` ADD `named_at` integer;--> statement-breakpoint
ALTER TABLE `learner` ADD `welcomed_at` integer;--> statement-breakpoint
ALTER TABLE `quiz_attempts` ADD `choice_order` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- A learner who already changed the placeholder name gave it: they are not welcomed as new, and their
-- certificates are issued under it.
UPDATE `learner` SET `named_at` = `created_at`, `welcomed_at` = `created_at` WHERE `name` <> 'Learner';
