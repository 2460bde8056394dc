import { describe, expect, it } from 'vitest';
import type { Draft, DraftSummary } from '../../src-shared/writing/drafts';
import { useDraftsCore } from '../testing/drafts-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const setUp = useDraftsCore(tempDir);

describe('library search', () => {
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
});
