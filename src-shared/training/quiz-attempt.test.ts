import { describe, expect, it } from 'vitest';
import type { Question } from '../packs/items';
import { attemptQuestion, choiceOrderFor, shuffledOrder, toPackAnswer } from './quiz-attempt';

const choices = (texts: string[], right: number) =>
  texts.map((text, index) => ({ text, correct: index === right }));

const questions: Question[] = [
  {
    id: 'a',
    type: 'single',
    prompt: 'Who tells the most credible stories?',
    choices: choices(['The brand account', 'The engineer who fixed it', 'The press office', 'An agency'], 1),
    explanation: 'Practitioners.',
  },
  {
    id: 'b',
    type: 'multiple',
    prompt: 'Which need clearance?',
    keepOrder: true,
    choices: choices(['A customer name', 'A code name', 'All of the above'], 2),
    explanation: 'Both.',
  },
  { id: 'c', type: 'truefalse', prompt: 'Disclose?', answer: true, explanation: 'Yes.' },
  { id: 'd', type: 'written', prompt: 'Why?', modelAnswer: 'Because.', explanation: 'Reasons.' },
];

/** A seeded generator (mulberry32), so a test can ask for many different orders reproducibly. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('a quiz attempt as the window sees it', () => {
  it('shuffles choices into every order over many attempts, keeping pinned ones', () => {
    const random = seeded(7);
    const seen = new Set<string>();
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const order = choiceOrderFor(questions, random);
      seen.add(JSON.stringify(order['a']));
      expect(order['b']).toEqual([0, 1, 2]);
      expect([...(order['a'] ?? [])].sort()).toEqual([0, 1, 2, 3]);
    }
    expect(seen.size).toBe(24);
    expect(shuffledOrder(0, random)).toEqual([]);
  });

  it('carries no correct flags, answers, model answers or explanations', () => {
    const order = { a: [3, 1, 0, 2], b: [0, 1, 2] };
    const shown = questions.map((question) => attemptQuestion(question, order));
    expect(shown[0]).toEqual({
      id: 'a',
      type: 'single',
      prompt: 'Who tells the most credible stories?',
      choices: ['An agency', 'The engineer who fixed it', 'The brand account', 'The press office'],
    });
    expect(shown.slice(2)).toEqual([
      { id: 'c', type: 'truefalse', prompt: 'Disclose?' },
      { id: 'd', type: 'written', prompt: 'Why?' },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/correct|answer|explanation|Because/);
  });

  it('maps an answer from shown positions back to the pack’s, refusing positions never shown', () => {
    expect(toPackAnswer({ type: 'single', choice: 0 }, [3, 1, 0, 2])).toEqual({ type: 'single', choice: 3 });
    expect(toPackAnswer({ type: 'multiple', choices: [2, 0, 2] }, [3, 1, 0, 2])).toEqual({
      type: 'multiple',
      choices: [0, 3],
    });
    expect(toPackAnswer({ type: 'single', choice: 4 }, [3, 1, 0, 2])).toBeNull();
    expect(toPackAnswer({ type: 'single', choice: 0 }, undefined)).toBeNull();
    expect(toPackAnswer({ type: 'truefalse', value: false }, undefined)).toEqual({
      type: 'truefalse',
      value: false,
    });
  });
});
