import { z } from 'zod';
import { ItemKind } from '../packs/manifest';
import { CompanyProfileUpload } from '../profile/company-record';
import { StorableDay, StorableTimestamp } from './time-range';

/**
 * What crosses the wire between the hub and its clients (devices, the trainer dashboard), declared once: the hub
 * parses its inputs with these and types its answers by them, the device and the dashboard validate the
 * answers with them. The xAPI resources are not here: the xAPI specification is their contract.
 */

const Iso = z.iso.datetime({ offset: true });

/** A zero-based page number in a query string. */
export const PageNumber = z
  .string()
  .regex(/^\d{1,6}$/, 'must be a page number')
  .transform(Number);

/** Every refusal: a code for programs, a sentence for people, and a pack's `file:line` problems. */
export const HubError = z.object({
  error: z.string(),
  message: z.string(),
  problems: z.array(z.string()).optional(),
});
export type HubError = z.infer<typeof HubError>;

// Enrolment ------------------------------------------------------------------------------------------------

export const EnrolRequest = z.strictObject({
  code: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  /** The learner id the app already puts in its statements' actor account, so its outbox needs no rewriting. */
  learnerId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1 to 100 letters, digits, dots, dashes or underscores')
    .optional(),
});

export const EnrolResponse = z.object({
  key: z.string().min(1),
  secret: z.string().min(1),
  name: z.string(),
  role: z.literal('device'),
  /** The actor the device must put on its statements. */
  agent: z.object({
    objectType: z.literal('Agent'),
    name: z.string(),
    account: z.object({ homePage: z.string(), name: z.string() }),
  }),
});

// Packs ----------------------------------------------------------------------------------------------------

export const PackEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().regex(/^[0-9A-Za-z.+-]+$/),
  title: z.string(),
  /** Hex SHA-256 of the zip, also its ETag. */
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  uploadedAt: Iso,
  /** Where a device downloads it, relative to the hub. */
  url: z.string().startsWith('/packs/'),
});
export type PackEntry = z.infer<typeof PackEntry>;

export const PackList = z.object({ packs: z.array(PackEntry) });

export const PublishedPack = PackEntry.extend({
  /** False when exactly these bytes were already published under this version. */
  created: z.boolean(),
  warnings: z.array(z.string()),
});

/** What publishing a zip would do, shown to the trainer before they confirm. */
export const PackPreview = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  summary: z.string(),
  courses: z.array(z.object({ title: z.string(), modules: z.number().int(), items: z.number().int() })),
  hasGuidelines: z.boolean(),
  warnings: z.array(z.string()),
  /** The highest version of this pack already published, if any. */
  latestPublished: z.string().nullable(),
  /** `new`: publishing adds it; `already-published`: these very bytes are; `version-taken`: other bytes are. */
  publish: z.enum(['new', 'already-published', 'version-taken']),
  /** Devices install only newer versions, so an older one reaches no one who has the latest. */
  olderThanLatest: z.boolean(),
});
export type PackPreview = z.infer<typeof PackPreview>;

// The expert directory -------------------------------------------------------------------------------------

/** What PUT /profiles/me accepts: the record `companyProfileRecord` builds, within the app's own limits. */
export const ProfileUpload = z.strictObject({
  ...CompanyProfileUpload.shape,
  updatedAt: StorableTimestamp.nullable(),
});
export type ProfileUpload = z.infer<typeof ProfileUpload>;

export const ProfileReceipt = z.object({ learnerId: z.string(), receivedAt: Iso });

export const ExpertQuery = z.strictObject({
  topic: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  page: PageNumber.optional(),
});

/**
 * One person in the expert directory, as a summary: a list of thousands stays small. The photo has its own URL
 * (cacheable; it changes when the profile does), and the portfolio is counted, not sent.
 */
