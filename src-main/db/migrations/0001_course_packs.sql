CREATE TABLE `courses` (
	`pack_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`pass_mark` real NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`pack_id`, `id`),
	FOREIGN KEY (`pack_id`) REFERENCES `packs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `items` (
	`pack_id` text NOT NULL,
	`id` text NOT NULL,
	`course_id` text NOT NULL,
	`module_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`file` text NOT NULL,
	`body` text NOT NULL,
	`minutes` integer,
	`pass_mark` real,
	`details` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`pack_id`, `id`),
	FOREIGN KEY (`pack_id`) REFERENCES `packs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `modules` (
	`pack_id` text NOT NULL,
	`course_id` text NOT NULL,
	`id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`position` integer NOT NULL,
	PRIMARY KEY(`pack_id`, `course_id`, `id`),
	FOREIGN KEY (`pack_id`) REFERENCES `packs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `packs` (
	`id` text PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`language` text NOT NULL,
	`authors` text NOT NULL,
	`folder` text NOT NULL,
	`source` text NOT NULL,
	`installed_at` integer NOT NULL
);
