/**
 * xAPI 2.0 statements for learning events (IEEE 9274.1.1). Pure builders: the caller supplies the id,
 * the time and the learner, so they run the same in tests, on the device and in the hub.
 */
export const XAPI_VERSION = '2.0.0';
const ACTIVITY_ROOT = 'https://advocate.studio/xapi/activities';
/** The homePage of every learner's xAPI account: the hub binds device credentials to accounts under it. */
export const LEARNER_ACCOUNT_HOME = 'https://advocate.studio/learners';

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

/** ADL activity types for what the learner acts on. */
const activityTypes = {
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  quiz: 'http://adlnet.gov/expapi/activities/assessment',
  exercise: 'http://adlnet.gov/expapi/activities/performance',
  reflection: 'http://adlnet.gov/expapi/activities/lesson',
  question: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
} as const;
export type ActivityKind = keyof typeof activityTypes;

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
}

export function activityIri(ref: Pick<ActivityRef, 'kind' | 'packId' | 'id'>): string {
  const segment =
    ref.kind === 'course'
      ? 'courses'
      : ref.kind === 'module'
        ? 'modules'
        : ref.kind === 'question'
          ? 'questions'
          : 'items';
  return `${ACTIVITY_ROOT}/packs/${encodeURIComponent(ref.packId)}/${segment}/${ref.id.split('/').map(encodeURIComponent).join('/')}`;
}

export interface StatementResult {
  score?: { scaled: number; raw: number; min: number; max: number };
  success?: boolean;
  completion?: boolean;
  response?: string;
}

export interface StatementInput {
  id: string;
  timestamp: Date;
  learner: Learner;
  verb: VerbName;
  object: ActivityRef;
  /** The course (and module) the object belongs to. */
  parents?: ActivityRef[];
  /** Ties the statements of one attempt together (a UUID). */
  registration?: string;
  result?: StatementResult;
  /** For questions: the xAPI interaction type. */
  interactionType?: 'choice' | 'true-false' | 'long-fill-in';
}

export type Statement = Record<string, unknown> & { id: string };

export function buildStatement(input: StatementInput): Statement {
  const definition: Record<string, unknown> = {
    type: activityTypes[input.object.kind],
    name: { 'en-US': input.object.title },
  };
  if (input.interactionType) definition['interactionType'] = input.interactionType;
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
  const context: Record<string, unknown> = { platform: 'Advocate Studio', language: 'en' };
  if (input.registration) context['registration'] = input.registration;
  if (input.parents && input.parents.length > 0) {
    context['contextActivities'] = {
      parent: input.parents.map((parent) => ({
        objectType: 'Activity',
        id: activityIri(parent),
        definition: { type: activityTypes[parent.kind], name: { 'en-US': parent.title } },
      })),
    };
  }
  statement['context'] = context;
  if (input.result) statement['result'] = input.result;
  return statement;
}
