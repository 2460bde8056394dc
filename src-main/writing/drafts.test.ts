import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src-shared/writing/drafts';
import { storyOfWords } from '../../src-packs/testing/exercise-answers';
import { useDraftsCore } from '../testing/drafts-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const setUp = useDraftsCore(tempDir);

describe('drafts', () => {
  it('autosaves, and what was saved is there after a restart', async () => {
    const { core, call, dataDir } = await setUp();
    const draft = await call<Draft>('createDraft', { channel: 'forum' });
    expect(draft).toMatchObject({ channel: 'forum', status: 'drafting', revision: 1, body: '' });
    const saved = await call<{ revision: number }>('saveDraft', {
      draftId: draft.id,
      title: 'Why our p99 doubled',
      body: 'It was the **DNS** cache.',
      baseRevision: 1,
    });
    expect(saved.revision).toBe(2);
    core.close();

    const again = await setUp(dataDir);
    expect(await again.call('getDraft', { draftId: draft.id })).toMatchObject({
      title: 'Why our p99 doubled',
      body: 'It was the **DNS** cache.',
      revision: 2,
    });
  });

  it('refuses to overwrite newer text from another window', async () => {
    const { core, call } = await setUp();
    const draft = await call<Draft>('createDraft', {});
    await call('saveDraft', { draftId: draft.id, title: 'A', body: 'newer', baseRevision: 1 });
    expect(
      await core.dispatch('saveDraft', { draftId: draft.id, title: 'A', body: 'stale', baseRevision: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('another window') },
    });
  });

  it('starts an exercise from its template, once, and marking the draft ready completes the exercise', async () => {
    const { core, call } = await setUp();
    const draft = await call<Draft>('createDraft', {
      fromExercise: { packId: 'test-pack', itemId: 'write-it' },
    });
    expect(draft).toMatchObject({ title: 'Write it', body: '## Situation\n', channel: 'blog' });
    const again = await call<Draft>('createDraft', {
      fromExercise: { packId: 'test-pack', itemId: 'write-it' },
    });
    expect(again.id).toBe(draft.id);

    // The untouched template is refused (exercise-readiness.test.ts has the rules); a real answer completes it.
    expect(await core.dispatch('updateDraft', { draftId: draft.id, status: 'ready' })).toMatchObject({
      ok: false,
      error: { code: 'EXERCISE_INCOMPLETE' },
    });
    await call('saveDraft', {
      draftId: draft.id,
      title: 'Write it',
      body: `## Situation\n${storyOfWords(40)}`,
      baseRevision: draft.revision,
    });
    await call('updateDraft', { draftId: draft.id, status: 'ready' });
    const course = await call<{ modules: { items: { id: string; status: string }[] }[] }>('getCourse', {
      packId: 'test-pack',
      courseId: 'basics',
    });
    expect(course.modules[0]?.items.find((item) => item.id === 'write-it')?.status).toBe('completed');
    const verbs = (
      core.database.sqlite.prepare('SELECT statement FROM outbox').all() as { statement: string }[]
    ).map((row) => (JSON.parse(row.statement) as { verb: { id: string } }).verb.id.split('/').pop());
    expect(verbs).toEqual(['attempted', 'completed']);
    // Drafts themselves never become records.
    expect(JSON.stringify(core.database.sqlite.prepare('SELECT statement FROM outbox').all())).not.toContain(
      'Situation',
    );
  });

  it('checks a published address', async () => {
    const { core, call } = await setUp();
    const draft = await call<Draft>('createDraft', {});
    expect(
      await core.dispatch('updateDraft', {
        draftId: draft.id,
        status: 'published',
        publishedUrl: 'http://x.example',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const published = await call<Draft>('updateDraft', {
      draftId: draft.id,
      status: 'published',
      publishedUrl: 'https://blog.example/p99',
    });
    expect(published).toMatchObject({ status: 'published', publishedUrl: 'https://blog.example/p99' });
  });

  it('duplicates a draft as a new one', async () => {
    const { call } = await setUp();
    const source = await call<Draft>('createDraft', {
      fromExercise: { packId: 'test-pack', itemId: 'write-it' },
    });
    await call('updateDraft', { draftId: source.id, tags: ['story'], audience: 'SREs' });
    const copy = await call<Draft>('duplicateDraft', { draftId: source.id });
    expect(copy).toMatchObject({
      title: 'Write it (copy)',
      body: '## Situation\n',
      channel: 'blog',
      tags: ['story'],
      audience: 'SREs',
      status: 'drafting',
      exercise: null,
    });
    expect(copy.id).not.toBe(source.id);
  });
});
