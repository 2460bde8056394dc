CREATE TABLE `expertise_areas` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`evidence` text DEFAULT '' NOT NULL,
	`evidence_refs` text NOT NULL,
	`visibility` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `portfolio_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`url` text,
	`date` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`visibility` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `portfolio_visibility` (
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`visibility` text NOT NULL,
	PRIMARY KEY(`source`, `source_id`)
);
--> statement-breakpoint
CREATE TABLE `profile` (
	`id` integer PRIMARY KEY NOT NULL,
	`headline` text DEFAULT '' NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`photo` text,
	`topics` text NOT NULL,
	`links` text NOT NULL,
	`visibility` text NOT NULL,
	`updated_at` integer NOT NULL
);
