import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The person learning on this device; the actor of every statement it records. */
export const learner = sqliteTable('learner', {
  id: text('id').primaryKey(),
  /** "Learner" until the person gives their name (`namedAt`). */
  name: text('name').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  /** Optional, from the welcome: offered when connecting to the company's hub. */
  email: text('email'),
  /** Optional, from the welcome: the profile's headline until the person writes one. */
  role: text('role'),
  /** When the person gave the name certificates carry; null while it is still the placeholder. */
  namedAt: integer('named_at', { mode: 'timestamp_ms' }),
  /** When the first-run welcome was answered or skipped. */
  welcomedAt: integer('welcomed_at', { mode: 'timestamp_ms' }),
});

/**
 * Where a learner is with each item. Keyed by (pack, item id) with no foreign key to `items`, so an
 * upgrade or a removal of the pack never loses it.
 */
export const itemProgress = sqliteTable(
  'item_progress',
  {
    packId: text('pack_id').notNull(),
    itemId: text('item_id').notNull(),
    courseId: text('course_id').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    /** Quizzes: the best scaled score so far, 0 to 1. */
    bestScore: real('best_score'),
    attempts: integer('attempts').notNull().default(0),
    lastOpenedAt: integer('last_opened_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.packId, table.itemId] })],
);

export const quizAttempts = sqliteTable('quiz_attempts', {
  /** Also in the attempt's statements, as the quiz-attempt context extension (docs/xapi-profile.md). */
  id: text('id').primaryKey(),
  packId: text('pack_id').notNull(),
  itemId: text('item_id').notNull(),
  /** Answers by question id, with choices as the pack numbers them (not as shown). */
  answers: text('answers', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  /** The order the choices of each question were shown in this attempt: pack indices, by question id. */
  choiceOrder: text('choice_order', { mode: 'json' }).notNull().default({}).$type<Record<string, number[]>>(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  /** Time on task so far: the gaps between the start, each answer and the finish, each capped (time-on-task.ts). */
  activeMs: integer('active_ms').notNull().default(0),
  /** The last thing the learner did in the attempt (its start, or an answer); null on attempts made before. */
  lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
  finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  score: real('score'),
  passed: integer('passed', { mode: 'boolean' }),
});

/**
 * The learner's attempt at each course: its id is the xAPI `registration` on every statement of the attempt, so
 * reports can tell one attempt from another. The app has no restart of a course, so there is one per learner and
 * course; it outlives pack upgrades and removals like the rest of progress.
 */
export const courseRegistrations = sqliteTable(
  'course_registrations',
  {
    learnerId: text('learner_id').notNull(),
    packId: text('pack_id').notNull(),
    courseId: text('course_id').notNull(),
    registration: text('registration').notNull().unique(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    /** Time on task so far: the sum of the durations of the attempt's statements (docs/xapi-profile.md). */
    activeMs: integer('active_ms').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.learnerId, table.packId, table.courseId] })],
);

export const courseCompletions = sqliteTable(
  'course_completions',
  {
    packId: text('pack_id').notNull(),
    courseId: text('course_id').notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.packId, table.courseId] })],
);

/**
 * xAPI statements waiting for the company's record store. Written in the same transaction as the
 * progress they describe; append-only, with the statement id as key, so sending is idempotent.
 */
export const outbox = sqliteTable('outbox', {
  statementId: text('statement_id').primaryKey(),
  statement: text('statement', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
});

/** What a learner wrote for a reflection: private, never synced, kept across pack upgrades. */
export const reflectionNotes = sqliteTable(
  'reflection_notes',
  {
    packId: text('pack_id').notNull(),
    itemId: text('item_id').notNull(),
    text: text('text').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.packId, table.itemId] })],
);
