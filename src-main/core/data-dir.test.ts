import { chmodSync, mkdirSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import { DATABASE_FILE_NAME } from './paths';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const bundledPacksDir = join(import.meta.dirname, '..', '..', 'resources', 'packs');

describe.skipIf(process.platform === 'win32')('the data folder at start', () => {
  const tempDir = useTempDirs();
  let close: () => void = () => undefined;
  afterEach(() => close());

  it('is private to its owner: the folder 0700, the database and its WAL files 0600, on new and old installs', async () => {
    const fresh = join(tempDir(), 'new');
    const core = await startTestCore(fresh);
    close = core.close;
    core.database.sqlite.exec('CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)');
    expect(mode(fresh)).toBe('700');
    for (const suffix of ['', '-wal', '-shm'])
      expect(mode(join(fresh, `${DATABASE_FILE_NAME}${suffix}`))).toBe('600');
    core.close();

    // An install made before the rule: everything world-readable.
    chmodSync(fresh, 0o755);
    for (const suffix of ['', '-wal', '-shm']) {
      const file = join(fresh, `${DATABASE_FILE_NAME}${suffix}`);
      if (existsSync(file)) chmodSync(file, 0o644);
    }
    mkdirSync(join(fresh, 'backups'), { recursive: true, mode: 0o755 });
    writeFileSync(join(fresh, 'notes.txt'), 'x', { mode: 0o644 });
    const again = await startTestCore(fresh);
    close = again.close;
    expect(mode(fresh)).toBe('700');
    expect(mode(join(fresh, DATABASE_FILE_NAME))).toBe('600');
    expect(mode(join(fresh, 'backups'))).toBe('700');
    expect(mode(join(fresh, 'notes.txt'))).toBe('600');
  });

  it('removes what interrupted imports left, once older than a day, and says so in the log', async () => {
    const dataDir = tempDir();
    const first = await startTestCore(dataDir, { bundledPacksDir });
    first.close();
    const leftovers = [
      join(dataDir, 'packs', '.staging-1b6a'),
      join(dataDir, 'packs', 'advocate-foundations', '0.9.0'),
      join(dataDir, 'packs', 'gone-pack', '1.0.0'),
      join(dataDir, 'uploads', 'upload-1.zip'),
    ];
    const recent = join(dataDir, 'uploads', 'upload-2.zip');
    for (const path of leftovers.slice(0, 3)) mkdirSync(path, { recursive: true });
    mkdirSync(join(dataDir, 'uploads'));
    writeFileSync(leftovers[3] as string, 'zip');
    writeFileSync(recent, 'zip');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    for (const path of [...leftovers, join(dataDir, 'packs', 'gone-pack')])
      utimesSync(path, twoDaysAgo, twoDaysAgo);

    const core = await startTestCore(dataDir, { bundledPacksDir, now: () => new Date() });
    close = core.close;
    for (const path of leftovers) expect(existsSync(path)).toBe(false);
    expect(existsSync(join(dataDir, 'packs', 'gone-pack'))).toBe(false);
    expect(existsSync(recent)).toBe(true);
    const installed = core.database.sqlite.prepare('SELECT folder FROM packs').all() as { folder: string }[];
    expect(installed.length).toBeGreaterThan(0);
    for (const row of installed) expect(existsSync(join(dataDir, row.folder))).toBe(true);
    expect(core.logger.lines.filter((line) => line.includes('left over from an import'))).toHaveLength(4);
  });
});
