import { randomInt, randomUUID } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Question } from '../../src-shared/packs/items';
import {
  correctAnswerList,
  describeCorrectAnswer,
  gradeQuiz,
  isCorrect,
  isMarked,
  missedQuestions,
  type QuizAnswer,
} from '../../src-shared/training/quiz';
import { attemptQuestion, choiceOrderFor, toPackAnswer } from '../../src-shared/training/quiz-attempt';
import type { AnswerFeedback, QuizAttempt, QuizResult } from '../../src-shared/training/schemas';
import { interactionOf, responseOf } from '../../src-shared/xapi/interactions';
import { extensionIris, type ActivityRef, type PackRef } from '../../src-shared/xapi/statements';
import type { AppDatabase } from '../db/open';
import { itemProgress, quizAttempts } from '../db/schema';
import type { ProgressDeps } from './progress';
import { localLearner, recordStatement } from './statements';
import { activeGap, QUIZ_GAP_CAP_MS } from './time-on-task';

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

/** What attempts need of the rest of progress: the item in context, starting it, and completing its course. */
export interface QuizAttemptsHost {
  findItem(
    packId: string,
    itemId: string,
  ): {
    item: { id: string; kind: string; title: string; courseId: string; details: Record<string, unknown> };
    object: ActivityRef;
    parents: ActivityRef[];
    course: ActivityRef;
    pack: PackRef;
    passMark: number;
  };
  openItem(packId: string, itemId: string): unknown;
  completeCourseIfDone(
    tx: Transaction,
    where: { pack: PackRef; course: ActivityRef },
    at: Date,
    learner: ReturnType<typeof localLearner>,
  ): boolean;
}

/** A random number in [0, 1) from the operating system's generator. */
const secureRandom = () => randomInt(2 ** 47) / 2 ** 47;

/**
 * Attempts at knowledge checks: each shows the questions in a fresh order of choices and without their
 * answers, marks each answer as it is given (feedback comes only then), and grades the marked questions.
 * Every answer and outcome is an xAPI statement written with it, in one transaction.
 */
