/**
 * The Advocate Studio xAPI profile (docs/xapi-profile.md) as a zod schema: what every statement the app records
 * must look like, beyond xAPI itself (validate.ts checks that). The doc's examples and the app's own statements
 * are both tested against it (src-main/training/xapi-profile.test.ts, src-main/training/statements.test.ts).
 */
import { z } from 'zod';
import { LANGUAGE_TAG } from './json-rules';
import {
  activityTypes,
  extensionIris,
  LEARNER_ACCOUNT_HOME,
  PLATFORM,
  verbs,
  XAPI_VERSION,
} from './statements';

const T = activityTypes;
const ITEM_TYPES = [T.lesson, T.quiz, T.exercise] as const;
const DURATION = /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const iso = z.iso.datetime({ offset: true });
const duration = z.string().regex(DURATION, 'an ISO 8601 duration like PT4M12S');
const languageMap = z.record(z.string().regex(LANGUAGE_TAG), z.string().min(1));

function activity(types: readonly string[]) {
  return z.strictObject({
    objectType: z.literal('Activity'),
    id: z.url().startsWith('https://advocate.studio/xapi/activities/packs/'),
    definition: z.strictObject({
      type: z.enum(types as [string, ...string[]]),
      name: languageMap,
      description: languageMap.optional(),
    }),
  });
}

const choice = z.strictObject({ id: z.string().regex(/^[a-z]+$/), description: languageMap });
const question = z.strictObject({
  objectType: z.literal('Activity'),
  id: z.url().includes('/questions/'),
  definition: z.union([
    z.strictObject({
      type: z.literal(T.question),
      name: languageMap,
      interactionType: z.literal('choice'),
      correctResponsesPattern: z.tuple([z.string().regex(/^[a-z]+(\[,\][a-z]+)*$/)]),
      choices: z.array(choice).min(2),
    }),
    z.strictObject({
      type: z.literal(T.question),
      name: languageMap,
      interactionType: z.literal('true-false'),
      correctResponsesPattern: z.tuple([z.enum(['true', 'false'])]),
    }),
    z.strictObject({
      type: z.literal(T.question),
      name: languageMap,
      interactionType: z.literal('long-fill-in'),
    }),
  ]),
});

const pack = activity([T.pack]);
const course = activity([T.course]);

function context(parent: z.ZodType | null, grouping: z.ZodType, extensions?: z.ZodType) {
  return z.strictObject({
    platform: z.literal(PLATFORM),
    language: z.string().regex(LANGUAGE_TAG),
    revision: z.string().min(1),
    registration: uuid,
    contextActivities: z.strictObject({ ...(parent ? { parent: z.tuple([parent]) } : {}), grouping }),
    ...(extensions ? { extensions } : {}),
  });
}

const itemContext = context(activity([T.module]), z.tuple([course, pack]));
const quizAttempt = z.strictObject({ [extensionIris.quizAttempt]: uuid });
const score = z.strictObject({
  scaled: z.number().min(0).max(1),
  raw: z.number().int().min(0),
  min: z.literal(0),
  max: z.number().int().positive(),
});

function verb(name: keyof typeof verbs) {
  return z.strictObject({
    id: z.literal(verbs[name].id),
    display: z.strictObject({ 'en-US': z.literal(name) }),
  });
}

const envelope = {
  id: uuid,
  actor: z.strictObject({
    objectType: z.literal('Agent'),
    name: z.string().min(1),
    account: z.strictObject({ homePage: z.literal(LEARNER_ACCOUNT_HOME), name: z.string().min(1) }),
  }),
  timestamp: iso,
  version: z.literal(XAPI_VERSION),
};

/** Each kind of statement the app records, by name (the doc's headings use the same names). */
export const profileStatements = {
  'item attempted': z.strictObject({
    ...envelope,
    verb: verb('attempted'),
    object: activity(ITEM_TYPES),
    context: itemContext,
  }),
  'item completed': z.strictObject({
    ...envelope,
    verb: verb('completed'),
    object: activity([T.lesson, T.exercise]),
    context: itemContext,
    result: z.strictObject({ completion: z.literal(true), duration }),
  }),
  'question answered': z.strictObject({
    ...envelope,
    verb: verb('answered'),
    object: question,
    context: context(activity([T.quiz]), z.tuple([course, pack]), quizAttempt),
    result: z.strictObject({ success: z.boolean().optional(), response: z.string() }),
  }),
  'knowledge check passed or failed': z.strictObject({
    ...envelope,
    verb: z.union([verb('passed'), verb('failed')]),
    object: activity([T.quiz]),
    context: context(activity([T.module]), z.tuple([course, pack]), quizAttempt),
    result: z.strictObject({ score, success: z.boolean(), completion: z.literal(true), duration }),
  }),
  'course completed': z.strictObject({
    ...envelope,
    verb: verb('completed'),
    object: course,
    context: context(null, z.tuple([pack])),
    result: z.strictObject({
      score: score.optional(),
      success: z.boolean(),
      completion: z.literal(true),
      duration,
    }),
  }),
} as const;
export type ProfileStatementKind = keyof typeof profileStatements;

/** The kind a statement claims to be, from its verb and object type; null for none of ours. */
export function profileKindOf(statement: Record<string, unknown>): ProfileStatementKind | null {
  const verb = (statement['verb'] as { id?: unknown } | undefined)?.id;
  const type = (statement['object'] as { definition?: { type?: unknown } } | undefined)?.definition?.type;
  if (verb === verbs.attempted.id) return 'item attempted';
  if (verb === verbs.answered.id) return 'question answered';
  if (verb === verbs.passed.id || verb === verbs.failed.id) return 'knowledge check passed or failed';
  if (verb === verbs.completed.id) return type === T.course ? 'course completed' : 'item completed';
  return null;
}

/**
 * Problems with a statement under the profile, as `path: message` lines (none when it conforms), with the
 * profile's cross-field rules: names and descriptions keyed by `context.language`; a verb that says passed
 * has `success: true`, failed `false`.
 */
export function profileProblems(statement: Record<string, unknown>): string[] {
  const kind = profileKindOf(statement);
  if (!kind) return ['verb: is not a verb of the profile'];
  const parsed = profileStatements[kind].safeParse(statement);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(statement)'}: ${issue.message}`);
  }
  const problems: string[] = [];
  const language = (statement['context'] as { language: string }).language;
  const maps: [string, unknown][] = [];
  const collect = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if ((key === 'name' || key === 'description') && typeof inner === 'object' && inner !== null) {
        maps.push([at, inner]);
      } else collect(inner, at);
    }
  };
  collect(statement['object'], 'object');
  collect(statement['context'], 'context');
  for (const [path, map] of maps) {
    const keys = Object.keys(map as object);
    if (keys.length !== 1 || keys[0] !== language)
      problems.push(`${path}: must be keyed by "${language}" only`);
  }
  const verb = (statement['verb'] as { id: string }).id;
  const success = (statement['result'] as { success?: boolean } | undefined)?.success;
  if (verb === verbs.passed.id && success !== true) problems.push('result.success: must be true when passed');
  if (verb === verbs.failed.id && success !== false)
    problems.push('result.success: must be false when failed');
  return problems;
}
