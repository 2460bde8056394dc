import { and, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { verbs } from '../../src-shared/xapi/statements';
import { VOIDED_VERB } from '../../src-shared/xapi/validate';
import type { HubDb, HubTx } from '../db/open';
import { executePrepared } from '../db/prepared';
import { statements } from '../db/schema/index';
import { storeAttachmentBytes } from './attachment-store';
import { checkAllClaimed } from './attachments';
import { recordActivityDefinitions, type ActivityCache } from './activity-store';
import { sameStatement } from './compare';
import { prepareStatement, type Prepared } from './prepare';
import {
  CHANGED_ACTORS,
  LOCK_CHANGED_ACTORS,
  feedsProgress,
  progressAfterInsert,
  rebuildProgress,
  recountActors,
} from './progress';
import { anyOf } from './sql-array';
import { StatementError, type Writer } from './statement-error';
import type { AttachmentPart } from './upload';

export { StatementError, type Writer } from './statement-error';

/**
 * Rows per INSERT and ids per IN list. A batch is bounded by the body limit only (~10,000 small statements), and
 * one INSERT of all of them overflows the query builder's stack and PostgreSQL's 65,535 parameters.
 */
const CHUNK = 500;

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
  options: StoreOptions,
): Promise<string[]> {
  const parts = options.parts ?? null;
  // An empty batch (a sync with nothing new) stores nothing; an INSERT of no rows is not valid SQL.
  if (input.length === 0) {
    checkAllClaimed(parts);
    return [];
  }
  const stored = now.toISOString();
  const prepared = input.map((raw, i) =>
    prepareStatement(raw, input.length > 1 ? `[${i}].` : '', writer, stored, parts),
  );
  checkAllClaimed(parts);
  const ids = prepared.map((p) => p.id);
  if (new Set(ids).size !== ids.length) {
    throw new StatementError(400, 'The batch holds two statements with the same id.');
  }
  let definitions = new Map<string, Record<string, unknown>>();
  // Two batches sharing ids in different orders can deadlock on PostgreSQL; the loser simply runs again.
  await withRetry(() =>
    db.transaction(async (tx) => {
      await checkVoidTargets(tx, prepared, writer);
      const { fresh, voidedEarly } = await insertNew(tx, prepared, writer, now);
      await checkRepeats(
        tx,
        prepared.filter((p) => !fresh.has(p.id)),
      );
      const voided = await applyVoids(tx, prepared, fresh, voidedEarly);
      await rebuildVoided(tx, voided);
      // A repeated statement changes nothing (Communication 2.1.2): only new ones bring bytes and definitions.
      const added = prepared.filter((p) => fresh.has(p.id));
      await storeAttachmentBytes(tx, added, parts, writer.credentialKey, now);
      definitions = await recordActivityDefinitions(
        tx,
        added.map((p) => p.statement),
        writer.allowedActors === null,
        options.activities,
      );
      // In the same transaction: what the new statements earn (a company credential) is issued exactly once.
      if (options.onStored && added.length > 0) await options.onStored(tx, added);
    }),
  );
  for (const [id, definition] of definitions) options.activities.set(id, definition);
  return ids;
}

export interface StoreOptions {
  /** The attachments' bytes of a multipart/mixed request; null or absent for application/json. */
  parts?: Map<string, AttachmentPart> | null;
  activities: ActivityCache;
  /** Runs inside the storing transaction with the statements that were new. */
  onStored?: (tx: HubTx, added: Prepared[]) => Promise<void>;
}

/**
 * A voiding statement may not itself be voided (§2.3.2). A device may void only its own learner's statements,
 * already stored or in the same batch; one answer covers "someone else's" and "no such statement", so a device
 * learns nothing of other learners' ids.
 */
