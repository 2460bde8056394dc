/**
 * xAPI 2.0 statements for learning events (IEEE 9274.1.1), shaped as docs/xapi-profile.md describes. Pure
 * builders: the caller supplies the id, the time and the learner, so they run the same in tests, on the device
 * and in the hub.
 */
export const XAPI_VERSION = '2.0.0';
const ROOT = 'https://advocate.studio/xapi';
const ACTIVITY_ROOT = `${ROOT}/activities`;
/** The homePage of every learner's xAPI account: the hub binds device credentials to accounts under it. */
export const LEARNER_ACCOUNT_HOME = 'https://advocate.studio/learners';
/** The language of names and descriptions when the pack names none (a pack's manifest always does today). */
export const DEFAULT_LANGUAGE = 'en-US';
export const PLATFORM = 'Advocate Studio';

/** ADL's verb vocabulary (http://adlnet.gov/expapi/verbs/). */
export const verbs = {
  attempted: verb('attempted'),
  completed: verb('completed'),
  answered: verb('answered'),
  passed: verb('passed'),
  failed: verb('failed'),
} as const;
export type VerbName = keyof typeof verbs;

function verb(name: string) {
  return { id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } };
}

/** ADL activity types for what the learner acts on; a course pack has a type of our own. */
export const activityTypes = {
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  quiz: 'http://adlnet.gov/expapi/activities/assessment',
  exercise: 'http://adlnet.gov/expapi/activities/performance',
  reflection: 'http://adlnet.gov/expapi/activities/lesson',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  pack: `${ROOT}/activity-types/course-pack`,
} as const;
export type ActivityKind = Exclude<keyof typeof activityTypes, 'pack'>;

/** Context extensions of this profile (docs/xapi-profile.md#extensions). */
export const extensionIris = {
  /** The knowledge-check attempt (a UUID) an answer, pass or fail belongs to, inside the course's registration. */
  quizAttempt: `${ROOT}/extensions/quiz-attempt`,
} as const;

export interface Learner {
  id: string;
  name: string;
}

export interface ActivityRef {
  kind: ActivityKind;
  packId: string;
  /** The item, course or module id within the pack; for questions, `itemId/questionId`. */
  id: string;
  title: string;
  /** The pack's summary of it, where the pack gives one. */
  description?: string | null;
}

/** The course pack the activities come from: its version is the statement's `context.revision`. */
export interface PackRef {
  id: string;
  version: string;
  /** BCP 47 tag of the pack's text: `context.language` and the key of every name and description. */
  language?: string | null;
  title: string;
  summary?: string | null;
}

/** How a question is answered (xAPI interaction activities, Data 2.4.4.1). */
export type Interaction =
  | { type: 'choice'; choices: { id: string; text: string }[]; correct: string[] }
  | { type: 'true-false'; correct: boolean }
  | { type: 'long-fill-in' };

export function activityIri(ref: Pick<ActivityRef, 'kind' | 'packId' | 'id'>): string {
  const segment =
    ref.kind === 'course'
      ? 'courses'
      : ref.kind === 'module'
        ? 'modules'
        : ref.kind === 'question'
          ? 'questions'
          : 'items';
  return `${packIri(ref.packId)}/${segment}/${ref.id.split('/').map(encodeURIComponent).join('/')}`;
}

export function packIri(packId: string): string {
  return `${ACTIVITY_ROOT}/packs/${encodeURIComponent(packId)}`;
}

