import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/** One row per preference; values are JSON validated by `Preferences` in src-shared on the way out. */
export const preferences = sqliteTable('preferences', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
