import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Question } from '../../src-shared/packs/items';
import { describeCorrectAnswer, gradeQuiz, isCorrect, type QuizAnswer } from '../../src-shared/training/quiz';
import type { ActivityRef } from '../../src-shared/xapi/statements';
import type { DatabaseHandle } from '../db/open';
import { courseCompletions, itemProgress, items, quizAttempts, reflectionNotes } from '../db/schema';
import { issueCertificate, type CertificateDeps } from './certificates';
import { findItemInContext } from './item-query';
import { localLearner, recordStatement } from './statements';

export interface ProgressDeps extends CertificateDeps {
  database: DatabaseHandle;
  now: () => Date;
}

export interface ItemProgressView {
  status: 'started' | 'completed';
  bestScore: number | null;
  attempts: number;
  courseCompleted: boolean;
}

const interactionTypes = {
  single: 'choice',
  multiple: 'choice',
  truefalse: 'true-false',
  written: 'long-fill-in',
} as const;

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
    const parents: ActivityRef[] = [
      { kind: 'course', packId, id: item.courseId, title: row.courseTitle },
      { kind: 'module', packId, id: `${item.courseId}/${item.moduleId}`, title: row.moduleTitle },
    ];
    return { item, object, parents, passMark: item.passMark ?? row.coursePassMark };
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
    const { item, object, parents } = findItem(packId, itemId);
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
      recordStatement(tx, { timestamp: at, learner, verb: 'attempted', object, parents });
    });
    return view(packId, itemId);
  }

  /** An exercise is done when its draft is marked ready (called by the writing studio's drafts service). */
  function completeExercise(packId: string, itemId: string): ItemProgressView {
    return markCompleted(packId, itemId);
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
    const { item, object, parents } = findItem(packId, itemId);
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
        result: { completion: true },
      });
      courseCompleted = completeCourseIfDone(
        tx,
        packId,
        item.courseId,
        parents[0] as ActivityRef,
        at,
        learner,
      );
    });
    return view(packId, itemId, courseCompleted);
  }

  type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

  function completeCourseIfDone(
    tx: Tx,
    packId: string,
    courseId: string,
    course: ActivityRef,
    at: Date,
    learner: ReturnType<typeof localLearner>,
  ): boolean {
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
    recordStatement(tx, {
      timestamp: at,
      learner,
      verb: 'completed',
      object: course,
      result: { completion: true },
    });
    issueCertificate(tx, deps, { packId, courseId, learner, at });
    return true;
  }

  function startQuiz(packId: string, itemId: string): { attemptId: string } {
    const { item } = findItem(packId, itemId);
    if (item.kind !== 'quiz') throw new AppError('CONFLICT', `“${item.title}” is not a knowledge check.`);
    openItem(packId, itemId);
    const attemptId = randomUUID();
    db.insert(quizAttempts)
      .values({ id: attemptId, packId, itemId, answers: {}, startedAt: deps.now() })
      .run();
    return { attemptId };
  }

  function attempt(attemptId: string) {
    const row = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
    if (!row)
      throw new AppError('NOT_FOUND', 'That attempt does not exist; start the knowledge check again.');
    if (row.finishedAt)
      throw new AppError('CONFLICT', 'That attempt is finished; start a new one to try again.');
    const found = findItem(row.packId, row.itemId);
    const questions = (found.item.details['questions'] ?? []) as Question[];
    return { row, ...found, questions };
  }

  function answerQuestion(attemptId: string, questionId: string, answer: QuizAnswer) {
    const { row, object, parents, questions } = attempt(attemptId);
    const question = questions.find((candidate) => candidate.id === questionId);
    if (!question) throw new AppError('NOT_FOUND', `This knowledge check has no question "${questionId}".`);
    if (questionId in row.answers)
      throw new AppError('CONFLICT', 'That question was already answered in this attempt.');
    const correct = isCorrect(question, answer);
    const at = deps.now();
    const learner = localLearner(db, deps.now);
    db.transaction((tx) => {
      tx.update(quizAttempts)
        .set({ answers: { ...row.answers, [questionId]: answer } })
        .where(eq(quizAttempts.id, attemptId))
        .run();
      recordStatement(tx, {
        timestamp: at,
        learner,
        verb: 'answered',
        object: {
          kind: 'question',
          packId: row.packId,
          id: `${row.itemId}/${questionId}`,
          title: question.prompt,
        },
        parents: [object, ...parents],
        registration: attemptId,
        interactionType: interactionTypes[question.type],
        result: { success: correct, response: responseText(answer) },
      });
    });
    return { correct, explanation: question.explanation, correctAnswer: describeCorrectAnswer(question) };
  }

  function finishQuiz(attemptId: string) {
    const { row, item, object, parents, questions, passMark } = attempt(attemptId);
    const grade = gradeQuiz(questions, row.answers as Record<string, QuizAnswer>, passMark);
    const at = deps.now();
    const learner = localLearner(db, deps.now);
    let courseCompleted = false;
    db.transaction((tx) => {
      tx.update(quizAttempts)
        .set({ finishedAt: at, score: grade.scaled, passed: grade.passed })
        .where(eq(quizAttempts.id, attemptId))
        .run();
      const progress = tx
        .select()
        .from(itemProgress)
        .where(and(eq(itemProgress.packId, row.packId), eq(itemProgress.itemId, row.itemId)))
        .get();
      const firstPass = grade.passed && !progress?.completedAt;
      tx.update(itemProgress)
        .set({
          attempts: (progress?.attempts ?? 0) + 1,
          bestScore: Math.max(progress?.bestScore ?? 0, grade.scaled),
          ...(firstPass ? { completedAt: at } : {}),
        })
        .where(and(eq(itemProgress.packId, row.packId), eq(itemProgress.itemId, row.itemId)))
        .run();
      recordStatement(tx, {
        timestamp: at,
        learner,
        verb: grade.passed ? 'passed' : 'failed',
        object,
        parents,
        registration: attemptId,
        result: {
          score: { scaled: grade.scaled, raw: grade.points, min: 0, max: grade.max },
          success: grade.passed,
          completion: true,
        },
      });
      if (firstPass)
        courseCompleted = completeCourseIfDone(
          tx,
          row.packId,
          item.courseId,
          parents[0] as ActivityRef,
          at,
          learner,
        );
    });
    return { ...grade, passMark, courseCompleted };
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

  return {
    openItem,
    completeItem,
    completeExercise,
    startQuiz,
    answerQuestion,
    finishQuiz,
    view,
    readReflection,
    saveReflection,
  };
}

export type Progress = ReturnType<typeof createProgress>;

function responseText(answer: QuizAnswer): string {
  switch (answer.type) {
    case 'single':
      return String(answer.choice);
    case 'multiple':
      return answer.choices.join('[,]');
    case 'truefalse':
      return String(answer.value);
    case 'written':
      return answer.text;
  }
}
