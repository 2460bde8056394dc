import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Issued when a learner completes a course; kept even if the pack is removed later. */
export const certificates = sqliteTable(
  'certificates',
  {
    id: text('id').primaryKey(),
    packId: text('pack_id').notNull(),
    packVersion: text('pack_version').notNull(),
    courseId: text('course_id').notNull(),
    courseTitle: text('course_title').notNull(),
    courseSummary: text('course_summary'),
    learnerId: text('learner_id').notNull(),
    learnerName: text('learner_name').notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    /** The mean of the best scores of the course's knowledge checks, 0 to 1; null without any. */
    score: real('score'),
    /** The signed Open Badges 3.0 credential. */
    credential: text('credential', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  },
  (table) => [uniqueIndex('certificates_course').on(table.packId, table.courseId)],
);
