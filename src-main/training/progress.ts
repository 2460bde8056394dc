import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { ActivityRef, PackRef } from '../../src-shared/xapi/statements';
import type { DatabaseHandle } from '../db/open';
import { courseCompletions, itemProgress, items, reflectionNotes } from '../db/schema';
import { courseOutcome } from './course-score';
import { issueCertificate, type CertificateDeps } from './certificates';
import { findItemInContext } from './item-query';
import { createQuizAttempts } from './quiz-attempts';
import { courseTimeOnTask, localLearner, recordStatement } from './statements';
import { activeGap, itemGapCapMs } from './time-on-task';

export interface ProgressDeps extends CertificateDeps {
  database: DatabaseHandle;
  now: () => Date;
  /** Numbers in [0, 1) that shuffle each attempt's choices; tests may fix them. */
  random?: () => number;
}

export interface ItemProgressView {
  status: 'started' | 'completed';
  bestScore: number | null;
  attempts: number;
  courseCompleted: boolean;
}

/**
 * The learner's progress. Every change writes its xAPI statement to the outbox in the same
 * transaction, so a record exists exactly when the progress does.
 */
export function createProgress(deps: ProgressDeps) {
  const { db } = deps.database;

  function findItem(packId: string, itemId: string) {
    const row = findItemInContext(db, packId, itemId);
    const { item } = row;
    const object: ActivityRef = { kind: item.kind, packId, id: item.id, title: item.title };
    const course: ActivityRef = {
      kind: 'course',
      packId,
      id: item.courseId,
      title: row.courseTitle,
      description: row.courseSummary,
    };
    const module: ActivityRef = {
      kind: 'module',
      packId,
      id: `${item.courseId}/${item.moduleId}`,
      title: row.moduleTitle,
      description: row.moduleSummary,
    };
    const pack: PackRef = row.pack;
    return {
      item,
      object,
      course,
      pack,
      parents: [course, module],
      passMark: item.passMark ?? row.coursePassMark,
    };
  }

  function view(packId: string, itemId: string, courseCompleted = false): ItemProgressView {
    const row = db
      .select()
      .from(itemProgress)
      .where(and(eq(itemProgress.packId, packId), eq(itemProgress.itemId, itemId)))
      .get();
    return {
      status: row?.completedAt ? 'completed' : 'started',
      bestScore: row?.bestScore ?? null,
      attempts: row?.attempts ?? 0,
      courseCompleted,
    };
  }

  /** Opening an item starts it the first time (an `attempted` statement) and marks it as where to resume. */
  function openItem(packId: string, itemId: string): ItemProgressView {
    const { item, object, parents, pack } = findItem(packId, itemId);
    const at = deps.now();
    const learner = localLearner(db, deps.now);
    db.transaction((tx) => {
      const where = and(eq(itemProgress.packId, packId), eq(itemProgress.itemId, itemId));
      if (tx.select({ itemId: itemProgress.itemId }).from(itemProgress).where(where).get()) {
        tx.update(itemProgress).set({ lastOpenedAt: at }).where(where).run();
        return;
      }
      tx.insert(itemProgress)
        .values({ packId, itemId, courseId: item.courseId, startedAt: at, lastOpenedAt: at })
        .run();
      recordStatement(tx, { timestamp: at, learner, verb: 'attempted', object, parents, pack });
    });
    return view(packId, itemId);
  }

  /**
   * An exercise is done when its draft is marked ready (called by the writing studio's drafts service, which
   * has checked the exercise's rules). Answers with the course this completed, if it did.
   */
  function completeExercise(packId: string, itemId: string): { packId: string; courseId: string } | null {
    const { item } = findItem(packId, itemId);
    return markCompleted(packId, itemId).courseCompleted ? { packId, courseId: item.courseId } : null;
  }

  /** Lessons and reflections are done when the learner says so; quizzes by passing, exercises by a ready draft. */
  function completeItem(packId: string, itemId: string): ItemProgressView {
    const { item } = findItem(packId, itemId);
    if (item.kind === 'quiz') throw new AppError('CONFLICT', 'A knowledge check is completed by passing it.');
    if (item.kind === 'reflection' && !readReflection(packId, itemId).text.trim()) {
      throw new AppError(
        'CONFLICT',
        'Write a few words for yourself first: the reflection is your own note.',
      );
    }
    if (item.kind === 'exercise') {
      throw new AppError(
        'CONFLICT',
        'An exercise is completed by marking its draft ready in the writing studio.',
      );
    }
    return markCompleted(packId, itemId);
  }

  function markCompleted(packId: string, itemId: string): ItemProgressView {
    const { item, object, parents, pack, course } = findItem(packId, itemId);
    const openedAt = db
      .select({ at: itemProgress.lastOpenedAt })
      .from(itemProgress)
      .where(and(eq(itemProgress.packId, packId), eq(itemProgress.itemId, itemId)))
      .get()?.at;
    openItem(packId, itemId);
    const at = deps.now();
    const learner = localLearner(db, deps.now);
    let courseCompleted = false;
    db.transaction((tx) => {
      const updated = tx
        .update(itemProgress)
        .set({ completedAt: at })
        .where(
          and(
            eq(itemProgress.packId, packId),
            eq(itemProgress.itemId, itemId),
            isNull(itemProgress.completedAt),
          ),
        )
        .run();
      if (updated.changes === 0) return;
      recordStatement(tx, {
        timestamp: at,
        learner,
        verb: 'completed',
        object,
        parents,
        pack,
        result: { completion: true },
        // From the item's last opening; never opened before (completed where it was shown), no time passed here.
        timeOnTaskMs: openedAt ? activeGap(openedAt, at, itemGapCapMs(item.minutes)) : 0,
      });
      courseCompleted = completeCourseIfDone(tx, { pack, course }, at, learner);
    });
    return view(packId, itemId, courseCompleted);
  }

  type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

  /**
   * When every item of the course is done, records the course's completion (scored from its knowledge checks)
   * and issues its certificate. True when this call completed it.
   */
  function completeCourseIfDone(
    tx: Tx,
    where: { pack: PackRef; course: ActivityRef },
    at: Date,
    learner: ReturnType<typeof localLearner>,
  ): boolean {
    const { pack, course } = where;
    const packId = pack.id;
    const courseId = course.id;
    const total = tx
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.packId, packId), eq(items.courseId, courseId)))
      .all();
    const done = new Set(
      tx
        .select({ id: itemProgress.itemId })
        .from(itemProgress)
        .where(and(eq(itemProgress.packId, packId), isNotNull(itemProgress.completedAt)))
        .all()
        .map((row) => row.id),
    );
    if (!total.every((row) => done.has(row.id))) return false;
    const inserted = tx
      .insert(courseCompletions)
      .values({ packId, courseId, completedAt: at })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0) return false;
    const outcome = courseOutcome(tx, packId, courseId);
    recordStatement(tx, {
      timestamp: at,
      learner,
      verb: 'completed',
      object: course,
      pack,
      result: { ...outcome, completion: true },
      timeOnTaskMs: courseTimeOnTask(tx, learner, packId, courseId),
    });
    // Without a name given yet, the certificate waits for one (claimCertificate).
    issueCertificate(tx, deps, { packId, courseId, at });
    return true;
  }

  function readReflection(packId: string, itemId: string): { text: string; updatedAt: string | null } {
    const row = db
      .select()
      .from(reflectionNotes)
      .where(and(eq(reflectionNotes.packId, packId), eq(reflectionNotes.itemId, itemId)))
      .get();
    return { text: row?.text ?? '', updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  /** A reflection's note is private: it is stored here and never becomes a statement. */
  function saveReflection(packId: string, itemId: string, text: string): { updatedAt: string } {
    const { item } = findItem(packId, itemId);
    if (item.kind !== 'reflection') throw new AppError('CONFLICT', `“${item.title}” is not a reflection.`);
    const updatedAt = deps.now();
    db.insert(reflectionNotes)
      .values({ packId, itemId, text, updatedAt })
      .onConflictDoUpdate({
        target: [reflectionNotes.packId, reflectionNotes.itemId],
        set: { text, updatedAt },
      })
      .run();
    return { updatedAt: updatedAt.toISOString() };
  }

  const quizzes = createQuizAttempts(deps, { findItem, openItem, completeCourseIfDone });

  return {
    openItem,
    completeItem,
    completeExercise,
    ...quizzes,
    view,
    readReflection,
    saveReflection,
  };
}

export type Progress = ReturnType<typeof createProgress>;
