import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import { modelAnswerOf, placeholderSpans } from '../../src-shared/training/template-text';
import type { Draft, InstalledGuidelines, SavedDraft } from '../../src-shared/writing/drafts';
import { acknowledgementKey, checkGuidelines } from '../../src-shared/writing/guidelines';
import { validatePackFolder } from '../../src-packs/validate';
import { useTestCores } from '../testing/app-core';
import { bundledAnswers } from '../../src-packs/testing/exercise-answers';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();
const bundledDir = join(import.meta.dirname, '..', '..', 'resources', 'packs');
const packId = 'advocate-foundations';
const bundled = validatePackFolder(join(bundledDir, packId)).pack;
const exercises = (bundled?.items ?? []).filter((item) => item.kind === 'exercise');
/** The course an item belongs to: the pack has Advocate Foundations and Running an advocacy programme. */
const courseOf = (itemId: string): string =>
  bundled?.manifest.courses.find((course) =>
    course.modules.some((module) => module.items.some((item) => item.id === itemId)),
  )?.id ?? 'none';

/** The bundled course installed, and one exercise's draft begun, with calls that type and mark it ready. */
async function startExercise(itemId: string) {
  const core = await startCore(tempDir(), { bundledPacksDir: bundledDir });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const draft = await call<Draft>('createDraft', { fromExercise: { packId, itemId } });
  let revision = draft.revision;
  const type = async (body: string) => {
    revision = (
      await call<SavedDraft>('saveDraft', {
        draftId: draft.id,
        title: draft.title,
        body,
        baseRevision: revision,
      })
    ).revision;
  };
  const sets = (await call<InstalledGuidelines[]>('listGuidelineSets', {})).map((entry) => entry.set);
  const findings = (body: string) => checkGuidelines(body, { channel: draft.channel }, sets);
  const markReady = () => core.dispatch('updateDraft', { draftId: draft.id, status: 'ready' });
  const status = async () => {
    const course = await call<{ modules: { items: { id: string; status: string }[] }[] }>('getCourse', {
      packId,
      courseId: courseOf(itemId),
    });
    return course.modules.flatMap((module) => module.items).find((item) => item.id === itemId)?.status;
  };
  /** What a hurried learner does: acknowledges every finding the text has. */
  const acknowledgeAll = async (body: string) => {
    for (const finding of findings(body)) {
      await call('acknowledgeFinding', {
        draftId: draft.id,
        key: acknowledgementKey(finding),
        acknowledged: true,
      });
    }
  };
  return { draft, type, findings, markReady, status, acknowledgeAll };
}

const refused = { ok: false, error: { code: 'EXERCISE_INCOMPLETE' } };

describe('the bundled course’s exercises', () => {
  it('are all here, each with a real answer to try', () => {
    expect(exercises.map((item) => item.id).sort()).toEqual(Object.keys(bundledAnswers).sort());
  });

  it.each(exercises.map((item) => item.id))(
    '%s: refuses the template and a hurried answer, and completes with a real one',
    async (itemId) => {
      const { draft, type, findings, markReady, status, acknowledgeAll } = await startExercise(itemId);
      await acknowledgeAll(draft.body);
      expect(await markReady()).toMatchObject(refused);

      // Every placeholder answered with "x", every finding ticked.
      let hurried = draft.body;
      for (const span of placeholderSpans(draft.body).reverse()) {
        hurried = `${hurried.slice(0, span.start)}x${hurried.slice(span.end)}`;
      }
      await type(hurried);
      await acknowledgeAll(hurried);
      expect(await markReady()).toMatchObject(refused);
      expect(await status()).toBe('started');

      // The model answer the exercise's page shows, copied out: not the learner's work.
      const model = modelAnswerOf(exercises.find((item) => item.id === itemId)?.body ?? '');
      expect(model, 'every bundled exercise has a model answer').not.toBeNull();
      await type(model ?? '');
      await acknowledgeAll(model ?? '');
      const copied = await markReady();
      expect(copied).toMatchObject(refused);
      if (!copied.ok) expect(copied.error.message).toContain('the model answer word for word');

      const answer = bundledAnswers[itemId] ?? '';
      expect(findings(answer).map((finding) => finding.title)).toEqual([]);
      await type(answer);
      expect(await markReady()).toMatchObject({ ok: true, value: { status: 'ready' } });
      expect(await status()).toBe('completed');
    },
  );
});

describe('the “make it safe to publish” exercise', () => {
  const answer = bundledAnswers['make-it-safe-to-publish'] ?? '';

  it('does not complete when the findings are only acknowledged', async () => {
    const { draft, type, markReady, acknowledgeAll } = await startExercise('make-it-safe-to-publish');
    const withoutInstruction = draft.body.slice(draft.body.indexOf('\n\n') + 2);
    await type(withoutInstruction);
    await acknowledgeAll(withoutInstruction);
    const result = await markReady();
    expect(result).toMatchObject(refused);
    if (result.ok) throw new Error('refused above');
    for (const left of [
      '2 “must” guideline findings still in the text',
      "Still in the text: the customer's name",
      'Still in the text: the internal code name',
      'Still in the text: the unpublished quarterly figure',
      'Still in the text: the swipe at a competitor',
    ]) {
      expect(result.error.message).toContain(left);
    }
  });

  it.each([
    ['the customer', answer.replace('a large grocery retailer', 'Quillmere Grocers'), "the customer's name"],
    ['the code name', `${answer}\n\nMore soon, once Heron ships.`, 'the internal code name'],
    ['the figure', answer.replace('Good week', 'Good week (Q3 up 38%!)'), 'the unpublished quarterly figure'],
    ['the forecast', `${answer}\n\nOur retail revenue will double.`, 'the revenue forecast'],
    ['the lesson', answer.replace(/The trick[\s\S]*?servers\./, 'We fixed it.'), 'Add the lesson'],
  ])('completes only when the unsafe details are gone: %s', async (_, text, missing) => {
    const { type, markReady, acknowledgeAll, status } = await startExercise('make-it-safe-to-publish');
    await type(text);
    await acknowledgeAll(text);
    const result = await markReady();
    expect(result).toMatchObject(refused);
    if (result.ok) throw new Error('refused above');
    expect(result.error.message).toContain(missing);
    expect(await status()).toBe('started');
  });
});
