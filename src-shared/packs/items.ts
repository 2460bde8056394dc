import { z } from 'zod';

/** Front matter of each kind of item file. The Markdown body follows the closing `---`. */

export const LessonFrontMatter = z.strictObject({
  title: z.string().min(1).max(200),
});

const Explanation = z.string().min(1).max(4000);

export const Choice = z.strictObject({
  text: z.string().min(1).max(1000),
  correct: z.boolean().default(false),
});

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
  explanation: Explanation,
});

export const TrueFalseQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens'),
  type: z.literal('truefalse'),
  prompt: z.string().min(1).max(2000),
  answer: z.boolean(),
  explanation: Explanation,
});

/** Checked by the learner against the model answer; it scores a point when they say theirs matches. */
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
  questions: z.array(Question).min(1, 'a quiz needs at least one question'),
});

export const channels = ['blog', 'forum', 'linkedin', 'x', 'internal'] as const;
export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

/** A writing task: opens the writing studio with `template`, done when that draft is marked ready. */
export const ExerciseFrontMatter = z.strictObject({
  title: z.string().min(1).max(200),
  channel: Channel,
  template: z.string().min(1).max(20000),
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
