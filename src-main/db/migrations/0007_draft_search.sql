-- Full-text search over drafts (SQLite FTS5), written by hand: drizzle cannot declare virtual tables.
-- The drafts service keeps it in step with `drafts` in the same transactions.
CREATE VIRTUAL TABLE `draft_search` USING fts5(
	`title`,
	`body`,
	`draft_id` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);
