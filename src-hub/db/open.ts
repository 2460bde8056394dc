import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { schema } from './schema/index';

export type HubDb = PgDatabase<PgQueryResultHKT, typeof schema>;
export type HubTx = Parameters<Parameters<HubDb['transaction']>[0]>[0];

export interface OpenedHubDb {
  db: HubDb;
  /** `pglite` (embedded, one process) or `postgres` (shared by any number of instances). */
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Checked-in migrations, read from disk by drizzle's migrator at start. */
export const HUB_MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
/** Any fixed 64-bit number: instances starting together take turns migrating under it. */
const MIGRATION_LOCK = 7_346_112_907;

export type DatabaseTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

/** Opens the hub's database and brings its schema up to date before anything else uses it. */
export async function openHubDb(target: DatabaseTarget): Promise<OpenedHubDb> {
  if (target.kind === 'pglite') return openPglite(target.dataDir);
  return openPostgres(target.url);
}

async function openPglite(dataDir: string): Promise<OpenedHubDb> {
  // The database holds every learner's records: only the hub's own user may enter its folder.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dataDir, 0o700);
  const unlock = lockDataDir(dataDir);
  let client: PGlite | null = null;
  try {
    client = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: HUB_MIGRATIONS_DIR });
    const opened = client;
    return {
      db: db as unknown as HubDb,
      kind: 'pglite',
      close: async () => {
        await opened.close();
        unlock();
      },
    };
  } catch (error) {
    await client?.close();
    unlock();
    throw error;
  }
}

export class DataDirBusyError extends Error {}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A lock file
 * holding the owner's pid keeps the admin CLI off a folder a running hub has open; a dead owner's lock is stale.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'hub.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirBusyError(
          `The hub's data folder ${dataDir} is in use by process ${owner}: stop that hub first (PGlite allows one process), or use PostgreSQL via DATABASE_URL.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not lock the hub's data folder ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string): Promise<OpenedHubDb> {
  // A new connection's first report costs PostgreSQL about 120 ms more than the next (its caches are empty, measured
  // at 3M statements): connections are kept for ten minutes idle, not node-postgres's ten seconds, so a trainer
  // who comes back after a pause, or a device's next sync, finds one warm.
  // JIT compilation is off: PostgreSQL compiles a query whose estimated cost passes jit_above_cost, and a progress
  // report at 3M statements spent 1.3 s compiling for 0.7 s of work. The hub's queries are short, not analytics.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 600_000,
    options: '-c jit=off',
  });
  // An idle connection dropped by the server is replaced by the pool; without a listener it would crash the hub.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      // Several instances may start at once against one database: one migrates, the others wait, then find nothing to do.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: HUB_MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePg({ client: pool, schema });
  return { db: db as unknown as HubDb, kind: 'postgres', close: () => pool.end() };
}

/** True when the database answers a trivial query: what /healthz reports. */
export async function databaseAnswers(db: HubDb): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
