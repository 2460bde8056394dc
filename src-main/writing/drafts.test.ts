import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { Draft, DraftSummary, DraftTemplate } from '../../src-shared/writing/drafts';
import { writeTestPack } from '../packs/test-pack';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

async function setUp(dataDir = tempDir()) {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'));
  let clock = new Date('2026-11-25T09:00:00Z').getTime();
  const core = await startCore(dataDir, { bundledPacksDir: bundled, now: () => new Date(clock) });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const advance = (ms: number) => {
    clock += ms;
  };
  return { core, call, advance, dataDir };
}

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

  it('keeps versions on pauses and on demand, and a restore can itself be undone', async () => {
    const { call, advance } = await setUp();
    const draft = await call<Draft>('createDraft', { title: 'Story' });
    await call('saveDraft', { draftId: draft.id, title: 'Story', body: 'first thoughts', baseRevision: 1 });
    advance(30_000);
    await call('saveDraft', {
      draftId: draft.id,
      title: 'Story',
      body: 'first thoughts, more',
      baseRevision: 2,
    });
    advance(3 * 60_000);
    const afterPause = await call<{ versionKept: boolean }>('saveDraft', {
      draftId: draft.id,
      title: 'Story',
      body: 'a rewrite',
      baseRevision: 3,
    });
    expect(afterPause.versionKept).toBe(true);
    const versions = await call<{ id: string; reason: string }[]>('keepDraftVersion', { draftId: draft.id });
    expect(versions.map((v) => v.reason)).toEqual(['manual', 'pause', 'pause']);
    const pauseVersion = await call<{ body: string }>('getDraftVersion', { versionId: versions[1]?.id });
    expect(pauseVersion.body).toBe('first thoughts, more');

    advance(1000);
    const restored = await call<Draft>('restoreDraftVersion', {
      draftId: draft.id,
      versionId: versions[1]?.id,
    });
    expect(restored.body).toBe('first thoughts, more');
    const after = await call<{ id: string; reason: string }[]>('listDraftVersions', { draftId: draft.id });
    expect(after[0]?.reason).toBe('before-restore');
    const undone = await call<Draft>('restoreDraftVersion', { draftId: draft.id, versionId: after[0]?.id });
    expect(undone.body).toBe('a rewrite');
  });

  it('finds drafts by a word in their body, and the trash hides and then deletes them', async () => {
    const { core, call } = await setUp();
    const one = await call<Draft>('createDraft', { title: 'Caching' });
    await call('saveDraft', {
      draftId: one.id,
      title: 'Caching',
      body: 'Negative caching of NXDOMAIN answers.',
      baseRevision: 1,
    });
    const two = await call<Draft>('createDraft', { title: 'Hiring' });
    await call('saveDraft', { draftId: two.id, title: 'Hiring', body: 'What we look for.', baseRevision: 1 });

    const found = await call<{ id: string; snippet: string }[]>('listDrafts', { query: 'nxdomain' });
    expect(found.map((hit) => hit.id)).toEqual([one.id]);
    expect(found[0]?.snippet).toContain('\u0002NXDOMAIN\u0003');
    expect((await call<unknown[]>('listDrafts', { channel: 'blog' })).length).toBe(2);
    // Filters apply before the limit, and the library counts words without reading bodies.
    expect(await call('listDrafts', { query: 'nxdomain', channel: 'forum' })).toEqual([]);
    expect((await call<{ words: number }[]>('listDrafts', { query: 'nxdomain' }))[0]?.words).toBe(5);

    await call('trashDraft', { draftId: one.id });
    expect((await call<{ id: string }[]>('listDrafts', {})).map((d) => d.id)).toEqual([two.id]);
    expect((await call<{ id: string }[]>('listDrafts', { trash: true })).map((d) => d.id)).toEqual([one.id]);
    expect(await call('emptyDraftTrash', {})).toEqual({ deleted: 1 });
    expect(await call('listDrafts', { query: 'nxdomain' })).toEqual([]);
    expect(await core.dispatch('getDraft', { draftId: one.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
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

  it('keeps search in step with every write: create, save, update, restore, trash, untrash, duplicate, empty trash', async () => {
    const { core, call } = await setUp();
    // Each search runs both ways the library asks: ranked (FTS5 sorts) and by a column (SQLite sorts).
    const found = async (filter: Record<string, unknown>): Promise<string[]> => {
      const ranked = (await call<DraftSummary[]>('listDrafts', filter)).map((draft) => draft.id).sort();
      const sorted = (await call<DraftSummary[]>('listDrafts', { ...filter, sort: 'updated' }))
        .map((draft) => draft.id)
        .sort();
      expect(sorted).toEqual(ranked);
      return ranked;
    };
    const draft = await call<Draft>('createDraft', { title: 'Zanzibar retro' });
    expect(await found({ query: 'zanzibar' })).toEqual([draft.id]);
    await call('saveDraft', { draftId: draft.id, title: 'Retro', body: 'Quokka tales.', baseRevision: 1 });
    expect(await found({ query: 'zanzibar' })).toEqual([]);
    expect(await found({ query: 'quokka', status: 'drafting' })).toEqual([draft.id]);

    await call('updateDraft', { draftId: draft.id, status: 'idea', channel: 'forum', tags: ['ops'] });
    expect(await found({ query: 'quokka', status: 'drafting' })).toEqual([]);
    expect(await found({ query: 'quokka', status: 'idea', channel: 'forum', tag: 'ops' })).toEqual([
      draft.id,
    ]);
    expect(await found({ query: 'quokka', channel: 'blog' })).toEqual([]);
    expect(await found({ query: 'quokka', tag: 'dns' })).toEqual([]);

    await call('keepDraftVersion', { draftId: draft.id });
    await call('saveDraft', { draftId: draft.id, title: 'Retro', body: 'Wombat tales.', baseRevision: 2 });
    expect(await found({ query: 'quokka' })).toEqual([]);
    const [kept] = await call<{ id: string }[]>('listDraftVersions', { draftId: draft.id });
    await call('restoreDraftVersion', { draftId: draft.id, versionId: kept?.id });
    expect(await found({ query: 'quokka' })).toEqual([draft.id]);
    expect(await found({ query: 'wombat' })).toEqual([]);

    const copy = await call<Draft>('duplicateDraft', { draftId: draft.id });
    expect(await found({ query: 'quokka', channel: 'forum', tag: 'ops' })).toEqual(
      [draft.id, copy.id].sort(),
    );
    await call('updateDraft', { draftId: copy.id, status: 'archived' });
    expect(await found({ query: 'quokka', status: 'archived' })).toEqual([copy.id]);

    await call('trashDraft', { draftId: draft.id });
    expect(await found({ query: 'quokka' })).toEqual([copy.id]);
    expect(await found({ query: 'quokka', trash: true, status: 'idea' })).toEqual([draft.id]);
    await call('untrashDraft', { draftId: draft.id });
    expect(await found({ query: 'quokka', status: 'idea' })).toEqual([draft.id]);

    await call('trashDraft', { draftId: copy.id });
    expect(await call('emptyDraftTrash', {})).toEqual({ deleted: 1 });
    expect(await found({ query: 'quokka' })).toEqual([draft.id]);
    expect(await found({ query: 'quokka', trash: true })).toEqual([]);
    expect(core.database.sqlite.prepare('SELECT COUNT(*) AS n FROM draft_search').get()).toEqual({ n: 1 });
  });

  it('filters by tag, sorts as asked, and lists the tags in use', async () => {
    const { call, advance } = await setUp();
    const make = async (title: string, tags: string[], body = 'Some text about caching.') => {
      const draft = await call<Draft>('createDraft', { title });
      await call('saveDraft', { draftId: draft.id, title, body, baseRevision: draft.revision });
      await call('updateDraft', { draftId: draft.id, tags });
      advance(60_000);
      return draft;
    };
    await make('beta', ['dns', 'ops']);
    await make('Alpha', ['dns']);
    const gamma = await make('gamma', ['hiring']);
    await call('trashDraft', { draftId: gamma.id });
    const titles = (list: DraftSummary[]) => list.map((draft) => draft.title);

    expect(titles(await call('listDrafts', { tag: 'dns' }))).toEqual(['Alpha', 'beta']);
    expect(titles(await call('listDrafts', { sort: 'title' }))).toEqual(['Alpha', 'beta']);
    expect(titles(await call('listDrafts', { sort: 'created' }))).toEqual(['Alpha', 'beta']);
    expect(titles(await call('listDrafts', { query: 'caching', sort: 'title', tag: 'ops' }))).toEqual([
      'beta',
    ]);
    // The trash's tags are not offered.
    expect(await call('listDraftTags', {})).toEqual([
      { tag: 'dns', drafts: 2 },
      { tag: 'ops', drafts: 1 },
    ]);
  });

  it("duplicates a draft as a new one, and starts drafts from the packs' templates", async () => {
    const { core, call } = await setUp();
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

    const templates = await call<DraftTemplate[]>('listDraftTemplates', {});
    expect(templates).toEqual([
      {
        packId: 'test-pack',
        packTitle: 'Test pack',
        itemId: 'write-it',
        title: 'Write it',
        channel: 'blog',
        template: '## Situation\n',
      },
    ]);
    const fromTemplate = await call<Draft>('createDraft', {
      fromTemplate: { packId: 'test-pack', itemId: 'write-it' },
    });
    expect(fromTemplate).toMatchObject({ body: '## Situation\n', exercise: null });
    const missing = await core.dispatch('createDraft', {
      fromTemplate: { packId: 'test-pack', itemId: 'hello' },
    });
    expect(missing.ok).toBe(false);
  });
});
