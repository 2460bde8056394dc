import { z } from 'zod';
import type { Question } from '../packs/items';

/**
 * What a learner gives for one question; the shape depends on the question's type. Choices are numbered as
 * the learner saw them in the attempt (shuffled); the main process stores them as the pack numbers them.
 */
export const QuizAnswer = z.union([
  z.strictObject({ type: z.literal('single'), choice: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('multiple'), choices: z.array(z.number().int().min(0)).max(50) }),
  z.strictObject({ type: z.literal('truefalse'), value: z.boolean() }),
  /** Written answers are recorded in full and compared by the learner with the model answer; never marked. */
  z.strictObject({
    type: z.literal('written'),
    text: z.string().trim().min(1, 'write an answer first').max(10_000),
  }),
]);
export type QuizAnswer = z.infer<typeof QuizAnswer>;

export interface QuizGrade {
  points: number;
  /** The marked questions: written answers are never counted. */
  max: number;
  /** points / max, 0 to 1. */
  scaled: number;
  passed: boolean;
}

/** Whether the question is marked automatically; a written answer is the learner's to compare. */
export function isMarked(question: Question): boolean {
  return question.type !== 'written';
}

/** Whether an answer is right; an answer of the wrong shape for the question is simply wrong. Written: never. */
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
      return false;
  }
}

/**
 * One point per marked question; a quiz is passed at or above its pass mark. Unanswered questions score 0;
 * written ones are neither points nor part of the maximum, so "x" cannot move the score.
 */
export function gradeQuiz(
  questions: readonly Question[],
  answers: Readonly<Record<string, QuizAnswer>>,
  passMark: number,
): QuizGrade {
  const marked = questions.filter(isMarked);
  const max = marked.length;
  const points = marked.filter((question) => {
    const answer = answers[question.id];
    return answer !== undefined && isCorrect(question, answer);
  }).length;
  const scaled = max === 0 ? 0 : points / max;
  // Compare in whole points so 4/5 passes a 0.8 mark despite floating point.
  return { points, max, scaled, passed: points >= Math.ceil(passMark * max - 1e-9) };
}

/** The marked questions an attempt's answers got wrong or left out, in the quiz's order. */
export function missedQuestions(
  questions: readonly Question[],
  answers: Readonly<Record<string, QuizAnswer>>,
): Question[] {
  return questions.filter((question) => {
    const answer = answers[question.id];
    return isMarked(question) && (answer === undefined || !isCorrect(question, answer));
  });
}

/** Each right answer on its own, so several can be shown as a list rather than run together. */
export function correctAnswerList(question: Question): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.choices.filter((choice) => choice.correct).map((choice) => choice.text);
    case 'truefalse':
      return [question.answer ? 'True' : 'False'];
    case 'written':
      return [question.modelAnswer];
  }
}

/** How the right answer reads, for the feedback after an answer; for a written question, the model answer. */
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
