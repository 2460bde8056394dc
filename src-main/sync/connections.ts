import { and, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { z } from 'zod';
import type { ConnectInput as ConnectSchema } from '../../src-shared/sync/schemas';
import type { AppDatabase } from '../db/open';
import { outbox, syncConnections, syncRecords } from '../db/schema';
import { localLearner } from '../training/statements';
import { basicAuthorization, checkRecordStore, enrolDevice, type Fetch, type XapiEndpoint } from './http';
import type { SecretSealer } from './secrets';
import type { XapiVersion } from '../../src-shared/xapi/versions';

export type Connection = typeof syncConnections.$inferSelect;
type ValidConnectInput = z.output<typeof ConnectSchema>;

export interface ConnectionDeps {
  db: AppDatabase;
  now: () => Date;
  fetch: Fetch;
  sealer: SecretSealer;
}

/** The connection records are sent to now; null when the learner has not connected or has disconnected. */
export function activeConnection(db: AppDatabase): Connection | null {
  return db.select().from(syncConnections).where(isNull(syncConnections.disconnectedAt)).get() ?? null;
}

/** Where this connection's statements go, with its secret unsealed. */
export async function endpointOf(connection: Connection, sealer: SecretSealer): Promise<XapiEndpoint> {
  if (!connection.key || !connection.sealedSecret) throw new Error('this connection has no credentials');
  const secret = await sealer.unseal(connection.sealedSecret);
  return {
    xapiUrl: connection.kind === 'hub' ? new URL('xapi/', connection.url).toString() : connection.url,
    authorization: basicAuthorization(connection.key, secret),
    xapiVersion: connection.xapiVersion,
  };
}

/**
 * Obtains credentials (a hub enrols this device; an LRS's key is checked against its /about) and makes the new
 * connection the active one. Records made before any connection, and unsent records of an earlier connection to
 * the same address, come with it; unsent records made for another company wait for the learner's decision.
 */
export async function connect(deps: ConnectionDeps, input: ValidConnectInput): Promise<Connection> {
  if (activeConnection(deps.db)) {
    throw new AppError('CONFLICT', 'This device is already connected: disconnect first.');
  }
  let key: string;
  let secret: string;
  let agent: Record<string, unknown> | null = null;
  // Our hub speaks 2.0; another record store says what it speaks at /about.
  let xapiVersion: XapiVersion = '2.0.0';
  if (input.kind === 'hub') {
    const learner = localLearner(deps.db, deps.now);
    const enrolled = await enrolDevice(deps.fetch, input.url, {
      code: input.code,
      name: learner.name,
      email: input.email,
      learnerId: learner.id,
    });
    ({ key, secret } = enrolled);
    agent = enrolled.agent;
  } else {
    key = input.key;
    secret = input.secret;
    xapiVersion = await checkRecordStore(deps.fetch, {
      xapiUrl: input.url,
      authorization: basicAuthorization(key, secret),
    });
  }
  const sealedSecret = await deps.sealer.seal(secret);
  return deps.db.transaction((tx) => {
    const everConnected = tx.select({ id: syncConnections.id }).from(syncConnections).limit(1).get();
    const created = tx
      .insert(syncConnections)
      .values({
        kind: input.kind,
        url: input.url,
        email: input.kind === 'hub' ? input.email : null,
        agent,
        xapiVersion,
        key,
        sealedSecret,
        connectedAt: deps.now(),
      })
      .returning()
      .get();
    const sameCompany = tx
      .select({ id: syncConnections.id })
      .from(syncConnections)
      .where(
        and(
          eq(syncConnections.kind, input.kind),
          eq(syncConnections.url, input.url),
          ne(syncConnections.id, created.id),
        ),
      )
      .all()
      .map((row) => row.id);
    const unsent = unsentRecordIds(tx);
    if (!everConnected) {
      tx.update(syncRecords)
        .set({ connectionId: created.id })
        .where(and(isNull(syncRecords.connectionId), inArray(syncRecords.statementId, unsent)))
        .run();
    }
    if (sameCompany.length > 0) {
      tx.update(syncRecords)
        .set({ connectionId: created.id, keptLocal: false })
        .where(and(inArray(syncRecords.connectionId, sameCompany), inArray(syncRecords.statementId, unsent)))
        .run();
    }
    return created;
  });
}

/** Forgets the credentials; the connection row stays so its records keep their company. */
export function disconnect(db: AppDatabase, now: () => Date): void {
  db.update(syncConnections)
    .set({ disconnectedAt: now(), key: null, sealedSecret: null, nextAttemptAt: null })
    .where(isNull(syncConnections.disconnectedAt))
    .run();
}

/** Unsent, unrefused records made for a company other than the connected one (or before a later disconnect). */
export function otherCompanyRecords(
  db: AppDatabase,
  activeId: number | null,
): { count: number; url: string } | null {
  const row = db
    .select({ count: sql<number>`count(*)`, url: sql<string>`max(${syncConnections.url})` })
    .from(syncRecords)
    .innerJoin(outbox, eq(outbox.statementId, syncRecords.statementId))
    .leftJoin(syncConnections, eq(syncConnections.id, syncRecords.connectionId))
    .where(
      and(
        isNull(outbox.sentAt),
        isNull(syncRecords.conflictStatus),
        eq(syncRecords.keptLocal, false),
        sql`coalesce(${syncRecords.connectionId}, -1) <> ${activeId ?? -1}`,
        activeId === null ? isNotNull(syncRecords.connectionId) : undefined,
      ),
    )
    .get();
  return row && row.count > 0 ? { count: row.count, url: row.url ?? '' } : null;
}

/** The learner's answer about other companies' unsent records: send them to the connected one, or keep them. */
export function decideOtherRecords(db: AppDatabase, decision: 'send' | 'keep'): void {
  const active = activeConnection(db);
  if (!active) throw new AppError('CONFLICT', 'Connect first: there is no company to send them to.');
  db.transaction((tx) => {
    const ids = unsentRecordIds(tx);
    const others = and(
      inArray(syncRecords.statementId, ids),
      isNull(syncRecords.conflictStatus),
      eq(syncRecords.keptLocal, false),
      sql`coalesce(${syncRecords.connectionId}, -1) <> ${active.id}`,
    );
    tx.update(syncRecords)
      .set(decision === 'send' ? { connectionId: active.id } : { keptLocal: true })
      .where(others)
      .run();
  });
}

type Tx = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

/** A subquery of the outbox records not yet acknowledged by any server. */
function unsentRecordIds(tx: Tx | AppDatabase) {
  return tx.select({ id: outbox.statementId }).from(outbox).where(isNull(outbox.sentAt));
}