export function createQuizAttempts(deps: ProgressDeps, host: QuizAttemptsHost) {
  const { db } = deps.database;
  const random = deps.random ?? secureRandom;

  function questionsOf(details: Record<string, unknown>): Question[] {
    return (details['questions'] ?? []) as Question[];
  }

  /** The marked questions the learner's last finished attempt got wrong, so a retry can point them out. */
  function missedLastTime(packId: string, itemId: string, questions: readonly Question[]): string[] {
    const last = db
      .select({ answers: quizAttempts.answers })
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.packId, packId),
          eq(quizAttempts.itemId, itemId),
          isNotNull(quizAttempts.finishedAt),
        ),
      )
      .orderBy(desc(quizAttempts.finishedAt))
      .get();
    if (!last) return [];
    return missedQuestions(questions, last.answers as Record<string, QuizAnswer>).map(
      (question) => question.id,
    );
  }

  function startQuiz(packId: string, itemId: string): QuizAttempt {
    const { item, passMark } = host.findItem(packId, itemId);
    if (item.kind !== 'quiz') throw new AppError('CONFLICT', `“${item.title}” is not a knowledge check.`);
    host.openItem(packId, itemId);
    const questions = questionsOf(item.details);
    const choiceOrder = choiceOrderFor(questions, random);
    const attemptId = randomUUID();
    const startedAt = deps.now();
    db.insert(quizAttempts)
      .values({ id: attemptId, packId, itemId, answers: {}, choiceOrder, startedAt, lastActiveAt: startedAt })
      .run();
    return {
      attemptId,
      questions: questions.map((question) => attemptQuestion(question, choiceOrder)),
      passMark,
      missedLastTime: missedLastTime(packId, itemId, questions),
    };
  }

  function attempt(attemptId: string) {
    const row = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
    if (!row)
      throw new AppError('NOT_FOUND', 'That attempt does not exist; start the knowledge check again.');
    if (row.finishedAt)
      throw new AppError('CONFLICT', 'That attempt is finished; start a new one to try again.');
    const found = host.findItem(row.packId, row.itemId);
    return { row, ...found, questions: questionsOf(found.item.details) };
  }

  function answerQuestion(attemptId: string, questionId: string, given: QuizAnswer): AnswerFeedback {
    const { row, object, parents, pack, questions } = attempt(attemptId);
    const question = questions.find((candidate) => candidate.id === questionId);
    if (!question) throw new AppError('NOT_FOUND', `This knowledge check has no question "${questionId}".`);
    if (questionId in row.answers)
      throw new AppError('CONFLICT', 'That question was already answered in this attempt.');
    const answer = toPackAnswer(given, row.choiceOrder[questionId]);
    if (answer === null)
      throw new AppError('INVALID_INPUT', 'That answer names a choice the question did not show.');
    const marked = isMarked(question);
    const correct = marked ? isCorrect(question, answer) : null;
    const at = deps.now();
    const learner = localLearner(db, deps.now);
    db.transaction((tx) => {
      tx.update(quizAttempts)
        .set({ answers: { ...row.answers, [questionId]: answer }, ...activeTime(row, at) })
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
        pack,
        extensions: { [extensionIris.quizAttempt]: attemptId },
        interaction: interactionOf(question),
        // A written answer is recorded word for word, and not judged (xAPI 2.0 §4.2.4.3: success is optional).
        result:
          correct === null
            ? { response: responseOf(answer) }
            : { success: correct, response: responseOf(answer) },
      });
    });
    return {
      correct,
      explanation: question.explanation,
      correctAnswer: describeCorrectAnswer(question),
      correctAnswers: correctAnswerList(question),
    };
  }

  function finishQuiz(attemptId: string): QuizResult {
    const { row, object, parents, pack, course, questions, passMark } = attempt(attemptId);
    const answers = row.answers as Record<string, QuizAnswer>;
    const grade = gradeQuiz(questions, answers, passMark);
    const at = deps.now();
    const learner = localLearner(db, deps.now);
    let courseCompleted = false;
    db.transaction((tx) => {
      const time = activeTime(row, at);
      tx.update(quizAttempts)
        .set({ finishedAt: at, score: grade.scaled, passed: grade.passed, ...time })
        .where(eq(quizAttempts.id, attemptId))
        .run();
      const firstPass = recordAttempt(tx, row, grade, at);
      recordStatement(tx, {
        timestamp: at,
        learner,
        verb: grade.passed ? 'passed' : 'failed',
        object,
        parents,
        pack,
        extensions: { [extensionIris.quizAttempt]: attemptId },
        result: {
          score: { scaled: grade.scaled, raw: grade.points, min: 0, max: grade.max },
          success: grade.passed,
          completion: true,
        },
        timeOnTaskMs: time.activeMs,
      });
      if (firstPass) courseCompleted = host.completeCourseIfDone(tx, { pack, course }, at, learner);
    });
    return {
      ...grade,
      written: questions.filter((question) => !isMarked(question) && question.id in answers).length,
      missed: missedQuestions(questions, answers).map(({ id, prompt }) => ({ id, prompt })),
      passMark,
      courseCompleted,
    };
  }

  /** The attempt's time on task with the gap up to `at` (capped), and `at` as its last activity. */
  function activeTime(row: { activeMs: number; lastActiveAt: Date | null; startedAt: Date }, at: Date) {
    const since = row.lastActiveAt ?? row.startedAt;
    return { activeMs: row.activeMs + activeGap(since, at, QUIZ_GAP_CAP_MS), lastActiveAt: at };
  }

  /** Counts the attempt and keeps the best score; true when this attempt is the first to pass. */
  function recordAttempt(
    tx: Transaction,
    row: { packId: string; itemId: string },
    grade: { scaled: number; passed: boolean },
    at: Date,
  ): boolean {
    const where = and(eq(itemProgress.packId, row.packId), eq(itemProgress.itemId, row.itemId));
    const progress = tx.select().from(itemProgress).where(where).get();
    const firstPass = grade.passed && !progress?.completedAt;
    tx.update(itemProgress)
      .set({
        attempts: (progress?.attempts ?? 0) + 1,
        bestScore: Math.max(progress?.bestScore ?? 0, grade.scaled),
        ...(firstPass ? { completedAt: at } : {}),
      })
      .where(where)
      .run();
    return firstPass;
  }

  return { startQuiz, answerQuestion, finishQuiz };
}
