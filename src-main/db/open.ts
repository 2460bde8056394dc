import { closeSync, existsSync, mkdirSync, openSync, readSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { DatabaseOpenError } from './errors';
import { applyMigrations, planMigrations, readMigrations } from './migrations';

export type AppDatabase = BetterSQLite3Database<typeof schema>;

export interface OpenDatabaseOptions {
  file: string;
  migrationsDir: string;
  /** Where copies are kept before a migration; defaults to `backups/` beside the file. */
  backupDir?: string;
  /** How many pre-migration copies to keep. */
  keepBackups?: number;
  now?: () => Date;
}

export interface DatabaseHandle {
  db: AppDatabase;
  sqlite: Database.Database;
  file: string;
  schemaVersion: number;
  /** The copy taken before this open applied migrations, if it did. */
  backupFile: string | null;
  close(): void;
}

// https://www.sqlite.org/fileformat.html#magic_header_string
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  const { file } = options;
  const known = readMigrations(options.migrationsDir);
  const isNew = !existsSync(file) || statSync(file).size === 0;
  if (!isNew) assertSqliteHeader(file);
  mkdirSync(dirname(file), { recursive: true });

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw new DatabaseOpenError(
      'UNREADABLE',
      file,
      `Could not open the database at ${file}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }

  try {
    sqlite.pragma('busy_timeout = 5000');
    probeReadable(sqlite, file);
    const userVersion = Number(sqlite.pragma('user_version', { simple: true }));
    const plan = planMigrations(sqlite, known);
    if (userVersion > known.length || plan.unknownApplied > 0) {
      throw new DatabaseOpenError(
        'NEWER_VERSION',
        file,
        `The database at ${file} was written by a newer version of Advocate Studio (schema ${userVersion}; ` +
          `this version knows ${known.length}). Install the newer version to open it; the file was not changed.`,
      );
    }
    // WAL survives crashes without losing committed work; FULL syncs each commit to disk.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');

    let backupFile: string | null = null;
    if (plan.pending.length > 0) {
      if (!isNew && hasUserTables(sqlite)) {
        backupFile = backupBeforeMigration(sqlite, options, userVersion, known.length);
      }
      try {
        applyMigrations(sqlite, plan);
      } catch (error) {
        throw new DatabaseOpenError(
          'MIGRATION_FAILED',
          file,
          `Updating the database at ${file} failed and was rolled back; nothing was changed. ${String(error)}`,
          { cause: error },
        );
      }
    }

    return {
      db: drizzle(sqlite, { schema }),
      sqlite,
      file,
      schemaVersion: known.length,
      backupFile,
      close: () => closeDatabase(sqlite),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function closeDatabase(sqlite: Database.Database): void {
  if (!sqlite.open) return;
  // Fold the write-ahead log back into the main file so a copied .db file is complete on its own.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

function assertSqliteHeader(file: string): void {
  const header = Buffer.alloc(SQLITE_MAGIC.length);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new DatabaseOpenError(
      'UNREADABLE',
      file,
      `Could not read the database at ${file}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_MAGIC)) {
    throw new DatabaseOpenError(
      'NOT_SQLITE',
      file,
      `${file} is not an Advocate Studio database (it is not an SQLite file). It was left untouched; ` +
        'move it aside or choose another data folder.',
    );
  }
}

function probeReadable(sqlite: Database.Database, file: string): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
      throw new DatabaseOpenError(
        'CORRUPT',
        file,
        `The database at ${file} is damaged (${code}) and was left untouched. Restore a copy from ` +
          `${join(dirname(file), 'backups')} or move the file aside to start afresh.`,
        { cause: error },
      );
    }
    throw error;
  }
}

function hasUserTables(sqlite: Database.Database): boolean {
  return (
    sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1")
      .get() !== undefined
  );
}

function backupBeforeMigration(
  sqlite: Database.Database,
  options: OpenDatabaseOptions,
  fromVersion: number,
  toVersion: number,
): string {
  const dir = options.backupDir ?? join(dirname(options.file), 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const stem = basename(options.file).replace(/\.db$/, '');
  const target = join(dir, `${stem}-${stamp}-schema${fromVersion}-before-${toVersion}.db`);
  // VACUUM INTO writes a consistent, compact copy even while the WAL holds uncheckpointed pages.
  sqlite.prepare('VACUUM INTO ?').run(target);
  pruneBackups(dir, stem, options.keepBackups ?? 5);
  return target;
}

function pruneBackups(dir: string, stem: string, keep: number): void {
  const copies = readdirSync(dir)
    .filter((name) => name.startsWith(`${stem}-`) && name.endsWith('.db'))
    .sort();
  for (const name of copies.slice(0, Math.max(0, copies.length - keep))) {
    rmSync(join(dir, name), { force: true });
  }
}
