import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { SyncConflict } from '../../src-shared/sync/schemas';
import type { AppDatabase } from '../db/open';
import { outbox, syncRecords } from '../db/schema';

/** The outbox as the sync engine sees it: what is waiting for one connection, and what the server refused. */

function waitingFor(connectionId: number) {
  return and(
    eq(syncRecords.connectionId, connectionId),
    isNull(outbox.sentAt),
    isNull(syncRecords.conflictStatus),
  );
}

/** The ids waiting for this connection, oldest first (the order they were recorded in). */
export function pendingIds(db: AppDatabase, connectionId: number): string[] {
  return db
    .select({ id: outbox.statementId })
    .from(outbox)
    .innerJoin(syncRecords, eq(syncRecords.statementId, outbox.statementId))
    .where(waitingFor(connectionId))
    .orderBy(asc(sql`${outbox}.rowid`))
    .all()
    .map((row) => row.id);
}

export function pendingCount(db: AppDatabase, connectionId: number | null): number {
  const where =
    connectionId === null
      ? and(isNull(syncRecords.connectionId), isNull(outbox.sentAt), isNull(syncRecords.conflictStatus))
      : waitingFor(connectionId);
  return (
    db
      .select({ n: count() })
      .from(outbox)
      .innerJoin(syncRecords, eq(syncRecords.statementId, outbox.statementId))
      .where(where)
      .get()?.n ?? 0
  );
}

export function keptLocalCount(db: AppDatabase): number {
  return (
    db
      .select({ n: count() })
      .from(syncRecords)
      .innerJoin(outbox, eq(syncRecords.statementId, outbox.statementId))
      .where(and(eq(syncRecords.keptLocal, true), isNull(outbox.sentAt)))
      .get()?.n ?? 0
  );
}

export interface QueuedStatement {
  id: string;
  statement: Record<string, unknown>;
}

export function loadStatements(db: AppDatabase, ids: string[]): QueuedStatement[] {
  const rows = db
    .select({ id: outbox.statementId, statement: outbox.statement })
    .from(outbox)
    .where(inArray(outbox.statementId, ids))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Marks what the server acknowledged, in one transaction. */
export function markDelivered(db: AppDatabase, ids: string[], at: Date): void {
  db.update(outbox)
    .set({ sentAt: at })
    .where(and(inArray(outbox.statementId, ids), isNull(outbox.sentAt)))
    .run();
}

/** Sets a refused statement aside with the server's reason; it stays in the outbox, visible, never dropped. */
export function markConflict(db: AppDatabase, id: string, status: number, message: string, at: Date): void {
  db.update(syncRecords)
    .set({ conflictStatus: status, conflictMessage: message, conflictAt: at })
    .where(eq(syncRecords.statementId, id))
    .run();
}

export function conflicts(db: AppDatabase, limit = 50): SyncConflict[] {
  return db
    .select({
      statementId: syncRecords.statementId,
      status: syncRecords.conflictStatus,
      message: syncRecords.conflictMessage,
      at: syncRecords.conflictAt,
      statement: outbox.statement,
    })
    .from(syncRecords)
    .innerJoin(outbox, eq(syncRecords.statementId, outbox.statementId))
    .where(and(isNotNull(syncRecords.conflictStatus), isNull(outbox.sentAt)))
    .orderBy(desc(syncRecords.conflictAt))
    .limit(limit)
    .all()
    .map((row) => ({
      statementId: row.statementId,
      summary: summarise(row.statement),
      status: row.status ?? 0,
      message: row.message ?? '',
      at: (row.at ?? new Date(0)).toISOString(),
    }));
}

/** "completed Why credibility": the verb's display and the activity's name, as the learner saw them. */
function summarise(statement: Record<string, unknown>): string {
  const verb = statement['verb'] as { display?: Record<string, string>; id?: string } | undefined;
  const object = statement['object'] as
    { id?: string; definition?: { name?: Record<string, string> } } | undefined;
  const verbWords = Object.values(verb?.display ?? {})[0] ?? verb?.id ?? 'recorded';
  const name = Object.values(object?.definition?.name ?? {})[0] ?? object?.id ?? 'an activity';
  return `${verbWords} ${name}`;
}
