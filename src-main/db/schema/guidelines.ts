import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { GuidelineSet } from '../../../src-shared/writing/guideline-rules';
import { packs } from './packs';
import { drafts } from './drafts';

/** The guideline set a pack ships (`guidelines:` in pack.yaml), stored at import; removed with its pack. */
export const guidelineSets = sqliteTable('guideline_sets', {
  packId: text('pack_id')
    .primaryKey()
    .references(() => packs.id, { onDelete: 'cascade' }),
  id: text('id').notNull(),
  title: text('title').notNull(),
  /** The whole set as validated at import, rules and all. */
  definition: text('definition', { mode: 'json' }).notNull().$type<GuidelineSet>(),
});

/** Findings the writer has acknowledged on a draft, by `acknowledgementKey`. */
export const draftAcknowledgements = sqliteTable(
  'draft_acknowledgements',
  {
    draftId: text('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    acknowledgedAt: text('acknowledged_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.draftId, table.key] })],
);
