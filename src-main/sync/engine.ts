import { eq } from 'drizzle-orm';
import { backoffDelay, SYNC_INTERVAL_MS } from '../../src-shared/sync/backoff';
import { deliverBatch, inBatches, type DeliveryEnd, type SendOutcome } from '../../src-shared/sync/deliver';
import type { SyncProblemCode, SyncStatus } from '../../src-shared/sync/schemas';
import type { Logger } from '../core/logger';
import type { DatabaseHandle } from '../db/open';
import { syncConnections } from '../db/schema';
import type { PackStoreDeps } from '../packs/install';
import { activeConnection, endpointOf, otherCompanyRecords, type Connection } from './connections';
import { postStatements, type Fetch } from './http';
import { pushCompanyProfile } from './profile-push';
import { pullCompanyCredentials } from './credential-pull';
import { packFailures, pullHubPacks, type PackPullProgress } from './pulls';
import {
  conflicts,
  keptLocalCount,
  loadStatements,
  markConflict,
  markDelivered,
  pendingCount,
  pendingIds,
  type QueuedStatement,
} from './queue';
import type { SecretSealer } from './secrets';
import { forConnection } from './actor';

export interface Timers {
  /** Runs `run` after `ms`; returns a cancel function. */
  set(run: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  set(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref(); // a scheduled sync never keeps a closing process alive
    return () => clearTimeout(timer);
  },
};

export interface SyncEngineOptions {
  database: DatabaseHandle;
  now: () => Date;
  fetch: Fetch;
  sealer: SecretSealer;
  logger: Logger;
  /** Where hub packs install; without it, packs are not pulled. */
  packs?: PackStoreDeps;
  batchSize?: number;
  random?: () => number;
  timers?: Timers;
  /** How long to wait between healthy runs. */
  intervalMs?: number;
  /** The learner's company profile record, sent to a hub when it changes. */
  companyProfile?: () => Record<string, unknown> | Promise<Record<string, unknown>>;
}

export interface SyncEngine {
  /** Schedules the first run at once (called at start-up). */
  start(): void;
  /** Runs now (after any run in progress); resolves when that run ends. Clears a stop, so a fixed server is retried. */
  syncNow(): Promise<void>;
  /** Asks for a run soon without waiting for it (a connection made, the network back). */
  requestSync(): void;
  status(): SyncStatus;
  /** Cancels the timer and any request in flight; nothing is written after this returns. */
  close(): void;
}

/**
 * The sync engine: sends each connection's outbox records in batches, counts a record delivered only when the
 * server acknowledged it, sets refused ones aside, backs off on failures, stops on refused credentials, and
 * then pulls the hub's new packs. All its state is in SQLite, so a restart resumes where it stopped.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const db = options.database.db;
  const timers = options.timers ?? realTimers;
  const batchSize = options.batchSize ?? 100;
  const interval = options.intervalMs ?? SYNC_INTERVAL_MS;
  let closed = false;
  let running = false;
  let progress: { sent: number; total: number } | null = null;
  let packPull: PackPullProgress | null = null;
  let cancelTimer: (() => void) | null = null;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  const aborter = new AbortController();
  /** The profile record last accepted, per connection; a restart sends it once more (the hub replaces it). */
  let profileSent: string | null = null;

  function update(connection: Connection, patch: Partial<typeof syncConnections.$inferInsert>): void {
    if (closed) return;
    db.update(syncConnections).set(patch).where(eq(syncConnections.id, connection.id)).run();
  }

  function schedule(at: Date | null): void {
    cancelTimer?.();
    cancelTimer = null;
    if (closed || !at) return;
    cancelTimer = timers.set(() => void run(false), Math.max(0, at.getTime() - options.now().getTime()));
  }

  /** Serialises runs; a request while one is waiting to start joins it. */
  function run(clearStop: boolean): Promise<void> {
    if (queued && !clearStop) return queued;
    const next = chain.then(() => {
      queued = null;
      return runOnce(clearStop);
    });
    queued = next;
    chain = next.catch((error: unknown) => options.logger.error('sync run failed', error));
    return next;
  }

  async function runOnce(clearStop: boolean): Promise<void> {
    if (closed) return;
    const connection = activeConnection(db);
    if (!connection) return schedule(null);
    if (connection.stopped && !clearStop) return;
    running = true;
    update(connection, { lastAttemptAt: options.now(), stopped: false });
    try {
      const end = await sendOutbox(connection);
      if (closed) return;
      if (end.kind === 'done' && connection.kind === 'hub') {
        const pulled = await pullPacks(connection);
        if (pulled.kind !== 'done' || closed) return settle(connection, pulled);
        const pushed = await pushProfile(connection);
        if (pushed.kind !== 'done' || closed) return settle(connection, pushed);
        const badges = await pullBadges(connection);
        if (badges.kind !== 'done') return settle(connection, badges);
      }
      settle(connection, end);
    } finally {
      running = false;
      progress = null;
      packPull = null;
    }
  }

