import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

describe('settings', () => {
  it('reports the version, the data folder and the size of the database files', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir);
    const result = await core.dispatch('getAppInfo', {});
    if (!result.ok) throw new Error(result.error.message);
    const info = result.value as {
      dataDir: string;
      databaseFile: string;
      databaseBytes: number;
      version: string;
    };
    expect(info.version).toBe('9.8.7');
    expect(info.dataDir).toBe(dataDir);
    expect(info.databaseBytes).toBeGreaterThanOrEqual(statSync(info.databaseFile).size);
  });

  it('starts from the default theme, keeps a change, and keeps it across a restart', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir);
    expect(await core.dispatch('getPreferences', {})).toEqual({
      ok: true,
      value: { theme: 'system', lastScreen: '#/learn' },
    });
    expect(await core.dispatch('updatePreferences', { theme: 'dark' })).toEqual({
      ok: true,
      value: { theme: 'dark', lastScreen: '#/learn' },
    });
    core.close();

    const again = await startCore(dataDir);
    expect(await again.dispatch('getPreferences', {})).toEqual({
      ok: true,
      value: { theme: 'dark', lastScreen: '#/learn' },
    });
  });

  it('remembers the screen the person was on, and refuses an address that is not a screen', async () => {
    const core = await startCore(tempDir());
    expect(await core.dispatch('updatePreferences', { lastScreen: '#/write/5f0c' })).toMatchObject({
      ok: true,
      value: { theme: 'system', lastScreen: '#/write/5f0c' },
    });
    expect(await core.dispatch('updatePreferences', { lastScreen: 'https://example.com' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('falls back to the default for a stored value that no longer fits', async () => {
    const core = await startCore(tempDir());
    core.database.sqlite
      .prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('theme', '\"neon\"', 0)")
      .run();
    expect(await core.dispatch('getPreferences', {})).toEqual({
      ok: true,
      value: { theme: 'system', lastScreen: '#/learn' },
    });
  });

  it('names the learner, refusing an empty name, and keeps the same learner id', async () => {
    const core = await startCore(tempDir());
    const before = await core.dispatch('getLearner', {});
    if (!before.ok) throw new Error('no learner');
    expect(before.value).toMatchObject({ name: 'Learner', named: false, welcomed: false });
    expect(await core.dispatch('updateLearner', { name: '  Ada Lovelace ' })).toEqual({
      ok: true,
      value: {
        id: (before.value as { id: string }).id,
        name: 'Ada Lovelace',
        named: true,
        email: null,
        role: null,
        welcomed: true,
      },
    });
    expect(await core.dispatch('updateLearner', { name: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('enter a name') },
    });
  });
});
