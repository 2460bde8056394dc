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
});
