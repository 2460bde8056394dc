import { z } from 'zod';
import { CompletionRules } from './completion';

/** Front matter of each kind of item file. The Markdown body follows the closing `---`. */

export const LessonFrontMatter = z.strictObject({
  title: z.string().min(1).max(200),
});

const Explanation = z.string().min(1).max(4000);

export const Choice = z.strictObject({
  text: z.string().min(1).max(1000),
  correct: z.boolean().default(false),
});

/** Choices are shuffled for each attempt, so their position teaches nothing; `keepOrder` pins them. */
const KeepOrder = z.boolean().optional();

export const SingleChoiceQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens'),
  type: z.literal('single'),
  prompt: z.string().min(1).max(2000),
  choices: z
    .array(Choice)
    .min(2, 'offer at least two choices')
    .refine(
      (choices) => choices.filter((c) => c.correct).length === 1,
      'mark exactly one choice correct: true',
    ),
  /** Show the choices in the order written, e.g. when the last is "all of the above". */
  keepOrder: KeepOrder,
  explanation: Explanation,
});

export const MultipleChoiceQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens'),
  type: z.literal('multiple'),
  prompt: z.string().min(1).max(2000),
  choices: z
    .array(Choice)
    .min(2, 'offer at least two choices')
    .refine((choices) => choices.some((c) => c.correct), 'mark at least one choice correct: true'),
  keepOrder: KeepOrder,
  explanation: Explanation,
});

export const TrueFalseQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens'),
  type: z.literal('truefalse'),
  prompt: z.string().min(1).max(2000),
  answer: z.boolean(),
  explanation: Explanation,
});

/**
 * Not marked: the learner compares their answer with the model answer, shown once they have given it. The
 * answer is recorded in full but never counts toward the pass mark.
 */
export const WrittenQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens'),
  type: z.literal('written'),
  prompt: z.string().min(1).max(2000),
  modelAnswer: z.string().min(1).max(4000),
  explanation: Explanation,
});

export const Question = z.discriminatedUnion('type', [
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  TrueFalseQuestion,
  WrittenQuestion,
]);
export type Question = z.infer<typeof Question>;

export const QuizFrontMatter = z.strictObject({
  title: z.string().min(1).max(200),
  questions: z
    .array(Question)
    .min(1, 'a quiz needs at least one question')
    .refine(
      (questions) => questions.some((question) => question.type !== 'written'),
      'a quiz needs at least one single, multiple or truefalse question: written answers are not marked, so they cannot make a pass mark',
    ),
});

export const channels = ['blog', 'forum', 'linkedin', 'x', 'internal'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/**
 * A writing task: opens the writing studio with `template`, done when that draft is marked ready, which
 * `completion` gates (./completion.ts; defaults apply to whatever it leaves out).
 */
export const ExerciseFrontMatter = z.strictObject({
  title: z.string().min(1).max(200),
  channel: Channel,
  template: z.string().min(1).max(20000),
  completion: CompletionRules.optional(),
});

/** A private note the learner writes for themselves; the body is the prompt. */
export const ReflectionFrontMatter = z.strictObject({
  title: z.string().min(1).max(200),
});

export const frontMatterByKind = {
  lesson: LessonFrontMatter,
  quiz: QuizFrontMatter,
  exercise: ExerciseFrontMatter,
  reflection: ReflectionFrontMatter,
} as const;
