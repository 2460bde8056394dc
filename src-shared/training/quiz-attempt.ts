/**
 * One attempt at a knowledge check as the learner sees it: choices shuffled afresh (unless the pack pins a
 * question's order), and nothing that gives the answer away: no correct flags, no true/false answer, no
 * model answer or explanation. Those come back one at a time, after each answer (`answerQuestion`).
 */
import { z } from 'zod';
import type { Question } from '../packs/items';
import type { QuizAnswer } from './quiz';

const shown = { id: z.string(), prompt: z.string() };

export const AttemptQuestion = z.discriminatedUnion('type', [
  z.object({ ...shown, type: z.literal('single'), choices: z.array(z.string()) }),
  z.object({ ...shown, type: z.literal('multiple'), choices: z.array(z.string()) }),
  z.object({ ...shown, type: z.literal('truefalse') }),
  z.object({ ...shown, type: z.literal('written') }),
]);
export type AttemptQuestion = z.infer<typeof AttemptQuestion>;

/** For each question with choices, the pack index of the choice shown at each position. */
export type ChoiceOrder = Record<string, number[]>;

/** A random order of `count` items (Fisher–Yates); `random` gives numbers in [0, 1). */
export function shuffledOrder(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let at = count - 1; at > 0; at -= 1) {
    const other = Math.floor(random() * (at + 1));
    [order[at], order[other]] = [order[other] as number, order[at] as number];
  }
  return order;
}

/** The order each question's choices are shown in, for a new attempt. */
export function choiceOrderFor(questions: readonly Question[], random: () => number): ChoiceOrder {
  const order: ChoiceOrder = {};
  for (const question of questions) {
    if (question.type !== 'single' && question.type !== 'multiple') continue;
    const count = question.choices.length;
    order[question.id] = question.keepOrder
      ? Array.from({ length: count }, (_, index) => index)
      : shuffledOrder(count, random);
  }
  return order;
}

/** A question as the window may see it before it is answered, its choices in the attempt's order. */
export function attemptQuestion(question: Question, order: ChoiceOrder): AttemptQuestion {
  const { id, prompt } = question;
  if (question.type === 'single' || question.type === 'multiple') {
    const positions = order[id] ?? question.choices.map((_, index) => index);
    const choices = positions.map((index) => question.choices[index]?.text ?? '');
    return { id, prompt, type: question.type, choices };
  }
  return { id, prompt, type: question.type };
}

/**
 * An answer as the pack numbers choices, from one numbered as shown; null when it names a position the
 * attempt did not show (which would otherwise count as a wrong answer, or worse, a right one).
 */
export function toPackAnswer(answer: QuizAnswer, order: readonly number[] | undefined): QuizAnswer | null {
  const packIndex = (position: number) => (order === undefined ? undefined : order[position]);
  if (answer.type === 'single') {
    const choice = packIndex(answer.choice);
    return choice === undefined ? null : { type: 'single', choice };
  }
  if (answer.type === 'multiple') {
    const choices = answer.choices.map(packIndex);
    if (choices.some((choice) => choice === undefined)) return null;
    return { type: 'multiple', choices: [...new Set(choices as number[])].sort((a, b) => a - b) };
  }
  return answer;
}