export interface StatementResult {
  score?: { scaled: number; raw: number; min: number; max: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
  /** ISO 8601 duration: time on task (docs/xapi-profile.md#duration). */
  duration?: string;
}

export interface StatementInput {
  id: string;
  timestamp: Date;
  learner: Learner;
  verb: VerbName;
  object: ActivityRef;
  /**
   * What contains the object: its course, its module and, for a question, its quiz (any order). The builder
   * files them as the profile says: the innermost is `parent`, the course goes in `grouping`.
   */
  parents?: ActivityRef[];
  /** The pack: `revision`, `language`, and an activity of its own in `grouping`. */
  pack?: PackRef;
  /** The learner's attempt at the course (a UUID), on every statement of it. */
  registration?: string;
  result?: StatementResult;
  /** For questions: how they are answered. */
  interaction?: Interaction;
  /** For questions, when only the type is known (statements made elsewhere, such as tests of the hub). */
  interactionType?: Interaction['type'];
  /** Context extensions, by IRI (extensionIris). */
  extensions?: Record<string, unknown>;
}

export type Statement = Record<string, unknown> & { id: string };

/** How deep each kind sits: a pack holds courses, a course modules, a module items, a quiz questions. */
const depth: Record<ActivityKind, number> = {
  course: 1,
  module: 2,
  lesson: 3,
  quiz: 3,
  exercise: 3,
  reflection: 3,
  question: 4,
};

type Json = Record<string, unknown>;

function text(language: string, value: string): Record<string, string> {
  return { [language]: value };
}

function definitionOf(ref: ActivityRef, language: string): Json {
  const definition: Json = { type: activityTypes[ref.kind], name: text(language, ref.title) };
  if (ref.description) definition['description'] = text(language, ref.description);
  return definition;
}

function activity(ref: ActivityRef, language: string): Json {
  return { objectType: 'Activity', id: activityIri(ref), definition: definitionOf(ref, language) };
}

function packActivity(pack: PackRef, language: string): Json {
  const definition: Json = { type: activityTypes.pack, name: text(language, pack.title) };
  if (pack.summary) definition['description'] = text(language, pack.summary);
  return { objectType: 'Activity', id: packIri(pack.id), definition };
}

function interactionDefinition(input: StatementInput, language: string): Json {
  const interaction = input.interaction;
  if (!interaction) return input.interactionType ? { interactionType: input.interactionType } : {};
  switch (interaction.type) {
    case 'choice':
      return {
        interactionType: 'choice',
        // Data 2.4.4.1.2: the ids of the correct choices, in one pattern, joined by [,].
        correctResponsesPattern: [interaction.correct.join('[,]')],
        choices: interaction.choices.map((choice) => ({
          id: choice.id,
          description: text(language, choice.text),
        })),
      };
    case 'true-false':
      return { interactionType: 'true-false', correctResponsesPattern: [String(interaction.correct)] };
    case 'long-fill-in':
      // Written answers are compared by the learner with a model answer, never matched: no pattern.
      return { interactionType: 'long-fill-in' };
  }
}

/** Where the object sits: the innermost container as `parent`, the course and the pack as `grouping`. */
function contextActivitiesOf(input: StatementInput, language: string): Json | null {
  const within = (input.parents ?? []).filter((ref) => depth[ref.kind] < depth[input.object.kind]);
  const innermost = within.reduce<ActivityRef | null>(
    (best, ref) => (best === null || depth[ref.kind] > depth[best.kind] ? ref : best),
    null,
  );
  const course = within.find((ref) => ref.kind === 'course');
  const grouping = [
    ...(course ? [activity(course, language)] : []),
    ...(input.pack ? [packActivity(input.pack, language)] : []),
  ];
  const activities: Json = {};
  if (innermost) activities['parent'] = [activity(innermost, language)];
  if (grouping.length > 0) activities['grouping'] = grouping;
  return Object.keys(activities).length > 0 ? activities : null;
}

export function buildStatement(input: StatementInput): Statement {
  const language = input.pack?.language || DEFAULT_LANGUAGE;
  const definition = { ...definitionOf(input.object, language), ...interactionDefinition(input, language) };
  const statement: Statement = {
    id: input.id,
    // §2.4.2: an Agent identified by an account on this app (no email is needed on the device).
    actor: {
      objectType: 'Agent',
      name: input.learner.name,
      account: { homePage: LEARNER_ACCOUNT_HOME, name: input.learner.id },
    },
    verb: verbs[input.verb],
    object: { objectType: 'Activity', id: activityIri(input.object), definition },
    timestamp: input.timestamp.toISOString(),
    version: XAPI_VERSION,
  };
  const context: Json = { platform: PLATFORM, language };
  if (input.pack) context['revision'] = input.pack.version;
  if (input.registration) context['registration'] = input.registration;
  const activities = contextActivitiesOf(input, language);
  if (activities) context['contextActivities'] = activities;
  if (input.extensions && Object.keys(input.extensions).length > 0) context['extensions'] = input.extensions;
  statement['context'] = context;
  if (input.result) statement['result'] = input.result;
  return statement;
}
