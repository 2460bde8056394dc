import { describe, expect, it } from 'vitest';
import type { Question } from '../packs/items';
import {
  correctAnswerList,
  describeCorrectAnswer,
  gradeQuiz,
  isCorrect,
  missedQuestions,
  QuizAnswer,
} from './quiz';

const single: Question = {
  id: 'a',
  type: 'single',
  prompt: 'Who tells the most credible stories?',
  choices: [
    { text: 'The brand account', correct: false },
    { text: 'The engineer who fixed it', correct: true },
  ],
  explanation: 'Practitioners.',
};
const multiple: Question = {
  id: 'b',
  type: 'multiple',
  prompt: 'Which are confidential?',
  choices: [
    { text: 'Code names', correct: true },
    { text: 'Your own job title', correct: false },
    { text: 'Unannounced customers', correct: true },
  ],
  explanation: 'Both can hurt the company.',
};
const truefalse: Question = {
  id: 'c',
  type: 'truefalse',
  prompt: 'Disclose your employer?',
  answer: true,
  explanation: 'Yes.',
};
const written: Question = {
  id: 'd',
  type: 'written',
  prompt: 'Name your expertise.',
  modelAnswer: 'A specific field.',
  explanation: 'Be specific.',
};

describe('quiz rules', () => {
  it('judges each kind of question', () => {
    expect(isCorrect(single, { type: 'single', choice: 1 })).toBe(true);
    expect(isCorrect(single, { type: 'single', choice: 0 })).toBe(false);
    expect(isCorrect(single, { type: 'single', choice: 9 })).toBe(false);
    expect(isCorrect(multiple, { type: 'multiple', choices: [0, 2] })).toBe(true);
    expect(isCorrect(multiple, { type: 'multiple', choices: [0] })).toBe(false);
    expect(isCorrect(multiple, { type: 'multiple', choices: [0, 1, 2] })).toBe(false);
    expect(isCorrect(truefalse, { type: 'truefalse', value: true })).toBe(true);
    // A written answer is the learner's to compare with the model answer: never marked right.
    expect(isCorrect(written, { type: 'written', text: 'A specific field.' })).toBe(false);
    expect(isCorrect(truefalse, { type: 'single', choice: 0 })).toBe(false);
  });

  it('passes at the pass mark, in whole points, counting marked questions only', () => {
    const questions = [single, multiple, truefalse, written, { ...truefalse, id: 'e' }];
    const four: Record<'a' | 'b' | 'c' | 'd', QuizAnswer> = {
      a: { type: 'single', choice: 1 },
      b: { type: 'multiple', choices: [0, 2] },
      c: { type: 'truefalse', value: true },
      d: { type: 'written', text: 'x' },
    };
    expect(gradeQuiz(questions, four, 0.75)).toEqual({ points: 3, max: 4, scaled: 0.75, passed: true });
    // "x" and a true copy of the model answer score the same: nothing.
    const modelCopy = { ...four, d: { type: 'written', text: 'A specific field.' } } as const;
    expect(gradeQuiz(questions, modelCopy, 0.8)).toEqual(gradeQuiz(questions, four, 0.8));
    expect(gradeQuiz(questions, four, 0.8)).toMatchObject({ points: 3, max: 4, passed: false });
    expect(gradeQuiz(questions, {}, 0)).toMatchObject({ points: 0, passed: true });
  });

  it('lists the marked questions an attempt got wrong or left out', () => {
    const questions = [single, multiple, truefalse, written];
    const answers = { a: { type: 'single', choice: 0 }, c: { type: 'truefalse', value: true } } as const;
    expect(missedQuestions(questions, answers).map((question) => question.id)).toEqual(['a', 'b']);
  });

  it('takes a written answer only with some words in it', () => {
    expect(QuizAnswer.safeParse({ type: 'written', text: '   ' }).success).toBe(false);
    expect(QuizAnswer.safeParse({ type: 'written', text: 'x', matches: true }).success).toBe(false);
  });

  it('spells out the right answer for feedback', () => {
    expect(describeCorrectAnswer(multiple)).toBe('Code names; Unannounced customers');
    expect(correctAnswerList(multiple)).toEqual(['Code names', 'Unannounced customers']);
    expect(correctAnswerList(truefalse)).toEqual(['True']);
    expect(describeCorrectAnswer(truefalse)).toBe('True');
    expect(describeCorrectAnswer(written)).toBe('A specific field.');
  });
});
