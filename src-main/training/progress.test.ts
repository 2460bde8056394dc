import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { QuizAttempt } from '../../src-shared/training/schemas';
import { installPackFolder } from '../packs/install';
import { testPackFiles, writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();
const manifest = String(testPackFiles['pack.yaml'] ?? '');
const withoutExercise = manifest.replace(
  / {10}- id: write-it\n {12}kind: exercise\n {12}file: first\/write-it.md\n/,
  '',
);

async function setUp(packYaml = manifest) {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'), { 'pack.yaml': packYaml });
  const dataDir = tempDir();
  const core = await startCore(dataDir, { bundledPacksDir: bundled });
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
    ).map(
      (row) =>
        JSON.parse(row.statement) as {
          verb: { id: string };
          object: { id: string };
          result?: Record<string, unknown>;
        },
    );
  const verbs = () =>
    statements().map((s) => `${s.verb.id.split('/').pop()} ${s.object.id.split('/').pop()}`);
  return { core, call, statements, verbs, dataDir };
}

const ref = (itemId: string) => ({ packId: 'test-pack', itemId });

/** The position a choice was shown at in this attempt: choices are shuffled for each. */
function shown(attempt: QuizAttempt, questionId: string, text: string): number {
  const question = attempt.questions.find((candidate) => candidate.id === questionId);
  const position = question && 'choices' in question ? question.choices.indexOf(text) : -1;
  if (position < 0) throw new Error(`no choice "${text}" in ${questionId}`);
  return position;
}

