import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedMigrationsDir, useTempDirs } from '../testing/temp-dir';
import { DatabaseOpenError } from './errors';
import { openDatabase as openFile, type OpenDatabaseOptions } from './open';

const tempDir = useTempDirs();

// Tests close and reopen on purpose; whatever a failing test leaves open is closed after it.
const opened: { sqlite: { open: boolean }; close(): void }[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) if (handle.sqlite.open) handle.close();
});
function openDatabase(options: OpenDatabaseOptions) {
  const handle = openFile(options);
  opened.push(handle);
  return handle;
}

function fingerprint(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function expectOpenError(run: () => unknown, problem: DatabaseOpenError['problem']): DatabaseOpenError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).problem).toBe(problem);
    return error as DatabaseOpenError;
  }
  throw new Error(`expected the open to fail with ${problem}`);
}

/** Adds a migration the way `drizzle-kit generate` would: a SQL file plus a journal entry. */
function addMigration(dir: string, tag: string, sql: string): void {
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error('the shipped journal is empty');
  journal.entries.push({
    idx: last.idx + 1,
    version: last.version,
    when: last.when + 1000,
    tag,
    breakpoints: true,
  });
  writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  writeFileSync(join(dir, `${tag}.sql`), sql);
}

describe('openDatabase', () => {
  it('creates a new database with WAL, foreign keys and the current schema', () => {
    const file = join(tempDir(), 'advocate.db');
    const handle = openDatabase({ file, migrationsDir: shippedMigrationsDir });
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('user_version', { simple: true })).toBe(handle.schemaVersion);
    expect(handle.schemaVersion).toBeGreaterThan(0);
    expect(handle.backupFile).toBeNull();
    handle.close();
    // Closing folds the write-ahead log back into the file.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('opens an up-to-date database again without copying or changing it', () => {
    const dir = tempDir();
    const file = join(dir, 'advocate.db');
    openDatabase({ file, migrationsDir: shippedMigrationsDir }).close();
    const again = openDatabase({ file, migrationsDir: shippedMigrationsDir });
    expect(again.backupFile).toBeNull();
    again.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('applies a migration added later to an existing database, keeping every row and a copy', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    cpSync(shippedMigrationsDir, migrations, { recursive: true });
    const file = join(dir, 'advocate.db');

    const first = openDatabase({ file, migrationsDir: migrations });
    const insert = first.sqlite.prepare('INSERT INTO preferences (key, value, updated_at) VALUES (?, ?, ?)');
    for (let i = 0; i < 500; i += 1) insert.run(`key-${i}`, JSON.stringify(i), i);
    const versionBefore = first.schemaVersion;
    first.close();

    addMigration(
      migrations,
      '9999_add_note',
      "ALTER TABLE `preferences` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint\n" +
        'CREATE INDEX `preferences_updated_at` ON `preferences` (`updated_at`);',
    );
    const second = openDatabase({
      file,
      migrationsDir: migrations,
      now: () => new Date('2026-11-25T10:00:00Z'),
    });
    expect(second.schemaVersion).toBe(versionBefore + 1);
    expect(second.sqlite.pragma('user_version', { simple: true })).toBe(versionBefore + 1);
    expect(second.sqlite.prepare('SELECT count(*) AS n FROM preferences').get()).toEqual({ n: 500 });
    expect(second.sqlite.prepare("SELECT value, note FROM preferences WHERE key = 'key-42'").get()).toEqual({
      value: '42',
      note: '',
    });
    expect(second.backupFile).not.toBeNull();
    second.close();

    // The copy is a working database at the old schema, with every row.
    const copy = new Database(second.backupFile ?? '', { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM preferences').get()).toEqual({ n: 500 });
    expect(copy.pragma('user_version', { simple: true })).toBe(versionBefore);
    copy.close();
  });

  it('rolls a failing migration back completely and says so', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    cpSync(shippedMigrationsDir, migrations, { recursive: true });
    const file = join(dir, 'advocate.db');
    const first = openDatabase({ file, migrationsDir: migrations });
    first.sqlite
      .prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('theme', '\"dark\"', 1)")
      .run();
    const version = first.schemaVersion;
    first.close();

    addMigration(
      migrations,
      '9999_broken',
      'CREATE TABLE `half_done` (`id` integer);--> statement-breakpoint\nTHIS IS NOT SQL;',
    );
    const error = expectOpenError(
      () => openDatabase({ file, migrationsDir: migrations }),
      'MIGRATION_FAILED',
    );
    expect(error.message).toContain('rolled back');

    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(version);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(check.prepare('SELECT count(*) AS n FROM preferences').get()).toEqual({ n: 1 });
    check.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = join(tempDir(), 'advocate.db');
    const handle = openDatabase({ file, migrationsDir: shippedMigrationsDir });
    handle.sqlite.pragma(`user_version = ${handle.schemaVersion + 3}`);
    handle.close();
    const before = fingerprint(file);

    const error = expectOpenError(
      () => openDatabase({ file, migrationsDir: shippedMigrationsDir }),
      'NEWER_VERSION',
    );
    expect(error.message).toContain('newer version of Advocate Studio');
    expect(error.message).toContain(file);
    expect(fingerprint(file)).toBe(before);
  });

  it('refuses a file that is not SQLite and never overwrites it', () => {
    const dir = tempDir();
    const file = join(dir, 'advocate.db');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(100));
    const before = fingerprint(file);

    const error = expectOpenError(
      () => openDatabase({ file, migrationsDir: shippedMigrationsDir }),
      'NOT_SQLITE',
    );
    expect(error.message).toContain('not an SQLite file');
    expect(fingerprint(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['advocate.db']);
  });

  it('refuses a damaged SQLite file and never overwrites it', () => {
    const dir = tempDir();
    const file = join(dir, 'advocate.db');
    const handle = openDatabase({ file, migrationsDir: shippedMigrationsDir });
    handle.close();
    // Keep the magic header, wreck the rest of the first page and the schema it holds.
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 16, Math.min(bytes.length, 4096));
    writeFileSync(file, bytes);
    const before = fingerprint(file);

    const error = expectOpenError(
      () => openDatabase({ file, migrationsDir: shippedMigrationsDir }),
      'CORRUPT',
    );
    expect(error.message).toContain('damaged');
    expect(fingerprint(file)).toBe(before);
  });
});
