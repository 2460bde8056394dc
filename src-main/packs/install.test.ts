import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/api/errors';
import { openDatabase } from '../db/open';
import { shippedMigrationsDir, useTempDirs } from '../testing/temp-dir';
import { installPackFolder, installPackZip, removePack, type PackStoreDeps } from './install';
import { buildPackZip } from '../../src-packs/zip/build';
import { writeCraftedZip } from '../../src-packs/testing/zip-craft';
import { testPackFiles, writeTestPack } from '../../src-packs/testing/test-pack';

const tempDir = useTempDirs();

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.close();
});

/** A data folder and its database, closed after the test whatever happens in it. */
function setUp(): PackStoreDeps {
  const dataDir = tempDir();
  const database = openDatabase({ file: join(dataDir, 'advocate.db'), migrationsDir: shippedMigrationsDir });
  opened.push(database);
  return { database, dataDir, now: () => new Date('2026-11-25T12:00:00Z') };
}

function packFolder(overrides: Record<string, string | null> = {}): string {
  const folder = tempDir();
  writeTestPack(folder, overrides);
  return folder;
}

const manifest = String(testPackFiles['pack.yaml'] ?? '');
const count = (deps: PackStoreDeps, table: string) =>
  (deps.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the install to fail');
}

describe('installing a pack', () => {
  it('copies the pack into the data folder and lists its courses, modules and items', async () => {
    const deps = setUp();
    const result = await installPackFolder(deps, packFolder(), 'imported');
    expect(result).toMatchObject({ id: 'test-pack', version: '1.2.0', upgradedFrom: null, items: 4 });
    expect(existsSync(join(deps.dataDir, 'packs', 'test-pack', '1.2.0', 'pack.yaml'))).toBe(true);
    expect([
      count(deps, 'packs'),
      count(deps, 'courses'),
      count(deps, 'modules'),
      count(deps, 'items'),
    ]).toEqual([1, 1, 1, 4]);
    // No staging folder is left behind.
    expect(readdirSync(join(deps.dataDir, 'packs'))).toEqual(['test-pack']);
  });

  it('refuses an invalid pack with every problem, and leaves nothing behind', async () => {
    const deps = setUp();
    const error = await failure(
      installPackFolder(
        deps,
        packFolder({ 'pack.yaml': manifest.replace('version: 1.2.0', 'version: one') }),
        'imported',
      ),
    );
    expect(error.code).toBe('PACK_INVALID');
    expect(error.message).toContain('pack.yaml:2: version: use a semantic version');
    expect(error.details).toMatchObject({
      problems: ['pack.yaml:2: version: use a semantic version, like "1.2.0"'],
    });
    expect(count(deps, 'packs')).toBe(0);
    expect(readdirSync(join(deps.dataDir, 'packs'))).toEqual([]);
  });

  it('upgrades to a newer version, replacing items, and refuses an older or the same one', async () => {
    const deps = setUp();
    await installPackFolder(deps, packFolder(), 'imported');
    const newer = manifest
      .replace('version: 1.2.0', 'version: 1.3.0')
      .replace(/ {10}- id: think\n {12}kind: reflection\n {12}file: first\/think.md\n/, '');
    const upgraded = await installPackFolder(deps, packFolder({ 'pack.yaml': newer }), 'imported');
    expect(upgraded).toMatchObject({ version: '1.3.0', upgradedFrom: '1.2.0', items: 3 });
    expect(count(deps, 'items')).toBe(3);
    expect(readdirSync(join(deps.dataDir, 'packs', 'test-pack'))).toEqual(['1.3.0', 'update.json']);

    const older = await failure(installPackFolder(deps, packFolder(), 'imported'));
    expect(older.code).toBe('CONFLICT');
    expect(older.message).toBe(
      '“Test pack” 1.3.0 is installed; version 1.2.0 is older, so it was not imported.',
    );
    const same = await failure(installPackFolder(deps, packFolder({ 'pack.yaml': newer }), 'imported'));
    expect(same.message).toBe('“Test pack” 1.3.0 is already installed.');
    expect(readdirSync(join(deps.dataDir, 'packs', 'test-pack'))).toEqual(['1.3.0', 'update.json']);
  });

  it('removes a pack with its files', async () => {
    const deps = setUp();
    await installPackFolder(deps, packFolder(), 'imported');
    removePack(deps, 'test-pack');
    expect([count(deps, 'packs'), count(deps, 'items')]).toEqual([0, 0]);
    expect(existsSync(join(deps.dataDir, 'packs', 'test-pack'))).toBe(false);
    expect(() => removePack(deps, 'test-pack')).toThrow('No course pack "test-pack" is installed.');
  });

  it('installs a zip built by `npm run pack -- build`, reporting progress', async () => {
    const deps = setUp();
    const zip = join(tempDir(), 'test-pack.zip');
    await buildPackZip(packFolder(), zip);
    const phases: string[] = [];
    const result = await installPackZip(deps, zip, 'imported', (phase) => phases.push(phase));
    expect(result).toMatchObject({ id: 'test-pack', items: 4 });
    expect(new Set(phases)).toEqual(new Set(['extracting', 'checking', 'installing']));
  });

  it('refuses a hostile zip as an invalid pack, leaving nothing behind', async () => {
    const deps = setUp();
    const zip = writeCraftedZip(join(tempDir(), 'evil.zip'), [
      { name: 'pack.yaml', data: 'id: x' },
      { name: '../../escape.md', data: 'gotcha' },
    ]);
    const error = await failure(installPackZip(deps, zip, 'imported'));
    expect(error.code).toBe('PACK_INVALID');
    expect(error.message).toContain('../../escape.md');
    expect(readdirSync(join(deps.dataDir, 'packs'))).toEqual([]);
    expect(existsSync(join(deps.dataDir, '..', 'escape.md'))).toBe(false);
  });

  it('refuses a zip of 100,000 entries before writing any of them', async () => {
    const deps = setUp();
    // More entries than a classic zip can count: the crafted zip carries ZIP64 records, as real tools write.
    const entries = Array.from({ length: 100_001 }, (_, index) => ({ name: `f${index}.md`, data: '' }));
    const zip = writeCraftedZip(join(tempDir(), 'many.zip'), entries);
    const error = await failure(installPackZip(deps, zip, 'imported'));
    expect(error.code).toBe('PACK_INVALID');
    expect(error.message).toMatch(/100[,.]?001 entries|entries/);
    expect(readdirSync(join(deps.dataDir, 'packs'))).toEqual([]);
  });
});
