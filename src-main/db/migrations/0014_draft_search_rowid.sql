-- Library search joins each full-text hit to its draft by the hit's rowid, now kept on the draft, instead of
-- by the `draft_id` the hit stores: FTS5 reads a row's whole text to return any one of its columns, so
-- sorting the matches of a common word by date read the text of every one. Written by hand: SQLite cannot
-- add a NOT NULL column without a default, so `drafts` is rebuilt the way drizzle-kit rebuilds a table,
-- each draft taking its old rowid as its search rowid, and `draft_search` is refilled under those rowids,
-- all in the migration's transaction.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`words` integer DEFAULT 0 NOT NULL,
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
	`deleted_at` integer,
	`search_rowid` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_drafts`(`id`, `title`, `body`, `words`, `channel`, `status`, `tags`, `audience`, `published_url`, `published_at`, `exercise_pack_id`, `exercise_item_id`, `revision`, `created_at`, `updated_at`, `deleted_at`, `search_rowid`) SELECT `id`, `title`, `body`, `words`, `channel`, `status`, `tags`, `audience`, `published_url`, `published_at`, `exercise_pack_id`, `exercise_item_id`, `revision`, `created_at`, `updated_at`, `deleted_at`, `rowid` FROM `drafts`;--> statement-breakpoint
DROP TABLE `drafts`;--> statement-breakpoint
ALTER TABLE `__new_drafts` RENAME TO `drafts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `drafts_updated` ON `drafts` (`updated_at`);--> statement-breakpoint
CREATE INDEX `drafts_exercise` ON `drafts` (`exercise_pack_id`,`exercise_item_id`);--> statement-breakpoint
CREATE INDEX `drafts_library` ON `drafts` (`search_rowid`,`deleted_at`,`status`,`channel`,`updated_at`,`created_at`,`title`,`tags`,`id`,`words`,`audience`,`published_url`,`exercise_pack_id`,`exercise_item_id`,`revision`);--> statement-breakpoint
DELETE FROM `draft_search`;--> statement-breakpoint
INSERT INTO `draft_search` (`rowid`, `title`, `body`, `draft_id`) SELECT `search_rowid`, `title`, `body`, `id` FROM `drafts`;
