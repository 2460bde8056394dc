CREATE TABLE `course_completions` (
	`pack_id` text NOT NULL,
	`course_id` text NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`pack_id`, `course_id`)
);
--> statement-breakpoint
CREATE TABLE `item_progress` (
	`pack_id` text NOT NULL,
	`item_id` text NOT NULL,
	`course_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_at` integer,
	`best_score` real,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_opened_at` integer NOT NULL,
	PRIMARY KEY(`pack_id`, `item_id`)
);
--> statement-breakpoint
CREATE TABLE `learner` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`statement_id` text PRIMARY KEY NOT NULL,
	`statement` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`pack_id` text NOT NULL,
	`item_id` text NOT NULL,
	`answers` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`score` real,
	`passed` integer
);
