import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Installed course packs: one row per pack, at the version installed. */
export const packs = sqliteTable('packs', {
  id: text('id').primaryKey(),
  version: text('version').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  language: text('language').notNull(),
  authors: text('authors', { mode: 'json' }).notNull().$type<{ name: string; email?: string }[]>(),
  /** Where the pack's files are, relative to the data folder. */
  folder: text('folder').notNull(),
  source: text('source', { enum: ['bundled', 'imported', 'hub'] }).notNull(),
  installedAt: integer('installed_at', { mode: 'timestamp_ms' }).notNull(),
});

export const courses = sqliteTable(
  'courses',
  {
    packId: text('pack_id')
      .notNull()
      .references(() => packs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    passMark: real('pass_mark').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.packId, table.id] })],
);

export const modules = sqliteTable(
  'modules',
  {
    packId: text('pack_id')
      .notNull()
      .references(() => packs.id, { onDelete: 'cascade' }),
    courseId: text('course_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.packId, table.courseId, table.id] })],
);

/** Lessons, quizzes, exercises and reflections. Progress refers to (pack_id, id), which stays stable. */
export const items = sqliteTable(
  'items',
  {
    packId: text('pack_id')
      .notNull()
      .references(() => packs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    courseId: text('course_id').notNull(),
    moduleId: text('module_id').notNull(),
    kind: text('kind', { enum: ['lesson', 'quiz', 'exercise', 'reflection'] }).notNull(),
    title: text('title').notNull(),
    file: text('file').notNull(),
    body: text('body').notNull(),
    minutes: integer('minutes'),
    passMark: real('pass_mark'),
    details: text('details', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.packId, table.id] })],
);
