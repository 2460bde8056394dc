import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { XAPI_VERSION } from '../../src-shared/xapi/statements';
import { VOIDED_VERB, checkStatement, parseTimestamp } from '../../src-shared/xapi/validate';
import type { HubDb } from '../db/open';
import { statements } from '../db/schema/index';
import { sameStatement } from './compare';
import { indexStatement, type StatementIndex } from './agents';

type Json = Record<string, unknown>;

export class StatementError extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface Writer {
  /** The LRS-assigned authority (§2.4.9): who vouches for these statements. */
  authority: Json;
  credentialKey: string;
  /** For device credentials: the identifiers the actor must carry; null when any actor may be written. */
  allowedActors: string[] | null;
}

interface Prepared {
  id: string;
  statement: Json;
  /** As sent (with its id), for comparing with a stored statement of the same id. */
  sent: Json;
  index: StatementIndex;
  timestamp: Date;
}

/**
 * Validates and stores statements, all or nothing, in one transaction. A statement whose id is already stored
 * is a no-op when it is the same statement and a 409 when it is not (§3.2: statement immutability); returns
 * the ids in the order given.
 */
export async function storeStatements(
  db: HubDb,
  input: unknown[],
  writer: Writer,
  now: Date,
): Promise<string[]> {
  // An empty batch (a sync with nothing new) stores nothing; an INSERT of no rows is not valid SQL.
  if (input.length === 0) return [];
  const stored = now.toISOString();
  const prepared = input.map((raw, i) => prepare(raw, input.length > 1 ? `[${i}]` : '', writer, stored));
  const ids = prepared.map((p) => p.id);
  if (new Set(ids).size !== ids.length) {
    throw new StatementError(400, 'The batch holds two statements with the same id.');
  }
  // Two batches sharing ids in different orders can deadlock on PostgreSQL; the loser simply runs again.
  await withRetry(() =>
    db.transaction(async (tx) => {
      const voidTargets = prepared.flatMap((p) => (p.index.voids ? [p.index.voids] : []));
      if (voidTargets.length > 0) {
        const voiding = await tx
          .select({ id: statements.id })
          .from(statements)
          .where(and(inArray(statements.id, voidTargets), eq(statements.verbId, VOIDED_VERB)));
        const target = voiding[0]?.id ?? voidTargets.find((id) => isVoiding(prepared, id));
        if (target) {
          throw new StatementError(
            400,
            `object.id: statement ${target} voids another statement and cannot itself be voided`,
          );
        }
      }
      const inserted = await tx
        .insert(statements)
        .values(
          prepared.map((p) => ({
            id: p.id,
            statement: p.statement,
            stored: now,
            timestamp: p.timestamp,
            ...p.index,
            credentialKey: writer.credentialKey,
          })),
        )
        .onConflictDoNothing({ target: statements.id })
        .returning({ id: statements.id });
      const fresh = new Set(inserted.map((row) => row.id));
      const repeats = prepared.filter((p) => !fresh.has(p.id));
      if (repeats.length > 0) {
        const existing = await tx
          .select({ id: statements.id, statement: statements.statement })
          .from(statements)
          .where(
            inArray(
              statements.id,
              repeats.map((p) => p.id),
            ),
          );
        const byId = new Map(existing.map((row) => [row.id, row.statement]));
        for (const repeat of repeats) {
          const original = byId.get(repeat.id);
          if (!original || !sameStatement(original, repeat.sent)) {
            throw new StatementError(
              409,
              `A different statement with id ${repeat.id} is already stored; statements are immutable.`,
            );
          }
        }
      }
      const newTargets = prepared
        .filter((p) => fresh.has(p.id) && p.index.voids)
        .map((p) => p.index.voids as string);
      if (newTargets.length > 0) {
        await tx
          .update(statements)
          .set({ voided: true })
          .where(and(inArray(statements.id, newTargets), ne(statements.verbId, VOIDED_VERB)));
      }
      if (fresh.size > 0) {
        // A voiding statement may arrive before the one it voids (§2.3.2 allows it); mark the late arrival at once.
        // Probing the voids index first keeps the usual batch (nothing voids it) to one cheap read, not an UPDATE.
        const voidedEarly = await tx
          .select({ id: statements.voids })
          .from(statements)
          .where(inArray(statements.voids, [...fresh]));
        const late = voidedEarly.flatMap((row) => (row.id ? [row.id] : []));
        if (late.length > 0) {
          await tx
            .update(statements)
            .set({ voided: true })
            .where(and(inArray(statements.id, late), ne(statements.verbId, VOIDED_VERB)));
        }
      }
    }),
  );
  return ids;
}

/** PostgreSQL's codes for "try the transaction again": serialization failure and deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);

async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code =
        (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ??
        (error as { code?: unknown }).code;
      if (attempt >= attempts || !RETRYABLE.has(String(code))) throw error;
    }
  }
}

function isVoiding(prepared: Prepared[], id: string): boolean {
  return prepared.some((p) => p.id === id && p.index.verbId === VOIDED_VERB);
}

function prepare(raw: unknown, where: string, writer: Writer, stored: string): Prepared {
  const check = checkStatement(raw);
  if (!check.ok) {
    const path = where ? `${where}.${check.path}` : check.path;
    throw new StatementError(400, `${path}: ${check.message}`);
  }
  const statement: Json = { ...(raw as Json) };
  const attachments = (statement['attachments'] as Json[] | undefined) ?? [];
  const inline = attachments.findIndex((attachment) => attachment['fileUrl'] === undefined);
  if (inline >= 0) {
    // §4.1.11: an attachment without fileUrl travels in a multipart/mixed body, which this hub does not accept.
    throw new StatementError(
      400,
      `${where ? `${where}.` : ''}attachments[${inline}].fileUrl: is required here (attachment bodies are not accepted)`,
    );
  }
  const id = typeof statement['id'] === 'string' ? statement['id'].toLowerCase() : randomUUID();
  statement['id'] = id;
  const sent = { ...statement };
  const index = indexStatement(statement);
  if (writer.allowedActors && !writer.allowedActors.includes(index.actorIfi)) {
    throw new StatementError(
      403,
      `${where ? `${where}.` : ''}actor: this device may only record statements about its own learner`,
    );
  }
  // §2.4.7 and §2.4.9: the LRS sets stored and authority, and fills in timestamp and version when absent.
  statement['stored'] = stored;
  statement['authority'] = writer.authority;
  statement['timestamp'] ??= stored;
  statement['version'] ??= XAPI_VERSION;
  return {
    id,
    statement,
    sent,
    index,
    timestamp: new Date(parseTimestamp(statement['timestamp'] as string) ?? Date.parse(stored)),
  };
}
