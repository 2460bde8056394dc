import { z } from 'zod';
import { ItemKind, Slug } from '../packs/manifest';
import { QuizAnswer } from './quiz';
import { AttemptQuestion } from './quiz-attempt';

export const PackSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  summary: z.string(),
  source: z.enum(['bundled', 'imported', 'hub']),
  installedAt: z.string(),
  courses: z.number().int(),
  items: z.number().int(),
});
export type PackSummary = z.infer<typeof PackSummary>;

export const ItemStatus = z.enum(['not-started', 'started', 'completed']);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const ItemSummary = z.object({
  id: z.string(),
  kind: ItemKind,
  title: z.string(),
  minutes: z.number().int().nullable(),
  status: ItemStatus,
});
export type ItemSummary = z.infer<typeof ItemSummary>;

export const CourseSummary = z.object({
  packId: z.string(),
  packTitle: z.string(),
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  modules: z.number().int(),
  items: z.number().int(),
  minutes: z.number().int(),
  completedItems: z.number().int(),
  /** Where "Continue" goes: the item last opened and not yet done, else the first not done. */
  resumeItemId: z.string().nullable(),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
});
export type CourseSummary = z.infer<typeof CourseSummary>;

export const CourseRef = z.strictObject({ packId: Slug, courseId: Slug });

export const CourseDetail = z.object({
  packId: z.string(),
  packTitle: z.string(),
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  passMark: z.number(),
  completedItems: z.number().int(),
  totalItems: z.number().int(),
  resumeItemId: z.string().nullable(),
  completed: z.boolean(),
  /** When the course was completed; null until it is. */
  completedAt: z.string().nullable(),
  /** The course's current certificate; null until it is issued (it waits for the learner's name). */
  certificate: z.object({ id: z.string(), learnerName: z.string() }).nullable(),
  modules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      summary: z.string().nullable(),
      items: z.array(ItemSummary),
    }),
  ),
});
export type CourseDetail = z.infer<typeof CourseDetail>;

export const ItemRef = z.strictObject({ packId: Slug, itemId: Slug });

export const ItemNeighbour = z.object({ id: z.string(), title: z.string(), kind: ItemKind }).nullable();

export const ItemDetail = z.object({
  packId: z.string(),
  id: z.string(),
  kind: ItemKind,
  title: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  moduleTitle: z.string(),
  /** Markdown; the renderer sanitises it after turning it into HTML. */
  body: z.string(),
  minutes: z.number().int().nullable(),
  passMark: z.number().nullable(),
  /** The front matter's fields for an exercise (template, channel, completion); none for a quiz. */
  details: z.record(z.string(), z.unknown()),
  /** A quiz's size: its questions arrive with each attempt (startQuiz), without their answers. */
  quiz: z.object({ questions: z.number().int(), marked: z.number().int() }).nullable(),
  /** Images the body refers to, as data: URLs keyed by the address written in the Markdown. */
  images: z.record(z.string(), z.string()),
  /** PDFs the body links to, keyed by the address written in the Markdown, for the learner to save. */
  attachments: z.record(z.string(), z.object({ name: z.string(), dataUrl: z.string() })),
  /** Links in the body to other items of the pack, keyed by the address written in the Markdown. */
  itemLinks: z.record(z.string(), z.string()),
  previous: ItemNeighbour,
  next: ItemNeighbour,
  /** Estimated minutes for this item and the rest of its course. */
  minutesLeftInCourse: z.number().int(),
});
export type ItemDetail = z.infer<typeof ItemDetail>;

export const ItemProgress = z.object({
  status: z.enum(['started', 'completed']),
  bestScore: z.number().nullable(),
  attempts: z.number().int(),
  /** True when this change completed the whole course. */
  courseCompleted: z.boolean(),
});

export const QuizAttemptRef = z.strictObject({ attemptId: z.uuid() });

/** An attempt as the window sees it: its questions, choices shuffled, and no answers in them. */
export const QuizAttempt = z.object({
  attemptId: z.string(),
  questions: z.array(AttemptQuestion),
  passMark: z.number(),
  /** Marked questions the last finished attempt got wrong or left out, by id; empty on a first try. */
  missedLastTime: z.array(z.string()),
});
export type QuizAttempt = z.infer<typeof QuizAttempt>;

