/**
 * What a course's certificate says a learner did (OB 3.0 #criteria `narrative`, Markdown), from the
 * course's own items: only the kinds it has, with each knowledge check's pass mark, so a course without
 * an exercise never claims one.
 */
import type { ItemKind } from '../packs/manifest';

export interface CriteriaItem {
  kind: ItemKind;
  title: string;
  /** Knowledge checks: the share of points needed (the item's own, else the course's), 0..1. */
  passMark?: number | null;
}

export function courseCriteriaNarrative(
  course: { title: string; passMark: number },
  items: readonly CriteriaItem[],
): string {
  const of = (kind: ItemKind) => items.filter((item) => item.kind === kind);
  const lines: string[] = [];
  const lessons = of('lesson');
  if (lessons.length > 0) lines.push(`- read ${count(lessons.length, 'lesson')}`);
  const quizzes = of('quiz');
  if (quizzes.length > 0) {
    const marks = quizzes.map(
      (quiz) => `“${quiz.title}” with at least ${percent(quiz.passMark ?? course.passMark)}`,
    );
    lines.push(
      `- passed ${quizzes.length === 1 ? 'the knowledge check' : `${quizzes.length} knowledge checks`}: ${marks.join('; ')}`,
    );
  }
  const exercises = of('exercise');
  if (exercises.length > 0) {
    lines.push(
      `- wrote ${exercises.length === 1 ? 'the writing exercise' : `${exercises.length} writing exercises`} ${titles(exercises)}, each draft marked ready against the company’s guidelines`,
    );
  }
  const reflections = of('reflection');
  if (reflections.length > 0) {
    lines.push(
      `- answered ${reflections.length === 1 ? 'the reflection' : `${reflections.length} reflections`} ${titles(reflections)}`,
    );
  }
  if (lines.length === 0) return `Completed the course “${course.title}”.`;
  return `Completed every item of the course “${course.title}”:\n\n${lines.join('\n')}`;
}

function count(n: number, noun: string): string {
  return n === 1 ? `the ${noun}` : `all ${n} ${noun}s`;
}

function titles(items: readonly CriteriaItem[]): string {
  return items.map((item) => `“${item.title}”`).join(', ');
}

/** 0.8 → "80%", 0.755 → "75.5%". */
function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
