import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installPackFolder } from '../packs/install';
import { testPackFiles, writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import { plainText, toMatchQuery } from './search';

const tempDir = useTempDirs();
const startCore = useTestCores();

describe('lesson search', () => {
  it('indexes words, not Markdown', () => {
    expect(
      plainText('## Heading\n\nSome **bold** and [a link](x.md).\n\n- one\n- two\n\n```\ncode here\n```'),
    ).toBe('Heading Some bold and a link . one two code here');
  });

  it('treats typed text as words, never as query syntax', () => {
    expect(toMatchQuery('disclose employer')).toBe('"disclose"* "employer"*');
    expect(toMatchQuery('NOT "x" OR title:y -z')).toBe('"NOT"* "x"* "OR"* "title"* "y"* "z"*');
    expect(toMatchQuery('  ,,  ')).toBeNull();
  });

  it('finds installed items by words in their body, with highlighted snippets, and forgets removed packs', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir);
    const folder = tempDir();
    writeTestPack(folder, {
      'first/hello.md': '---\ntitle: Hello\n---\nEngineers who **disclose** their employer earn trust.\n',
    });
    const deps = { database: core.database, dataDir, now: () => new Date() };
    await installPackFolder(deps, folder, 'imported');

    const result = await core.dispatch('searchItems', { query: 'disclos employ' });
    expect(result).toEqual({
      ok: true,
      value: [
        {
          packId: 'test-pack',
          itemId: 'hello',
          kind: 'lesson',
          title: 'Hello',
          courseTitle: 'Basics',
          snippet: 'Engineers who \u0002disclose\u0003 their \u0002employer\u0003 earn trust.',
        },
      ],
    });
    expect(await core.dispatch('searchItems', { query: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    // An upgrade re-indexes; a removal forgets.
    writeTestPack(folder, {
      'pack.yaml': String(testPackFiles['pack.yaml']).replace('version: 1.2.0', 'version: 1.3.0'),
      'first/hello.md': '---\ntitle: Hello\n---\nNothing about that any more.\n',
    });
    await installPackFolder(deps, folder, 'imported');
    expect(await core.dispatch('searchItems', { query: 'employer' })).toEqual({ ok: true, value: [] });
    expect(await core.dispatch('searchItems', { query: 'nothing' })).toMatchObject({
      ok: true,
      value: [{ itemId: 'hello' }],
    });
    await core.dispatch('removePack', { packId: 'test-pack' });
    expect(await core.dispatch('searchItems', { query: 'nothing' })).toEqual({ ok: true, value: [] });
  });

  it('ranks a match in the title above one in the text', async () => {
    const bundled = tempDir();
    writeTestPack(join(bundled, 'p'), {
      'first/hello.md': '---\ntitle: Hello\n---\nA reflection appears here in the text.\n',
      'first/think.md': '---\ntitle: Reflection time\n---\nWhat did you learn?\n',
    });
    const core = await startCore(tempDir(), { bundledPacksDir: bundled });
    const result = await core.dispatch('searchItems', { query: 'reflection' });
    expect(result.ok && (result.value as { itemId: string }[]).map((hit) => hit.itemId)).toEqual([
      'think',
      'hello',
    ]);
  });
});
