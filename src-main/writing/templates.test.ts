import { describe, expect, it } from 'vitest';
import type { Draft, DraftTemplate } from '../../src-shared/writing/drafts';
import { useDraftsCore } from '../testing/drafts-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const setUp = useDraftsCore(tempDir);

describe('draft templates', () => {
  it("starts drafts from the packs' templates", async () => {
    const { core, call } = await setUp();
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
    // The channel asked for wins over the template's; left out, the template's is taken.
    const asked = await call<Draft>('createDraft', {
      channel: 'x',
      fromTemplate: { packId: 'test-pack', itemId: 'write-it' },
    });
    expect(asked).toMatchObject({ body: '## Situation\n', channel: 'x', exercise: null });
    expect(fromTemplate.channel).toBe('blog');
    const missing = await core.dispatch('createDraft', {
      fromTemplate: { packId: 'test-pack', itemId: 'hello' },
    });
    expect(missing.ok).toBe(false);
  });
});