export const AnswerInput = z.strictObject({
  attemptId: z.uuid(),
  questionId: z.string().min(1).max(100),
  answer: QuizAnswer,
});

export const AnswerFeedback = z.object({
  /** Null for a written answer: it is not marked. */
  correct: z.boolean().nullable(),
  explanation: z.string(),
  /** The right answer; for a written question, the model answer to compare with. */
  correctAnswer: z.string(),
  /** Each right answer on its own (several for a multiple-answer question), to show as a list. */
  correctAnswers: z.array(z.string()),
});
export type AnswerFeedback = z.infer<typeof AnswerFeedback>;

export const QuizResult = z.object({
  points: z.number().int(),
  /** The marked questions; written answers are recorded but never counted. */
  max: z.number().int(),
  /** Written answers recorded in this attempt. */
  written: z.number().int(),
  /** The marked questions this attempt got wrong or left out, for the learner to look at again. */
  missed: z.array(z.object({ id: z.string(), prompt: z.string() })),
  scaled: z.number(),
  passed: z.boolean(),
  passMark: z.number(),
  courseCompleted: z.boolean(),
});
export type QuizResult = z.infer<typeof QuizResult>;

export const SearchInput = z.strictObject({ query: z.string().trim().min(1).max(200) });

export const SearchHit = z.object({
  packId: z.string(),
  itemId: z.string(),
  kind: ItemKind,
  title: z.string(),
  courseTitle: z.string(),
  /** A passage of the item with each match between \u0002 and \u0003. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SNIPPET_MATCH_START = '\u0002';
export const SNIPPET_MATCH_END = '\u0003';

export const CertificateRef = z.strictObject({ certificateId: z.uuid() });

export const CertificateSummary = z.object({
  id: z.string(),
  packId: z.string(),
  packVersion: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  learnerName: z.string(),
  issuedAt: z.string(),
  score: z.number().nullable(),
});
export type CertificateSummary = z.infer<typeof CertificateSummary>;

/** The Open Badge the company's hub issued for the same course, fetched at sync. */
export const CompanyBadge = z.object({
  id: z.string(),
  issuerName: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Whether its verification page is public, as the hub last said. */
  public: z.boolean(),
  /** A choice not yet sent to the hub (the next sync sends it); null when there is none. */
  publicWanted: z.boolean().nullable(),
  /** The hub's verification page (served while public). */
  pageUrl: z.string(),
  /** Whether its signature checks out against the hub's DID document kept with it. */
  signatureValid: z.boolean(),
  credential: z.record(z.string(), z.unknown()),
});
export type CompanyBadge = z.infer<typeof CompanyBadge>;

export const CompanyBadgeVisibility = z.strictObject({ badgeId: z.uuid(), public: z.boolean() });

export const CertificateDetail = CertificateSummary.extend({
  /** The company-issued badge for this course, when the hub has issued one; preferred for sharing. */
  company: CompanyBadge.nullable(),
  courseSummary: z.string().nullable(),
  /** The signed Open Badges 3.0 AchievementCredential, as exported. */
  credential: z.record(z.string(), z.unknown()),
  /** Whether the credential's signature checks out now. */
  signatureValid: z.boolean(),
  /** The copy that replaced this one, re-issued under a corrected name; null for the current one. */
  replacedBy: z.string().nullable(),
  /** The other copies of this course's certificate, newest first: earlier names, or the newer one. */
  history: z.array(z.object({ id: z.string(), learnerName: z.string(), issuedAt: z.string() })),
});
export type CertificateDetail = z.infer<typeof CertificateDetail>;

export const ReflectionNote = z.object({ text: z.string(), updatedAt: z.string().nullable() });
export const ReflectionInput = z.strictObject({
  packId: Slug,
  itemId: Slug,
  text: z.string().max(50_000, 'keep a reflection under 50,000 characters'),
});
export const RemovePackInput = z.strictObject({
  packId: Slug,
  /** Also forget the learner's progress, answers and notes in the pack (certificates stay). */
  forgetProgress: z.boolean().default(false),
});