  async function sendOutbox(connection: Connection): Promise<DeliveryEnd> {
    const endpoint = await endpointOf(connection, options.sealer);
    const ids = pendingIds(db, connection.id);
    progress = { sent: 0, total: ids.length };
    for (const batch of inBatches(ids, batchSize)) {
      const statements = loadStatements(db, batch);
      const end = await deliverBatch<QueuedStatement>(statements, {
        send: async (items): Promise<SendOutcome> => {
          if (closed) return { kind: 'retry', reason: 'closing', status: null, retryAfterMs: null };
          const body = items.map((item) => forConnection(item.statement, connection));
          return postStatements(options.fetch, endpoint, body, options.now(), aborter.signal);
        },
        delivered: (items) => {
          if (closed) return;
          markDelivered(
            db,
            items.map((item) => item.id),
            options.now(),
          );
          if (progress) progress.sent += items.length;
        },
        conflict: (item, status, message) => {
          if (closed) return;
          markConflict(db, item.id, status, message, options.now());
          if (progress) progress.sent += 1;
          options.logger.info(`sync: ${connection.url} refused statement ${item.id} (${status}): ${message}`);
        },
      });
      if (end.kind !== 'done' || closed) return end;
    }
    return { kind: 'done' };
  }

  async function pullPacks(connection: Connection): Promise<DeliveryEnd> {
    if (!options.packs) return { kind: 'done' };
    const endpoint = await endpointOf(connection, options.sealer);
    return pullHubPacks({
      packs: options.packs,
      fetch: options.fetch,
      hubUrl: connection.url,
      authorization: endpoint.authorization,
      now: options.now,
      logger: options.logger,
      signal: aborter.signal,
      isClosed: () => closed,
      onProgress: (pull) => (packPull = pull),
    });
  }

  async function pushProfile(connection: Connection): Promise<DeliveryEnd> {
    const record = await options.companyProfile?.();
    if (!record) return { kind: 'done' };
    const agent = connection.agent as { account?: { name?: unknown } } | null;
    const learnerId = typeof agent?.account?.name === 'string' ? agent.account.name : null;
    const memo = `${connection.id}:${JSON.stringify(record)}`;
    if (memo === profileSent) return { kind: 'done' };
    const endpoint = await endpointOf(connection, options.sealer);
    const end = await pushCompanyProfile({
      fetch: options.fetch,
      hubUrl: connection.url,
      authorization: endpoint.authorization,
      learnerId,
      record,
      logger: options.logger,
      signal: aborter.signal,
    });
    if (end.kind === 'done') profileSent = memo;
    return end;
  }

  async function pullBadges(connection: Connection): Promise<DeliveryEnd> {
    const endpoint = await endpointOf(connection, options.sealer);
    return pullCompanyCredentials({
      db,
      fetch: options.fetch,
      hubUrl: connection.url,
      authorization: endpoint.authorization,
      now: options.now,
      logger: options.logger,
      signal: aborter.signal,
      isClosed: () => closed,
    });
  }

  function settle(connection: Connection, end: DeliveryEnd): void {
    if (closed) return;
    const now = options.now();
    if (end.kind === 'done') {
      const nextAttemptAt = new Date(now.getTime() + interval);
      update(connection, {
        lastSuccessAt: now,
        failures: 0,
        problem: null,
        problemDetail: null,
        nextAttemptAt,
      });
      return schedule(nextAttemptAt);
    }
    if (end.kind === 'stop') {
      update(connection, {
        stopped: true,
        problem: end.status === 401 ? 'unauthorized' : 'forbidden',
        problemDetail: end.message,
        nextAttemptAt: null,
      });
      options.logger.info(`sync: ${connection.url} refused the credentials (${end.status}): ${end.message}`);
      return schedule(null);
    }
    const failures = connection.failures + 1;
    const delay = backoffDelay(failures, {
      ...(options.random ? { random: options.random } : {}),
      ...(end.retryAfterMs !== null ? { retryAfterMs: end.retryAfterMs } : {}),
    });
    const nextAttemptAt = new Date(now.getTime() + delay);
    update(connection, { failures, problem: problemOf(end), problemDetail: end.reason, nextAttemptAt });
    schedule(nextAttemptAt);
  }

  return {
    start() {
      const connection = activeConnection(db);
      if (connection && !connection.stopped) schedule(options.now());
    },
    syncNow: () => run(true),
    requestSync() {
      void run(false);
    },
    status(): SyncStatus {
      const connection = activeConnection(db);
      const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
      return {
        connection: connection
          ? {
              kind: connection.kind,
              url: connection.url,
              email: connection.email,
              connectedAt: connection.connectedAt.toISOString(),
            }
          : null,
        pending: pendingCount(db, connection?.id ?? null),
        otherCompany: otherCompanyRecords(db, connection?.id ?? null),
        keptLocal: keptLocalCount(db),
        conflicts: conflicts(db),
        // A run asked for (on connecting, say) counts as running, so nobody reads "up to date" before it ends.
        running: running || queued !== null,
        progress: progress ? { ...progress } : null,
        packPull: packPull ? { ...packPull } : null,
        packFailures: connection?.kind === 'hub' ? packFailures(db) : [],
        lastSuccessAt: iso(connection?.lastSuccessAt),
        lastAttemptAt: iso(connection?.lastAttemptAt),
        nextAttemptAt: iso(connection?.nextAttemptAt),
        stopped: connection?.stopped ?? false,
        problem: connection?.problem
          ? { code: connection.problem as SyncProblemCode, detail: connection.problemDetail }
          : null,
      };
    },
    close() {
      closed = true;
      cancelTimer?.();
      aborter.abort();
    },
  };
}

function problemOf(end: Extract<DeliveryEnd, { kind: 'retry' }>): SyncProblemCode {
  if (end.status === null) return 'unreachable';
  if (end.status === 429) return 'busy';
  if (end.status >= 500) return 'server';
  return 'bad-response';
}
