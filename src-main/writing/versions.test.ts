import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src-shared/writing/drafts';
import { useDraftsCore } from '../testing/drafts-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const setUp = useDraftsCore(tempDir);

describe('draft versions', () => {
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
});