export const ExpertEntry = z.object({
  learnerId: z.string(),
  /** The name as the person shares it with the company; null when they keep it to themselves. */
  name: z.string().nullable(),
  team: z.string().nullable(),
  headline: z.string().nullable(),
  topics: z.array(z.string()),
  expertise: z.array(z.object({ name: z.string(), level: z.string() })),
  portfolioItems: z.number().int(),
  /** How to reach the person: only what they made visible to the company (their device sends nothing else). */
  email: z.string().nullable(),
  links: z.array(z.object({ kind: z.string(), url: z.string() })),
  photoUrl: z.string().nullable(),
  updatedAt: z.string().nullable(),
  receivedAt: Iso,
});
export type ExpertEntry = z.infer<typeof ExpertEntry>;

export const ExpertList = z.object({
  experts: z.array(ExpertEntry),
  total: z.number().int(),
  pageSize: z.number().int().positive(),
});
export type ExpertList = z.infer<typeof ExpertList>;

// The trainer dashboard ------------------------------------------------------------------------------------

export const Login = z.strictObject({ key: z.string().min(1).max(200), secret: z.string().min(1).max(500) });
export const SessionInfo = z.object({ name: z.string(), expiresAt: Iso });
export const SignedOut = z.object({ ok: z.literal(true) });

export const CompletionQuery = z.strictObject({
  course: z.string().max(2000).optional(),
  team: z.string().max(200).optional(),
  from: StorableDay.optional(),
  to: StorableDay.optional(),
  /** The page of the completions list, and of the people list. */
  page: PageNumber.optional(),
  peoplePage: PageNumber.optional(),
});

/** One person's first completion of one course. */
export const Completion = z.object({
  personKey: z.string(),
  person: z.string(),
  email: z.string().nullable(),
  team: z.string().nullable(),
  courseId: z.string(),
  course: z.string(),
  at: Iso,
});
export type Completion = z.infer<typeof Completion>;

export const CompletionReport = z.object({
  /** One page of the completions, oldest first; `completionsTotal` counts them all. */
  completions: z.array(Completion),
  completionsTotal: z.number().int(),
  byCourse: z.array(z.object({ courseId: z.string(), course: z.string(), people: z.number(), lastAt: Iso })),
  byPerson: z.array(
    z.object({
      personKey: z.string(),
      person: z.string(),
      email: z.string().nullable(),
      team: z.string().nullable(),
      courses: z.number(),
      lastAt: Iso,
    }),
  ),
  peopleTotal: z.number().int(),
  /** Rows per page of the completions and people lists. */
  pageSize: z.number().int().positive(),
  byTeam: z.array(
    z.object({ team: z.string(), enrolled: z.number(), people: z.number(), completions: z.number() }),
  ),
  /** For the filters: every course and team there is, whatever the filter. */
  courses: z.array(z.object({ courseId: z.string(), course: z.string() })),
  teams: z.array(z.string()),
});
export type CompletionReport = z.infer<typeof CompletionReport>;

export const DeviceQuery = z.strictObject({
  /** Words in the learner's name or email, or the device's key. */
  q: z.string().trim().max(200).optional(),
  page: PageNumber.optional(),
});

export const DeviceList = z.object({
  total: z.number().int(),
  pageSize: z.number().int().positive(),
  devices: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      learner: z.string().nullable(),
      email: z.string().nullable(),
      team: z.string().nullable(),
      createdAt: Iso,
      lastSeenAt: Iso.nullable(),
      revokedAt: Iso.nullable(),
    }),
  ),
});

/** `7d`, `12h`, `30m`: how long an enrolment code stays valid; null for anything else or over a year. */
export function parseExpiry(text: string): number | null {
  const match = /^(\d+)([dhm])$/.exec(text.trim());
  if (!match) return null;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  const ms = Number(match[1]) * unit;
  return ms > 0 && ms <= 365 * 86_400_000 ? ms : null;
}

export const NewEnrolmentCode = z.strictObject({
  expires: z
    .string()
    .refine((value) => parseExpiry(value) !== null, 'must be like 7d, 12h or 30m, up to 365d'),
  email: z.email().max(320).optional(),
  team: z.string().trim().min(1).max(200).optional(),
});