describe('learner progress', () => {
  it('records starting an item once, and completing a lesson, each as an xAPI statement', async () => {
    const { call, verbs, statements } = await setUp();
    await call('openItem', ref('hello'));
    await call('openItem', ref('hello'));
    expect(await call('completeItem', ref('hello'))).toMatchObject({
      status: 'completed',
      courseCompleted: false,
    });
    await call('completeItem', ref('hello'));
    expect(verbs()).toEqual(['attempted hello', 'completed hello']);
    const [first] = statements();
    expect(first).toMatchObject({ version: '2.0.0', actor: { objectType: 'Agent' } });
    expect((first as unknown as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives feedback on each answer, fails then passes a knowledge check, and keeps the best score', async () => {
    const { core, call, verbs, statements } = await setUp();
    const first = await call<QuizAttempt>('startQuiz', ref('check'));
    expect(
      await call('answerQuestion', {
        attemptId: first.attemptId,
        questionId: 'one',
        answer: { type: 'single', choice: shown(first, 'one', 'Wrong') },
      }),
    ).toEqual({
      correct: false,
      explanation: 'Because.',
      correctAnswer: 'Right',
      correctAnswers: ['Right'],
    });
    expect(await call('finishQuiz', { attemptId: first.attemptId })).toMatchObject({
      points: 0,
      max: 2,
      passed: false,
      passMark: 0.75,
      missed: [
        { id: 'one', prompt: 'Pick one' },
        { id: 'two', prompt: 'True?' },
      ],
    });

    // The retry points out what went wrong last time.
    const second = await call<QuizAttempt>('startQuiz', ref('check'));
    expect(second.missedLastTime).toEqual(['one', 'two']);
    await call('answerQuestion', {
      attemptId: second.attemptId,
      questionId: 'one',
      answer: { type: 'single', choice: shown(second, 'one', 'Right') },
    });
    await call('answerQuestion', {
      attemptId: second.attemptId,
      questionId: 'two',
      answer: { type: 'truefalse', value: true },
    });
    expect(await call('finishQuiz', { attemptId: second.attemptId })).toMatchObject({
      points: 2,
      max: 2,
      scaled: 1,
      passed: true,
      missed: [],
    });
    expect(verbs()).toEqual([
      'attempted check',
      'answered one',
      'failed check',
      'answered one',
      'answered two',
      'passed check',
    ]);
    expect(statements().at(-1)?.result).toEqual({
      score: { scaled: 1, raw: 2, min: 0, max: 2 },
      success: true,
      completion: true,
      duration: 'PT0S',
    });

    const course = await call<{ modules: { items: { id: string; status: string }[] }[] }>('getCourse', {
      packId: 'test-pack',
      courseId: 'basics',
    });
    expect(course.modules[0]?.items.find((item) => item.id === 'check')?.status).toBe('completed');
    expect(await core.dispatch('finishQuiz', { attemptId: second.attemptId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('completes the course when its last item is done, once', async () => {
    const { core, call, verbs } = await setUp(withoutExercise);
    await call('updateLearner', { name: 'Ada Lovelace' });
    await call('completeItem', ref('hello'));
    await call('saveReflection', { ...ref('think'), text: 'I learnt to lead with the insight.' });
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
      answer: { type: 'truefalse', value: true },
    });
    expect(await call('finishQuiz', { attemptId: attempt.attemptId })).toMatchObject({
      passed: true,
      courseCompleted: true,
    });
    expect(verbs().at(-1)).toBe('completed basics');
    const courses = await call<{ completed: boolean; completedItems: number }[]>('listCourses', {});
    expect(courses[0]).toMatchObject({ completed: true, completedItems: 3, resumeItemId: null });

    // The certificate: issued once, signed, and checked when read.
    const certificates = await call<{ id: string; courseTitle: string; score: number }[]>(
      'listCertificates',
      {},
    );
    expect(certificates).toMatchObject([
      { courseTitle: 'Basics', packVersion: '1.2.0', score: 1, learnerName: 'Ada Lovelace' },
    ]);
    const certificate = await call<{ signatureValid: boolean; credential: Record<string, unknown> }>(
      'getCertificate',
      {
        certificateId: certificates[0]?.id,
      },
    );
    expect(certificate.signatureValid).toBe(true);
    expect(certificate.credential).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' }],
    });
    // Editing the stored credential breaks its signature, and the app says so.
    core.database.sqlite
      .prepare('UPDATE certificates SET credential = replace(credential, \'"Basics"\', \'"Advanced"\')')
      .run();
    const tampered = await call<{ signatureValid: boolean }>('getCertificate', {
      certificateId: certificates[0]?.id,
    });
    expect(tampered.signatureValid).toBe(false);
  });

  it('resumes at the item last opened and not yet done', async () => {
    const { call } = await setUp();
    await call('completeItem', ref('hello'));
    await call('openItem', ref('think'));
    const [course] = await call<{ resumeItemId: string }[]>('listCourses', {});
    expect(course?.resumeItemId).toBe('think');
  });

  it('writes no progress when its statement cannot be written (one transaction)', async () => {
    const { core, call } = await setUp();
    await call('openItem', ref('hello'));
    core.database.sqlite.exec('DROP TABLE outbox');
    expect(await core.dispatch('completeItem', ref('hello'))).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    const row = core.database.sqlite
      .prepare("SELECT completed_at FROM item_progress WHERE item_id = 'hello'")
      .get();
    expect(row).toEqual({ completed_at: null });
  });

  it('keeps progress for items whose ids survive a pack upgrade', async () => {
    const { core, call, dataDir } = await setUp();
    await call('completeItem', ref('hello'));
    const upgraded = tempDir();
    writeTestPack(upgraded, { 'pack.yaml': manifest.replace('version: 1.2.0', 'version: 2.0.0') });
    await installPackFolder(
      { database: core.database, dataDir, now: () => new Date() },
      upgraded,
      'imported',
    );
    const course = await call<{ completedItems: number }>('getCourse', {
      packId: 'test-pack',
      courseId: 'basics',
    });
    expect(course.completedItems).toBe(1);
  });

  it('refuses to complete quizzes and exercises by hand', async () => {
    const { core } = await setUp();
    expect(await core.dispatch('completeItem', ref('check'))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await core.dispatch('completeItem', ref('write-it'))).toMatchObject({
      ok: false,
      error: { message: 'An exercise is completed by marking its draft ready in the writing studio.' },
    });
  });

  it('keeps a reflection private: saved on the device, never in a statement', async () => {
    const { core, call, statements } = await setUp();
    expect(await core.dispatch('completeItem', ref('think'))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Write a few words') },
    });
    await call('saveReflection', { ...ref('think'), text: 'My secret worry about posting.' });
    expect(await call('getReflection', ref('think'))).toMatchObject({
      text: 'My secret worry about posting.',
    });
    await call('completeItem', ref('think'));
    expect(JSON.stringify(statements())).not.toContain('secret worry');
    expect(await core.dispatch('saveReflection', { ...ref('hello'), text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('keeps progress when a pack is removed, unless the learner asks to forget it', async () => {
    const { core, call, dataDir } = await setUp();
    const reinstall = async () => {
      const folder = tempDir();
      writeTestPack(folder);
      await installPackFolder(
        { database: core.database, dataDir, now: () => new Date() },
        folder,
        'imported',
      );
      return (
        await call<{ completedItems: number }>('getCourse', { packId: 'test-pack', courseId: 'basics' })
      ).completedItems;
    };
    await call('completeItem', ref('hello'));
    await call('removePack', { packId: 'test-pack' });
    expect(await reinstall()).toBe(1);
    await call('removePack', { packId: 'test-pack', forgetProgress: true });
    expect(await reinstall()).toBe(0);
  });
});