async function checkVoidTargets(tx: HubTx, prepared: Prepared[], writer: Writer): Promise<void> {
  const voiding = prepared.filter((p) => p.index.voids !== null);
  if (voiding.length === 0) return;
  const rows = await selectIn(
    tx,
    voiding.map((p) => p.index.voids as string),
    (chunk) =>
      tx
        .select({ id: statements.id, verbId: statements.verbId, actorIfi: statements.actorIfi })
        .from(statements)
        .where(inArray(statements.id, chunk)),
  );
  const storedById = new Map(rows.map((row) => [row.id, row]));
  const batchById = new Map(
    prepared.map((p) => [p.id, { verbId: p.index.verbId, actorIfi: p.index.actorIfi }]),
  );
  for (const p of voiding) {
    const target = storedById.get(p.index.voids as string) ?? batchById.get(p.index.voids as string);
    if (writer.allowedActors && !(target && writer.allowedActors.includes(target.actorIfi))) {
      throw new StatementError(
        403,
        `${p.where}object.id: this device may void only its own learner's statements, stored before or in the same batch`,
      );
    }
    if (target?.verbId === VOIDED_VERB) {
      throw new StatementError(
        400,
        `${p.where}object.id: statement ${p.index.voids} voids another statement and cannot itself be voided`,
      );
    }
  }
}

/**
 * Inserts the statements whose ids are new, in chunks, and in the same SQL statement adds them to the progress
 * tables and finds stored voiding statements that name them (§2.3.2 lets a voiding statement arrive before its
 * target). Then recounts the items and modules done of the actors whose completed items changed. Returns the new
 * ids and those already voided.
 */
async function insertNew(
  tx: HubTx,
  prepared: Prepared[],
  writer: Writer,
  now: Date,
): Promise<{ fresh: Set<string>; voidedEarly: string[] }> {
  const fresh = new Set<string>();
  const early: string[] = [];
  const recount: string[] = [];
  for (const chunk of chunks(prepared)) {
    const feeds = chunk.some((p) => feedsProgress(p.statement, p.index.activityId, p.index.verbId));
    const progress = feeds
      ? sql`, ${sql.raw(progressAfterInsert('ins'))}, ${sql.raw(LOCK_CHANGED_ACTORS)}`
      : sql``;
    const changed = feeds
      ? sql` union all select actor_ifi, 'recount' from (${sql.raw(CHANGED_ACTORS)}) c
        union all select count(*)::text, 'locked' from locked`
      : sql``;
    // The voids index is probed with the ids as one array: one parameter to bind, and always the index.
    const rows = await executePrepared<{ id: string; kind: string }>(
      tx,
      sql`with ins as (${insertRows(chunk, writer, now)})${progress},
      early as (select voids from statements where ${anyOf(
        sql`voids`,
        chunk.map((p) => p.id),
        'uuid',
      )})
      select id::text as id, 'fresh' as kind from ins union all select voids::text, 'early' from early${changed}`,
    );
    for (const row of rows) {
      if (row.kind === 'early') early.push(row.id);
      else if (row.kind === 'recount') recount.push(row.id);
      else if (row.kind === 'fresh') fresh.add(row.id);
    }
  }
  await recountActors(tx, recount);
  // A stored voiding statement that names a repeat voided it when one of them first arrived.
  return { fresh, voidedEarly: early.filter((id) => fresh.has(id)) };
}

/**
 * `INSERT ... ON CONFLICT (id) DO NOTHING RETURNING *` of these statements, in batch order (their `seq`). The rows
 * go as one JSON parameter that PostgreSQL unpacks with jsonb_to_recordset: the SQL text is the same for every
 * batch, and building it costs nothing per row (drizzle's insert builder spent ~4 ms of CPU on 100 rows, a tenth
 * of a batch's time).
 */
