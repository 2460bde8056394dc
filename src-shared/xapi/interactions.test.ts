import { describe, expect, it } from 'vitest';
import { choiceId, interactionOf, responseOf } from './interactions';

describe('quiz questions as xAPI interactions', () => {
  it('names choices a, b, c… by their place in the pack, past z too', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(choiceId)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'zz', 'aaa']);
  });

  it('describes a multiple-choice question with its choices and the one correct pattern', () => {
    const question = {
      id: 'q',
      type: 'multiple' as const,
      prompt: 'Which?',
      explanation: 'Because.',
      choices: [
        { text: 'One', correct: true },
        { text: 'Two', correct: false },
        { text: 'Three', correct: true },
      ],
    };
    expect(interactionOf(question)).toEqual({
      type: 'choice',
      choices: [
        { id: 'a', text: 'One' },
        { id: 'b', text: 'Two' },
        { id: 'c', text: 'Three' },
      ],
      correct: ['a', 'c'],
    });
    expect(responseOf({ type: 'multiple', choices: [2, 0] })).toBe('a[,]c');
  });

  it('answers true-false as true or false, and written answers word for word', () => {
    expect(responseOf({ type: 'truefalse', value: false })).toBe('false');
    expect(responseOf({ type: 'written', text: 'My answer, in full.' })).toBe('My answer, in full.');
    expect(
      interactionOf({ id: 'w', type: 'written', prompt: 'Why?', modelAnswer: 'So.', explanation: 'E.' }),
    ).toEqual({ type: 'long-fill-in' });
  });
});
