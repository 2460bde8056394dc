import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The advocate's drafts. They never leave the device except by the writer's own export. */
export const drafts = sqliteTable(
  'drafts',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Kept with every save, so the library never reads bodies just to count them. */
    words: integer('words').notNull().default(0),
    channel: text('channel', { enum: ['blog', 'forum', 'linkedin', 'x', 'internal'] }).notNull(),
    status: text('status', { enum: ['idea', 'drafting', 'ready', 'published', 'archived'] }).notNull(),
    tags: text('tags', { mode: 'json' }).notNull().$type<string[]>(),
    audience: text('audience').notNull().default(''),
    publishedUrl: text('published_url'),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    /** The training exercise this draft answers; marking it ready completes the exercise. */
    exercisePackId: text('exercise_pack_id'),
    exerciseItemId: text('exercise_item_id'),
    /** Bumped by every save, so a stale tab cannot overwrite newer text unnoticed. */
    revision: integer('revision').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when moved to the trash; emptying the trash deletes the row. */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    /**
     * The rowid of this draft's row in the full-text index `draft_search`, so a search hit finds its
     * draft without reading the hit's indexed text (FTS5 reads a whole row to return any one column).
     */
    searchRowid: integer('search_rowid').notNull(),
  },
  (table) => [
    index('drafts_updated').on(table.updatedAt),
    index('drafts_exercise').on(table.exercisePackId, table.exerciseItemId),
    // Library search joins each hit to its draft by the hit's rowid; with every column the library
    // filters, sorts and shows in this index, that takes no visit to the row, whose body sits in front of
    // them (a search sorted by date over a common word's 10,000 hits read every one of those bodies).
    index('drafts_library').on(
      table.searchRowid,
      table.deletedAt,
      table.status,
      table.channel,
      table.updatedAt,
      table.createdAt,
      table.title,
      table.tags,
      table.id,
      table.words,
      table.audience,
      table.publishedUrl,
      table.exercisePackId,
      table.exerciseItemId,
      table.revision,
    ),
  ],
);

export const draftVersions = sqliteTable(
  'draft_versions',
  {
    id: text('id').primaryKey(),
    draftId: text('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    reason: text('reason', { enum: ['pause', 'manual', 'before-restore'] }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('draft_versions_draft').on(table.draftId, table.createdAt)],
);