function insertRows(chunk: Prepared[], writer: Writer, now: Date): SQL {
  const rows = chunk.map((p) => ({
    id: p.id,
    statement: p.statement,
    timestamp: p.timestamp.toISOString(),
    actor_ifi: p.index.actorIfi,
    verb_id: p.index.verbId,
    activity_id: p.index.activityId,
    registration: p.index.registration,
    agents: p.index.agents,
    related_agents: p.index.relatedAgents,
    related_activities: p.index.relatedActivities,
    voids: p.index.voids,
    ref_target: p.index.refTarget,
  }));
  return sql`insert into statements (id, statement, stored, "timestamp", actor_ifi, verb_id, activity_id,
      registration, agents, related_agents, related_activities, voids, ref_target, credential_key)
    select r.id, r.statement, ${now.toISOString()}::timestamptz, r."timestamp", r.actor_ifi, r.verb_id, r.activity_id,
      r.registration, r.agents, r.related_agents, r.related_activities, r.voids, r.ref_target, ${writer.credentialKey}::text
    from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (id uuid, statement jsonb,
      "timestamp" timestamptz, actor_ifi text, verb_id text, activity_id text, registration uuid, agents text[],
      related_agents text[], related_activities text[], voids uuid, ref_target uuid)) with ordinality as r(id, statement,
      "timestamp", actor_ifi, verb_id, activity_id, registration, agents, related_agents, related_activities, voids,
      ref_target, n)
    order by r.n
    on conflict (id) do nothing
    returning *`;
}

/** A repeated id is fine when it is the same statement; anything else is a 409 that says nothing of the other. */
async function checkRepeats(tx: HubTx, repeats: Prepared[]): Promise<void> {
  if (repeats.length === 0) return;
  const existing = await selectIn(
    tx,
    repeats.map((p) => p.id),
    (chunk) =>
      tx
        .select({ id: statements.id, statement: statements.statement })
        .from(statements)
        .where(inArray(statements.id, chunk)),
  );
  const byId = new Map(existing.map((row) => [row.id, row.statement]));
  for (const repeat of repeats) {
    const original = byId.get(repeat.id);
    if (!original || !sameStatement(original, repeat.sent)) {
      throw new StatementError(
        409,
        `${repeat.where}id: a different statement with id ${repeat.id} is already stored; statements are immutable.`,
      );
    }
  }
}

interface VoidedRow {
  id: string;
  actorIfi: string;
  verbId: string;
  activityId: string | null;
}

/**
 * The progress tables, in the same transaction: the new statements were added as they were inserted, voided ones
 * included, so what a voided statement fed (now or in an earlier batch) is rebuilt from the statements that stand.
 */
async function rebuildVoided(tx: HubTx, voided: VoidedRow[]): Promise<void> {
  if (voided.length === 0) return;
  await rebuildProgress(
    tx,
    voided.map((row) => row.actorIfi),
    voided.flatMap((row) => (row.verbId === verbs.answered.id && row.activityId ? [row.activityId] : [])),
  );
}

/** Marks what the new voiding statements void, and the new statements a stored voiding statement named. */
async function applyVoids(
  tx: HubTx,
  prepared: Prepared[],
  fresh: Set<string>,
  voidedEarly: string[],
): Promise<VoidedRow[]> {
  if (fresh.size === 0) return [];
  const newTargets = prepared
    .filter((p) => fresh.has(p.id) && p.index.voids)
    .map((p) => p.index.voids as string);
  const targets = [...newTargets, ...voidedEarly];
  const voided: VoidedRow[] = [];
  for (const chunk of chunks(targets)) {
    voided.push(
      ...(await tx
        .update(statements)
        .set({ voided: true })
        .where(
          and(
            inArray(statements.id, chunk),
            ne(statements.verbId, VOIDED_VERB),
            eq(statements.voided, false),
          ),
        )
        .returning({
          id: statements.id,
          actorIfi: statements.actorIfi,
          verbId: statements.verbId,
          activityId: statements.activityId,
        })),
    );
  }
  return voided;
}

async function selectIn<T>(tx: HubTx, ids: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of chunks(ids)) rows.push(...(await query(chunk)));
  return rows;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
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
