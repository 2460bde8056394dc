import { sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Issued when a learner completes a course; kept even if the pack is removed later. Re-issuing one under a
 * corrected name adds a certificate and marks the old one replaced, so history keeps every signed copy.
 */
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
    /** The certificate that replaced this one (re-issued under a corrected name); null for the current one. */
    replacedBy: text('replaced_by'),
  },
  // One current certificate per course; replaced ones stay beside it.
  (table) => [
    uniqueIndex('certificates_current_course')
      .on(table.packId, table.courseId)
      .where(sql`${table.replacedBy} IS NULL`),
  ],
);

/**
 * Open Badges the company's hub issued for this learner (GET /credentials/mine), kept as received and checked
 * against the hub's DID document, which is kept beside each so it verifies offline. One per course: the hub
 * issues one per learner and course, and a newer fetch replaces it.
 */
export const companyCredentials = sqliteTable(
  'company_credentials',
  {
    /** The hub's id (a UUID), the last part of its verification page's address. */
    id: text('id').primaryKey(),
    packId: text('pack_id').notNull(),
    courseId: text('course_id').notNull(),
    issuerName: text('issuer_name').notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** Whether the hub serves its public verification page (the learner's choice, as the hub last said). */
    public: integer('public', { mode: 'boolean' }).notNull(),
    /** What the learner asked for, until the hub has been told (null: nothing to tell). */
    publicWanted: integer('public_wanted', { mode: 'boolean' }),
    pageUrl: text('page_url').notNull(),
    credential: text('credential', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    didDocument: text('did_document', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [uniqueIndex('company_credentials_course').on(table.packId, table.courseId)],
);
