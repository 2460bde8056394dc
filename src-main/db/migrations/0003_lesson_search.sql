-- Full-text search over installed items (SQLite FTS5). drizzle cannot declare virtual tables, so this
-- migration is written by hand; the importer fills the table in the same transaction as `items`.
CREATE VIRTUAL TABLE `item_search` USING fts5(
	`title`,
	`text`,
	`pack_id` UNINDEXED,
	`item_id` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);
