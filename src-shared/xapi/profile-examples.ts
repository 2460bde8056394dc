/**
 * The inputs of the example statements in docs/xapi-profile.md: src-main/training/xapi-profile.test.ts builds each with the app's
 * builder and checks it is exactly the doc's example, and that both follow the profile.
 */
import { interactionOf, responseOf } from './interactions';
import { extensionIris, type ActivityRef, type PackRef, type StatementInput } from './statements';

const pack: PackRef = {
  id: 'advocate-foundations',
  version: '2.0.0',
  language: 'en',
  title: 'Advocate Foundations',
  summary: 'Speaking credibly about your work online.',
};
const course: ActivityRef = {
  kind: 'course',
  packId: pack.id,
  id: 'foundations',
  title: 'Advocate Foundations',
  description: 'Why and how to speak about your work in public.',
};
const module: ActivityRef = {
  kind: 'module',
  packId: pack.id,
  id: 'foundations/why-advocacy',
  title: 'Why advocacy',
};
const lesson: ActivityRef = {
  kind: 'lesson',
  packId: pack.id,
  id: 'why-credible',
  title: 'What makes a voice credible',
};
const quiz: ActivityRef = { kind: 'quiz', packId: pack.id, id: 'why-check', title: 'Why advocacy: check' };
const learner = { id: '0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e', name: 'Ada Lovelace' };
const registration = '7d2b1c3a-2222-4333-8444-955566667777';
const attempt = { [extensionIris.quizAttempt]: '3c9e4f10-5d6a-4b7c-8d9e-0f1a2b3c4d5e' };
const question = {
  id: 'disclose',
  type: 'single' as const,
  prompt: 'You post about your employer’s product. What must the post say?',
  explanation: 'Readers deserve to know.',
  choices: [
    { text: 'Nothing: it is my own account', correct: false },
    { text: 'That I work for the company', correct: true },
    { text: 'That the post was approved', correct: false },
  ],
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute));
const ids = (n: number) => `5f8c2a1e-1111-4222-8333-9444555566${String(n).padStart(2, '0')}`;

export const profileExamples: Record<string, StatementInput> = {
  'item attempted': {
    id: ids(1),
    timestamp: at(0),
    learner,
    verb: 'attempted',
    object: lesson,
    parents: [course, module],
    pack,
    registration,
  },
  'item completed': {
    id: ids(2),
    timestamp: at(6),
    learner,
    verb: 'completed',
    object: lesson,
    parents: [course, module],
    pack,
    registration,
    result: { completion: true, duration: 'PT6M' },
  },
  'question answered': {
    id: ids(3),
    timestamp: at(8),
    learner,
    verb: 'answered',
    object: { kind: 'question', packId: pack.id, id: `${quiz.id}/${question.id}`, title: question.prompt },
    parents: [quiz, course, module],
    pack,
    registration,
    interaction: interactionOf(question),
    extensions: attempt,
    result: { success: true, response: responseOf({ type: 'single', choice: 1 }) },
  },
  'knowledge check passed or failed': {
    id: ids(4),
    timestamp: at(12),
    learner,
    verb: 'passed',
    object: quiz,
    parents: [course, module],
    pack,
    registration,
    extensions: attempt,
    result: {
      score: { scaled: 0.8, raw: 4, min: 0, max: 5 },
      success: true,
      completion: true,
      duration: 'PT4M30S',
    },
  },
  'course completed': {
    id: ids(5),
    timestamp: at(55),
    learner,
    verb: 'completed',
    object: course,
    parents: [],
    pack,
    registration,
    result: {
      score: { scaled: 0.9, raw: 27, min: 0, max: 30 },
      success: true,
      completion: true,
      duration: 'PT3H12M',
    },
  },
};
