import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { outbox } from './progress';

/**
 * The company record stores this device has been connected to. At most one has `disconnected_at` null (the
 * active one); older rows stay, without their credentials, so each outbox record keeps the company it was
 * made for. The engine's own state lives on the row, so a restart resumes where it stopped.
 */
export const syncConnections = sqliteTable('sync_connections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** `hub`: our company hub (statements and packs); `lrs`: any xAPI record store (statements only). */
  kind: text('kind', { enum: ['hub', 'lrs'] }).notNull(),
  /** The hub's address, or the LRS's xAPI endpoint, normalised to end in `/`. */
  url: text('url').notNull(),
  /** The xAPI version statements are sent in, agreed at connect from the record store's /about (hubs: 2.0.0). */
  xapiVersion: text('xapi_version', { enum: ['2.0.0', '1.0.3'] })
    .notNull()
    .default('2.0.0'),
  email: text('email'),
  /** The actor the hub bound this device's credentials to (hub connections). */
  agent: text('agent', { mode: 'json' }).$type<Record<string, unknown>>(),
  key: text('key'),
  /** The secret, encrypted by the host (Electron's safeStorage, or the browser host's key file). */
  sealedSecret: text('sealed_secret'),
  connectedAt: integer('connected_at', { mode: 'timestamp_ms' }).notNull(),
  disconnectedAt: integer('disconnected_at', { mode: 'timestamp_ms' }),
  lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
  lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
  nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
  /** Failed attempts in a row, for the backoff. */
  failures: integer('failures').notNull().default(0),
  /** Why sending stopped or last failed: an error code from src-shared/sync/status.ts, and the server's words. */
  problem: text('problem'),
  problemDetail: text('problem_detail'),
  /** True when the sender stopped (401/403) until the learner reconnects. */
  stopped: integer('stopped', { mode: 'boolean' }).notNull().default(false),
});

/**
 * One row per outbox record (a trigger adds it in the transaction that writes the record): the connection it
 * belongs to, and whether the server refused it. Delivered records have `outbox.sent_at` set.
 */
export const syncRecords = sqliteTable(
  'sync_records',
  {
    statementId: text('statement_id')
      .primaryKey()
      .references(() => outbox.statementId, { onDelete: 'cascade' }),
    /** null: made before any connection; it goes to the first one. */
    connectionId: integer('connection_id').references(() => syncConnections.id),
    /** The learner chose to keep it on this device rather than send it to a different company. */
    keptLocal: integer('kept_local', { mode: 'boolean' }).notNull().default(false),
    conflictStatus: integer('conflict_status'),
    conflictMessage: text('conflict_message'),
    conflictAt: integer('conflict_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('sync_records_connection').on(table.connectionId, table.conflictStatus)],
);

/** Pack versions pulled from a hub, so a version is downloaded once (and one the learner removed stays removed). */
export const syncPackPulls = sqliteTable(
  'sync_pack_pulls',
  {
    packId: text('pack_id').notNull(),
    version: text('version').notNull(),
    etag: text('etag'),
    pulledAt: integer('pulled_at', { mode: 'timestamp_ms' }).notNull(),
    /** Why the install failed, if it did. */
    error: text('error'),
  },
  (table) => [primaryKey({ columns: [table.packId, table.version] })],
);
