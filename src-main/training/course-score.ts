import { and, eq } from 'drizzle-orm';
import type { Question } from '../../src-shared/packs/items';
import { gradeQuiz } from '../../src-shared/training/quiz';
import type { AppDatabase } from '../db/open';
import { itemProgress, items } from '../db/schema';

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

export interface CourseOutcome {
  /** The course's knowledge checks together: each quiz's best points, out of all their marked questions. */
  score?: { scaled: number; raw: number; min: number; max: number };
  /** Every knowledge check of the course passed (at its pass mark). */
  success: boolean;
}

/**
 * The course's result for its `completed` statement: the best attempt at each knowledge check counts, one point
 * per marked question, so a course of a 5-question and a 10-question check is scored out of 15. A course with
 * no knowledge checks has no score (only success).
 */
export function courseOutcome(
  tx: Transaction | AppDatabase,
  packId: string,
  courseId: string,
): CourseOutcome {
  const quizzes = tx
    .select({ details: items.details, best: itemProgress.bestScore, completedAt: itemProgress.completedAt })
    .from(items)
    .leftJoin(itemProgress, and(eq(itemProgress.packId, items.packId), eq(itemProgress.itemId, items.id)))
    .where(and(eq(items.packId, packId), eq(items.courseId, courseId), eq(items.kind, 'quiz')))
    .all();
  let raw = 0;
  let max = 0;
  for (const quiz of quizzes) {
    const questions = (quiz.details['questions'] ?? []) as Question[];
    const marked = gradeQuiz(questions, {}, 0).max;
    raw += Math.round((quiz.best ?? 0) * marked);
    max += marked;
  }
  const success = quizzes.every((quiz) => quiz.completedAt !== null);
  if (max === 0) return { success };
  return { score: { scaled: raw / max, raw, min: 0, max }, success };
}
