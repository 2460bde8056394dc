import { z } from 'zod';
import type { Question } from '../packs/items';

/** What a learner gives for one question; the shape depends on the question's type. */
export const QuizAnswer = z.union([
  z.strictObject({ type: z.literal('single'), choice: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('multiple'), choices: z.array(z.number().int().min(0)).max(50) }),
  z.strictObject({ type: z.literal('truefalse'), value: z.boolean() }),
  /** Written answers are checked by the learner against the model answer: `matches` is their verdict. */
  z.strictObject({ type: z.literal('written'), text: z.string().max(10_000), matches: z.boolean() }),
]);
export type QuizAnswer = z.infer<typeof QuizAnswer>;

export interface QuizGrade {
  points: number;
  max: number;
  /** points / max, 0 to 1. */
  scaled: number;
  passed: boolean;
}

/** Whether an answer is right; an answer of the wrong shape for the question is simply wrong. */
export function isCorrect(question: Question, answer: QuizAnswer): boolean {
  switch (question.type) {
    case 'single':
      return answer.type === 'single' && question.choices[answer.choice]?.correct === true;
    case 'multiple': {
      if (answer.type !== 'multiple') return false;
      const chosen = new Set(answer.choices);
      return (
        question.choices.every((choice, index) => choice.correct === chosen.has(index)) && chosen.size > 0
      );
    }
    case 'truefalse':
      return answer.type === 'truefalse' && answer.value === question.answer;
    case 'written':
      return answer.type === 'written' && answer.matches && answer.text.trim() !== '';
  }
}

/** One point per question; a quiz is passed at or above its pass mark. Unanswered questions score 0. */
export function gradeQuiz(
  questions: readonly Question[],
  answers: Readonly<Record<string, QuizAnswer>>,
  passMark: number,
): QuizGrade {
  const max = questions.length;
  const points = questions.filter((question) => {
    const answer = answers[question.id];
    return answer !== undefined && isCorrect(question, answer);
  }).length;
  const scaled = max === 0 ? 0 : points / max;
  // Compare in whole points so 4/5 passes a 0.8 mark despite floating point.
  return { points, max, scaled, passed: points >= Math.ceil(passMark * max - 1e-9) };
}

/** How the right answer reads, for the feedback after a wrong one. */
export function describeCorrectAnswer(question: Question): string {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.choices
        .filter((choice) => choice.correct)
        .map((choice) => choice.text)
        .join('; ');
    case 'truefalse':
      return question.answer ? 'True' : 'False';
    case 'written':
      return question.modelAnswer;
  }
}
