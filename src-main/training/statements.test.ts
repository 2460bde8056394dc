import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { QuizAttempt } from '../../src-shared/training/schemas';
import { profileProblems } from '../../src-shared/xapi/profile';
import { checkStatement } from '../../src-shared/xapi/validate';
import { testPackFiles, writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

/** The test pack in British English, with summaries for its pack, course and module, and no exercise. */
const manifest = String(testPackFiles['pack.yaml'] ?? '')
  .replace('language: en', 'language: en-GB')
  .replace('    title: Basics\n', '    title: Basics\n    summary: The first steps.\n')
  .replace('        title: First module\n', '        title: First module\n        summary: Where to begin.\n')
  .replace(/ {10}- id: write-it\n {12}kind: exercise\n {12}file: first\/write-it.md\n/, '');

const PACK = 'https://advocate.studio/xapi/activities/packs/test-pack';
type Json = Record<string, unknown>;

async function setUp(packYaml = manifest) {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'), { 'pack.yaml': packYaml });
  let clock = Date.parse('2026-11-25T12:00:00Z');
  const dataDir = tempDir();
  const start = () => startCore(dataDir, { bundledPacksDir: bundled, now: () => new Date(clock) });
  let core = await start();
  /** Closes the app and opens it again on the same data. */
  const restart = async () => {
    core.close();
    core = await start();
  };
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const statements = () =>
    (
      core.database.sqlite.prepare('SELECT statement FROM outbox ORDER BY rowid').all() as {
        statement: string;
      }[]
    ).map((row) => JSON.parse(row.statement) as Json);
  const wait = (minutes: number) => (clock += minutes * 60_000);
  return { call, statements, wait, restart };
}

const ref = (itemId: string) => ({ packId: 'test-pack', itemId });

function shown(attempt: QuizAttempt, questionId: string, text: string): number {
  const question = attempt.questions.find((candidate) => candidate.id === questionId);
  const position = question && 'choices' in question ? question.choices.indexOf(text) : -1;
  if (position < 0) throw new Error(`no choice "${text}" in ${questionId}`);
  return position;
}

/** Takes the whole course: the lesson, the reflection, and the knowledge check failed once, then passed. */
async function takeCourse(setup: Awaited<ReturnType<typeof setUp>>) {
  const { call, wait } = setup;
  await call('openItem', ref('hello'));
  wait(4);
  await call('completeItem', ref('hello'));
  await call('saveReflection', { ...ref('think'), text: 'Lead with the insight.' });
  await call('completeItem', ref('think'));
  const failed = await call<QuizAttempt>('startQuiz', ref('check'));
  wait(1);
  await call('answerQuestion', {
    attemptId: failed.attemptId,
    questionId: 'one',
    answer: { type: 'single', choice: shown(failed, 'one', 'Wrong') },
  });
  await call('finishQuiz', { attemptId: failed.attemptId });
  const passed = await call<QuizAttempt>('startQuiz', ref('check'));
  wait(1);
  await call('answerQuestion', {
    attemptId: passed.attemptId,
    questionId: 'one',
    answer: { type: 'single', choice: shown(passed, 'one', 'Right') },
  });
  wait(1);
  await call('answerQuestion', {
    attemptId: passed.attemptId,
    questionId: 'two',
    answer: { type: 'truefalse', value: true },
  });
  wait(1);
  await call('finishQuiz', { attemptId: passed.attemptId });
  return { failed, passed };
}

const kind = (statement: Json) => {
  const verb = (statement['verb'] as { id: string }).id.split('/').pop();
  const object = (statement['object'] as { id: string }).id.split('/').pop();
  return `${verb} ${object}`;
};

describe('the statements the app records', () => {
  it('are valid xAPI 2.0 and follow our profile, with the pack revision, the pack language and the course and pack as grouping', async () => {
    const setup = await setUp();
    await takeCourse(setup);
    const all = setup.statements();
    expect(all.map(kind)).toEqual([
      'attempted hello',
      'completed hello',
      'attempted think',
      'completed think',
      'attempted check',
      'answered one',
      'failed check',
      'answered one',
      'answered two',
      'passed check',
      'completed basics',
    ]);
    for (const statement of all) {
      expect(checkStatement(statement)).toEqual({ ok: true });
      expect(profileProblems(statement)).toEqual([]);
      expect(statement['context']).toMatchObject({
        platform: 'Advocate Studio',
        language: 'en-GB',
        revision: '1.2.0',
      });
      const grouping = (statement['context'] as { contextActivities: { grouping: Json[] } }).contextActivities
        .grouping;
      const packActivity = {
        objectType: 'Activity',
        id: PACK,
        definition: {
          type: 'https://advocate.studio/xapi/activity-types/course-pack',
          name: { 'en-GB': 'Test pack' },
          description: { 'en-GB': 'A small pack for tests.' },
        },
      };
      const course = {
        objectType: 'Activity',
        id: `${PACK}/courses/basics`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/course',
          name: { 'en-GB': 'Basics' },
          description: { 'en-GB': 'The first steps.' },
        },
      };
      expect(grouping).toEqual(
        kind(statement) === 'completed basics' ? [packActivity] : [course, packActivity],
      );
    }
    const lesson = all[1] as Json;
    expect(lesson['object']).toEqual({
      objectType: 'Activity',
      id: `${PACK}/items/hello`,
      definition: { type: 'http://adlnet.gov/expapi/activities/lesson', name: { 'en-GB': 'Hello' } },
    });
    // The parent is the immediate container only: the module for an item.
    expect((lesson['context'] as Json)['contextActivities']).toMatchObject({
      parent: [
        {
          objectType: 'Activity',
          id: `${PACK}/modules/basics/first`,
          definition: {
            type: 'http://adlnet.gov/expapi/activities/module',
            name: { 'en-GB': 'First module' },
            description: { 'en-GB': 'Where to begin.' },
          },
        },
      ],
    });
    // A question's parent is its knowledge check.
    const answer = all[5] as { context: { contextActivities: { parent: { id: string }[] } } };
    expect(answer.context.contextActivities.parent.map((a) => a.id)).toEqual([`${PACK}/items/check`]);
  });

  it('score the course completion from its knowledge checks, best attempt each', async () => {
    const setup = await setUp();
    await takeCourse(setup);
    const completed = setup.statements().at(-1) as Json;
    expect(completed['result']).toMatchObject({
      score: { scaled: 1, raw: 2, min: 0, max: 2 },
      success: true,
      completion: true,
    });
    expect((completed['context'] as Json)['contextActivities']).not.toHaveProperty('parent');
  });

  it('score the course completion below 1 when the passing attempt missed a question', async () => {
    const setup = await setUp(manifest.replace('passMark: 0.75', 'passMark: 0.5'));
    const { call, statements } = setup;
    await call('completeItem', ref('hello'));
    await call('saveReflection', { ...ref('think'), text: 'Noted.' });
    await call('completeItem', ref('think'));
    const attempt = await call<QuizAttempt>('startQuiz', ref('check'));
    await call('answerQuestion', {
      attemptId: attempt.attemptId,
      questionId: 'one',
      answer: { type: 'single', choice: shown(attempt, 'one', 'Right') },
    });
    await call('answerQuestion', {
      attemptId: attempt.attemptId,
      questionId: 'two',
      answer: { type: 'truefalse', value: false },
    });
    await call('finishQuiz', { attemptId: attempt.attemptId });
    const completed = statements().at(-1) as Json;
    expect(kind(completed)).toBe('completed basics');
    expect(completed['result']).toMatchObject({
      score: { scaled: 0.5, raw: 1, min: 0, max: 2 },
      success: true,
      completion: true,
    });
  });

  it('describe each question as an interaction, and give responses as stable choice ids, not shown positions', async () => {
    const setup = await setUp();
    await takeCourse(setup);
    const answers = setup.statements().filter((statement) => kind(statement).startsWith('answered'));
    const [wrong, right, truth] = answers as { object: Json; result: Json }[];
    expect(wrong?.object).toEqual({
      objectType: 'Activity',
      id: `${PACK}/questions/check/one`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { 'en-GB': 'Pick one' },
        interactionType: 'choice',
        correctResponsesPattern: ['a'],
        choices: [
          { id: 'a', description: { 'en-GB': 'Right' } },
          { id: 'b', description: { 'en-GB': 'Wrong' } },
        ],
      },
    });
    // Both attempts shuffled the choices; the ids follow the pack's order whatever was shown.
    expect(wrong?.result).toEqual({ success: false, response: 'b' });
    expect(right?.result).toEqual({ success: true, response: 'a' });
    expect(truth?.object).toMatchObject({
      definition: { interactionType: 'true-false', correctResponsesPattern: ['true'] },
    });
    expect(truth?.result).toEqual({ success: true, response: 'true' });
  });

  it('tie every statement of the course attempt together with one registration, kept across restarts', async () => {
    const setup = await setUp();
    await setup.call('openItem', ref('hello'));
    await setup.restart();
    const { failed, passed } = await takeCourse(setup);
    const all = setup.statements();
    const registrations = new Set(all.map((statement) => (statement['context'] as Json)['registration']));
    expect(registrations.size).toBe(1);
    expect([...registrations][0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // Each knowledge-check attempt is named inside the course's registration.
    const attemptOf = (statement: Json) =>
      ((statement['context'] as Json)['extensions'] as Json | undefined)?.[
        'https://advocate.studio/xapi/extensions/quiz-attempt'
      ];
    expect(all.map(attemptOf)).toEqual([
      ...Array<undefined>(5).fill(undefined),
      failed.attemptId,
      failed.attemptId,
      passed.attemptId,
      passed.attemptId,
      passed.attemptId,
      undefined,
    ]);
  });

  it('report time on task as result.duration: from opening to completion, and between the steps of a check', async () => {
    const setup = await setUp();
    await takeCourse(setup);
    const durations = setup
      .statements()
      .filter((statement) => (statement['result'] as Json | undefined)?.['duration'] !== undefined)
      .map((statement) => `${kind(statement)} ${String((statement['result'] as Json)['duration'])}`);
    expect(durations).toEqual([
      'completed hello PT4M',
      // Written and completed on one screen without opening it first: no time the app could see.
      'completed think PT0S',
      'failed check PT1M',
      'passed check PT3M',
      // The course: the sum of its items' and attempts' time.
      'completed basics PT8M',
    ]);
  });

  it('caps an idle gap: the learner was most likely away', async () => {
    const setup = await setUp();
    const { call, wait, statements } = setup;
    await call('openItem', ref('hello'));
    wait(180);
    await call('completeItem', ref('hello'));
    const attempt = await call<QuizAttempt>('startQuiz', ref('check'));
    wait(45);
    await call('answerQuestion', {
      attemptId: attempt.attemptId,
      questionId: 'one',
      answer: { type: 'single', choice: shown(attempt, 'one', 'Wrong') },
    });
    wait(2);
    await call('finishQuiz', { attemptId: attempt.attemptId });
    const durations = statements().flatMap((statement) => {
      const duration = (statement['result'] as Json | undefined)?.['duration'];
      return duration === undefined ? [] : [duration];
    });
    // A lesson counts at most 30 minutes (or twice its estimate); a step of a check at most 10.
    expect(durations).toEqual(['PT30M', 'PT12M']);
  });
});
