CREATE TABLE `draft_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`draft_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `draft_versions_draft` ON `draft_versions` (`draft_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`tags` text NOT NULL,
	`audience` text DEFAULT '' NOT NULL,
	`published_url` text,
	`published_at` integer,
	`exercise_pack_id` text,
	`exercise_item_id` text,
	`revision` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `drafts_updated` ON `drafts` (`updated_at`);--> statement-breakpoint
CREATE INDEX `drafts_exercise` ON `drafts` (`exercise_pack_id`,`exercise_item_id`);