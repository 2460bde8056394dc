import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { isoDuration } from '../../src-shared/xapi/duration';
import { buildStatement, type Learner, type StatementInput } from '../../src-shared/xapi/statements';
import type { AppDatabase } from '../db/open';
import { courseRegistrations, learner, outbox } from '../db/schema';

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

/**
 * Appends a statement to the outbox inside the caller's transaction, so it commits with the progress. A statement
 * about a course or anything in one carries the learner's registration for that course (courseRegistration).
 */
export function recordStatement(
  tx: Transaction,
  { timeOnTaskMs, ...input }: Omit<StatementInput, 'id' | 'registration'> & RecordOptions,
): string {
  const id = randomUUID();
  const course =
    input.object.kind === 'course' ? input.object : input.parents?.find((ref) => ref.kind === 'course');
  const registration = course
    ? courseRegistration(tx, input.learner, course.packId, course.id, input.timestamp)
    : undefined;
  let result = input.result;
  if (timeOnTaskMs !== undefined) {
    result = { ...result, duration: isoDuration(timeOnTaskMs) };
    // The course's own completion reports the attempt's total; the items' durations make it up.
    if (registration && input.object.kind !== 'course') {
      tx.update(courseRegistrations)
        .set({ activeMs: sql`${courseRegistrations.activeMs} + ${Math.round(timeOnTaskMs)}` })
        .where(eq(courseRegistrations.registration, registration))
        .run();
    }
  }
  tx.insert(outbox)
    .values({
      statementId: id,
      statement: buildStatement({
        ...input,
        id,
        ...(registration ? { registration } : {}),
        ...(result ? { result } : {}),
      }),
      createdAt: input.timestamp,
    })
    .run();
  return id;
}

export interface RecordOptions {
  /** Time on task (time-on-task.ts), as `result.duration`; added to the course attempt's total. */
  timeOnTaskMs?: number;
}

/** The time on task of the learner's attempt at a course so far: the sum of its statements' durations. */
export function courseTimeOnTask(
  tx: Transaction | AppDatabase,
  who: Learner,
  packId: string,
  courseId: string,
): number {
  const row = tx
    .select({ activeMs: courseRegistrations.activeMs })
    .from(courseRegistrations)
    .where(
      and(
        eq(courseRegistrations.learnerId, who.id),
        eq(courseRegistrations.packId, packId),
        eq(courseRegistrations.courseId, courseId),
      ),
    )
    .get();
  return row?.activeMs ?? 0;
}

/**
 * The learner's attempt at a course, as the xAPI registration (a UUID): made with the first statement about the
 * course and kept in the database, so it is the same after a restart. There is no restarting a course in the app
 * yet, so a learner has one per course.
 */
export function courseRegistration(
  tx: Transaction | AppDatabase,
  who: Learner,
  packId: string,
  courseId: string,
  at: Date,
): string {
  const where = and(
    eq(courseRegistrations.learnerId, who.id),
    eq(courseRegistrations.packId, packId),
    eq(courseRegistrations.courseId, courseId),
  );
  const existing = tx
    .select({ registration: courseRegistrations.registration })
    .from(courseRegistrations)
    .where(where)
    .get();
  if (existing) return existing.registration;
  const registration = randomUUID();
  tx.insert(courseRegistrations)
    .values({ learnerId: who.id, packId, courseId, registration, startedAt: at })
    .run();
  return registration;
}

/** What the learner is called until they give their name; certificates are never issued under it. */
export const PLACEHOLDER_NAME = 'Learner';

/** The device's learner, created on first use with a random id (the xAPI account name). */
export function localLearner(db: AppDatabase, now: () => Date): Learner {
  const existing = db.select().from(learner).get();
  if (existing) return { id: existing.id, name: existing.name };
  const created = { id: randomUUID(), name: PLACEHOLDER_NAME, createdAt: now() };
  db.insert(learner).values(created).onConflictDoNothing().run();
  const row = db.select().from(learner).where(eq(learner.id, created.id)).get() ?? created;
  return { id: row.id, name: row.name };
}
