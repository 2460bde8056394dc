import type Database from 'better-sqlite3';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';

/** drizzle-kit's bookkeeping table; we keep its format so drizzle's own tools still read our databases. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface MigrationPlan {
  known: MigrationMeta[];
  pending: MigrationMeta[];
  /** Migrations recorded in the database that this version of the app does not know. */
  unknownApplied: number;
}

export function readMigrations(migrationsDir: string): MigrationMeta[] {
  return readMigrationFiles({ migrationsFolder: migrationsDir });
}

export function planMigrations(sqlite: Database.Database, known: MigrationMeta[]): MigrationPlan {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(MIGRATIONS_TABLE);
  const applied = hasTable
    ? (sqlite.prepare(`SELECT created_at AS createdAt FROM "${MIGRATIONS_TABLE}"`).all() as {
        createdAt: number | string;
      }[])
    : [];
  const appliedMillis = new Set(applied.map((row) => Number(row.createdAt)));
  const knownMillis = new Set(known.map((m) => m.folderMillis));
  return {
    known,
    pending: known.filter((m) => !appliedMillis.has(m.folderMillis)),
    unknownApplied: [...appliedMillis].filter((millis) => !knownMillis.has(millis)).length,
  };
}

/**
 * Applies the pending migrations in one transaction and records the schema version in `user_version`
 * in that same transaction, so a crash leaves either the old schema or the new one, never a mix.
 */
export function applyMigrations(sqlite: Database.Database, plan: MigrationPlan): void {
  // drizzle-kit's table rebuilds say `PRAGMA foreign_keys=OFF`, which SQLite ignores inside a
  // transaction; switch it off around the transaction and check the keys before committing instead.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      sqlite.exec(
        `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
      );
      const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`);
      for (const migration of plan.pending) {
        for (const statement of migration.sql) {
          if (statement.trim() !== '') sqlite.exec(statement);
        }
        record.run(migration.hash, migration.folderMillis);
      }
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new Error(`the migration would break ${broken.length} foreign key reference(s)`);
      }
      sqlite.pragma(`user_version = ${plan.known.length}`);
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