export const EnrolmentCodeList = z.object({
  codes: z.array(
    z.object({
      id: z.string(),
      createdAt: Iso,
      expiresAt: Iso,
      email: z.string().nullable(),
      team: z.string().nullable(),
    }),
  ),
});

export const CreatedEnrolmentCode = z.object({ code: z.string(), expiresAt: Iso });

// The statement browser: what arrived, as it arrived -------------------------------------------------------

export const StatementBrowserQuery = z.strictObject({
  /** A learner enrolled on this hub, by their id or email: statements whose actor is them. */
  person: z.string().max(320).optional(),
  verb: z.string().max(2000).optional(),
  /** Statements about this activity, as their object or in their context. */
  activity: z.string().max(2000).optional(),
  /** Inclusive days of arrival (stored), UTC. */
  from: StorableDay.optional(),
  to: StorableDay.optional(),
  /** The page cursor: `next` of the page before. */
  before: z
    .string()
    .regex(/^\d{1,15}_\d{1,15}$/, 'must be the next cursor of a page')
    .optional(),
});

export const BrowsedStatement = z.object({
  id: z.string(),
  stored: Iso,
  /** Who, what and which, in words: the enrolled learner's name, the verb's display, the object's name. */
  person: z.string(),
  verb: z.string(),
  object: z.string(),
  voided: z.boolean(),
  /** The statement exactly as the hub returns it over xAPI. */
  statement: z.record(z.string(), z.unknown()),
});
export type BrowsedStatement = z.infer<typeof BrowsedStatement>;

export const StatementBrowserPage = z.object({
  statements: z.array(BrowsedStatement),
  /** The cursor of the next (older) page, or null when this is the last. */
  next: z.string().nullable(),
  /** The learner the person filter found (by id or email), or null: none asked for, or no one enrolled has it. */
  person: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});
export type StatementBrowserPage = z.infer<typeof StatementBrowserPage>;

// -- Company-issued credentials (Open Badges signed by the hub) -------------------------------------------

export const CompanyCredential = z.object({
  id: z.uuid(),
  /** The course's activity IRI, the Achievement's id. */
  achievementId: z.string(),
  issuerName: z.string(),
  issuedAt: Iso,
  revokedAt: Iso.nullable(),
  /** Whether the learner lets anyone see it on the hub's page. */
  public: z.boolean(),
  /** The public verification page (served only while `public`). */
  pageUrl: z.string(),
  /** The signed OB 3.0 AchievementCredential. */
  credential: z.record(z.string(), z.unknown()),
});
export type CompanyCredential = z.infer<typeof CompanyCredential>;

export const CompanyCredentialList = z.object({
  credentials: z.array(CompanyCredential),
  /** The hub's DID document, to verify the credentials with offline. */
  didDocument: z.record(z.string(), z.unknown()),
});

export const CredentialVisibility = z.strictObject({ id: z.uuid(), public: z.boolean() });

// Programme progress: who has started, finished or not begun each course, and how quiz questions fare --------

export const ProgressQuery = z.strictObject({
  course: z.string().max(2000).optional(),
  team: z.string().max(200).optional(),
});

export const ProgressOverview = z.object({
  /** One row per course and team (every team with anyone enrolled, "(no team)" last). */
  rows: z.array(
    z.object({
      courseId: z.string(),
      course: z.string(),
      team: z.string(),
      enrolled: z.number().int(),
      notStarted: z.number().int(),
      inProgress: z.number().int(),
      completed: z.number().int(),
      /**
       * The mean share (0–1) of the course's items done, over those who started; null when none has. The items
       * are those of the latest published pack holding the course, else those the hub has seen anyone act on.
       */
      itemsShare: z.number().nullable(),
      /**
       * The mean share (0–1) of the course's modules done (every item in them done), over those who started; null
       * when none has, or when no published pack holds the course (its modules are not known).
       */
      modulesShare: z.number().nullable(),
    }),
  ),
});

