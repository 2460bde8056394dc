import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src-shared/writing/drafts';
import { useDraftsCore } from '../testing/drafts-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const setUp = useDraftsCore(tempDir);

describe('the drafts trash', () => {
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

  it('restores a trashed draft as it was, counts the trash, and keeps a trashed draft read-only', async () => {
    const { call } = await setUp();
    const kept = await call<Draft>('createDraft', { title: 'Kept' });
    await call('saveDraft', { draftId: kept.id, title: 'Kept', body: 'Quokkas smile.', baseRevision: 1 });
    const gone = await call<Draft>('createDraft', { title: 'Gone' });
    expect(await call('countDraftTrash', {})).toEqual({ drafts: 0 });

    await call('trashDraft', { draftId: kept.id });
    await call('trashDraft', { draftId: gone.id });
    expect(await call('countDraftTrash', {})).toEqual({ drafts: 2 });
    await expect(
      call('saveDraft', { draftId: kept.id, title: 'Kept', body: 'Changed.', baseRevision: 2 }),
    ).rejects.toThrow(/CONFLICT: .*restore it/);
    await expect(call('updateDraft', { draftId: kept.id, status: 'ready' })).rejects.toThrow(
      /CONFLICT: .*restore it/,
    );

    const [version] = await call<{ id: string }[]>('keepDraftVersion', { draftId: gone.id });
    await expect(call('restoreDraftVersion', { draftId: gone.id, versionId: version?.id })).rejects.toThrow(
      /CONFLICT: .*restore it/,
    );

    const restored = await call<Draft>('untrashDraft', { draftId: kept.id });
    expect(restored).toMatchObject({ inTrash: false, title: 'Kept', body: 'Quokkas smile.' });
    expect(await call('countDraftTrash', {})).toEqual({ drafts: 1 });
    expect((await call<{ id: string }[]>('listDrafts', { query: 'quokkas' })).map((d) => d.id)).toEqual([
      kept.id,
    ]);
    expect(await call('emptyDraftTrash', {})).toEqual({ deleted: 1 });
    expect(await call('countDraftTrash', {})).toEqual({ drafts: 0 });
    expect((await call<Draft>('getDraft', { draftId: kept.id })).body).toBe('Quokkas smile.');
  });
});
