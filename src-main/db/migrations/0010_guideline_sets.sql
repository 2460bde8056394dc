CREATE TABLE `draft_acknowledgements` (
	`draft_id` text NOT NULL,
	`key` text NOT NULL,
	`acknowledged_at` text NOT NULL,
	PRIMARY KEY(`draft_id`, `key`),
	FOREIGN KEY (`draft_id`) REFERENCES `drafts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `guideline_sets` (
	`pack_id` text PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`definition` text NOT NULL,
	FOREIGN KEY (`pack_id`) REFERENCES `packs`(`id`) ON UPDATE no action ON DELETE cascade
);
