import type { Question } from '../packs/items';
import type { QuizAnswer } from '../training/quiz';
import type { Interaction } from './statements';

/**
 * A choice's id in statements: `a`, `b`, `c`… by its place in the pack (then `aa`, `ab`…), never by the shuffled
 * order an attempt showed it in, so the same choice has the same id in every attempt and on every device.
 */
export function choiceId(packIndex: number): string {
  let id = '';
  let n = packIndex;
  do {
    id = String.fromCharCode(97 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

/** The question as an xAPI interaction activity: its type, its choices and the correct response. */
export function interactionOf(question: Question): Interaction {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return {
        type: 'choice',
        choices: question.choices.map((choice, index) => ({ id: choiceId(index), text: choice.text })),
        correct: question.choices.flatMap((choice, index) => (choice.correct ? [choiceId(index)] : [])),
      };
    case 'truefalse':
      return { type: 'true-false', correct: question.answer };
    case 'written':
      return { type: 'long-fill-in' };
  }
}

/**
 * The answer as xAPI's `result.response` (Data 2.4.4.1.2): choice ids joined by `[,]`, `true` or `false`, or a
 * written answer word for word. `answer` numbers choices as the pack does.
 */
export function responseOf(answer: QuizAnswer): string {
  switch (answer.type) {
    case 'single':
      return choiceId(answer.choice);
    case 'multiple':
      return [...answer.choices]
        .sort((a, b) => a - b)
        .map(choiceId)
        .join('[,]');
    case 'truefalse':
      return String(answer.value);
    case 'written':
      return answer.text;
  }
}
