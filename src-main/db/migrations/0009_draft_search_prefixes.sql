-- Search-as-you-type asks for prefixes ("nxdo*"); FTS5 prefix indexes for 2- and 3-character prefixes
-- keep short prefixes from scanning the whole term list. A virtual table cannot be altered, so it is
-- rebuilt from `drafts`, in the migration's transaction.
DROP TABLE `draft_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `draft_search` USING fts5(
	`title`,
	`body`,
	`draft_id` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
INSERT INTO `draft_search` (`title`, `body`, `draft_id`) SELECT `title`, `body`, `id` FROM `drafts`;