export const PersonStatus = z.enum(['not-started', 'in-progress', 'completed']);

export const ParticipantsQuery = z.strictObject({
  course: z.string().min(1).max(2000),
  team: z.string().max(200).optional(),
  status: PersonStatus.optional(),
  page: PageNumber.optional(),
});

export const ParticipantList = z.object({
  people: z.array(
    z.object({
      learnerId: z.string(),
      name: z.string(),
      email: z.string(),
      team: z.string().nullable(),
      status: PersonStatus,
      enrolledAt: Iso,
      startedAt: Iso.nullable(),
      lastAt: Iso.nullable(),
      completedAt: Iso.nullable(),
      /** Items of the course done, of those of its published pack (else of those the hub has seen anyone act on). */
      done: z.number().int(),
      items: z.number().int(),
      /** Modules of the course done, of its published pack's; `modules` is null when no published pack holds it. */
      modulesDone: z.number().int(),
      modules: z.number().int().nullable(),
    }),
  ),
  total: z.number().int(),
  pageSize: z.number().int().positive(),
});

export const PersonQuery = z.strictObject({ id: z.string().min(1).max(200) });

export const PersonProgress = z.object({
  learnerId: z.string(),
  name: z.string(),
  email: z.string(),
  team: z.string().nullable(),
  enrolledAt: Iso,
  courses: z.array(
    z.object({
      courseId: z.string(),
      course: z.string(),
      startedAt: Iso,
      lastAt: Iso,
      completedAt: Iso.nullable(),
      /** Modules done (every item in them), of the published pack's; `modules` null when no published pack holds the course. */
      modulesDone: z.number().int(),
      modules: z.number().int().nullable(),
      /** Exercises done, of the published pack's (null when no published pack holds the course). */
      exercisesDone: z.number().int(),
      exercises: z.number().int().nullable(),
      /**
       * Time spent: the sum of `result.duration` on the person's completed, passed and failed statements of the
       * course's items. `seconds` is null when none of them recorded a duration (not measured, never 0); `timed`
       * of `finished` statements carried one.
       */
      time: z.object({
        seconds: z.number().nullable(),
        timed: z.number().int(),
        finished: z.number().int(),
      }),
      items: z.array(
        z.object({
          itemId: z.string(),
          item: z.string(),
          /** From the published pack, else from the activity's type; null when neither says. */
          kind: ItemKind.nullable(),
          startedAt: Iso,
          completedAt: Iso.nullable(),
          /** Finished quiz attempts, and their best and latest scaled scores (0–1). */
          attempts: z.number().int(),
          bestScore: z.number().nullable(),
          lastScore: z.number().nullable(),
        }),
      ),
    }),
  ),
  /** The certificates (company Open Badges) the hub issued to them, newest first. */
  credentials: z.array(
    z.object({
      id: z.string(),
      achievementId: z.string(),
      /** The achievement's name in the credential: the course as it was titled when issued. */
      name: z.string(),
      issuerName: z.string(),
      issuedAt: Iso,
      revokedAt: Iso.nullable(),
    }),
  ),
});

export const QuestionQuery = z.strictObject({ course: z.string().min(1).max(2000) });

export const QuestionAnalysis = z.object({
  questions: z.array(
    z.object({
      questionId: z.string(),
      question: z.string(),
      quizId: z.string(),
      quiz: z.string(),
      answers: z.number().int(),
      /** The share (0–1) of answers that were right. */
      correctShare: z.number(),
      /** The wrong answer given most often (a choice id), and how often; null when no one was wrong. */
      topWrong: z.string().nullable(),
      /** The wrong answer in the words learners saw, when the question's definition names its choices. */
      topWrongText: z.string().nullable(),
      topWrongAnswers: z.number().int().nullable(),
    }),
  ),
});
