import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { HubDb } from '../db/open';
import { statements } from '../db/schema/index';

type Json = Record<string, unknown>;

export interface StatementFilter {
  /** Canonical IFI (see agents.ts). */
  agent?: string | undefined;
  verb?: string | undefined;
  activity?: string | undefined;
  registration?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  relatedActivities: boolean;
  relatedAgents: boolean;
  ascending: boolean;
  limit: number;
  /** The `more` cursor: where the last statement of the previous page arrived. */
  after?: ArrivalCursor | undefined;
  /** For device credentials: only statements whose actor is one of these. */
  actorIn?: string[] | null | undefined;
}

/**
 * Where a statement stands in arrival order: `stored`, then `seq` between statements stored at the same instant.
 * Results are sorted by `stored` (Communication 2.1.3), and since/until filter on it, so one index on
 * (stored, seq) serves the window, the order and the cursor together.
 */
export interface ArrivalCursor {
  stored: Date;
  seq: number;
}

/** `1764500000000_42`: the stored time in ms and the seq, as a `more` or page cursor. */
export const ARRIVAL_CURSOR = /^\d{1,15}_\d{1,15}$/;

export function formatArrival(cursor: ArrivalCursor): string {
  return `${cursor.stored.getTime()}_${cursor.seq}`;
}

export function parseArrival(text: string): ArrivalCursor {
  const [ms, seq] = text.split('_');
  return { stored: new Date(Number(ms)), seq: Number(seq) };
}

/** Statements after (or, descending, before) the cursor in arrival order. */
export function pastArrival(cursor: ArrivalCursor, ascending: boolean): SQL {
  return ascending
    ? sql`(${statements.stored}, ${statements.seq}) > (${cursor.stored.toISOString()}::timestamptz, ${cursor.seq})`
    : sql`(${statements.stored}, ${statements.seq}) < (${cursor.stored.toISOString()}::timestamptz, ${cursor.seq})`;
}

/**
 * The newest `limit` rows of any of these actors, newest first (stored, then seq). `read` gets one actor's
 * condition and returns that actor's newest `limit` rows in that order: each is read straight from the
 * (actor_ifi, stored, seq) index, and the reads are merged here. An IN list of a person's identities (an account,
 * an email) would leave the planner to guess, and PGlite, which never gathers statistics, guessed a walk back over
 * every statement (198 ms at 100,000 statements; 9 ms read this way).
 */
export async function newestOfActors<Row extends ArrivalCursor>(
  actorIfis: readonly string[],
  limit: number,
  read: (actor: SQL) => Promise<Row[]>,
): Promise<Row[]> {
  const reads = await Promise.all([...new Set(actorIfis)].map((ifi) => read(eq(statements.actorIfi, ifi))));
  return reads
    .flat()
    .sort((a, b) => b.stored.getTime() - a.stored.getTime() || b.seq - a.seq)
    .slice(0, limit);
}

export function arrivalOrder(ascending: boolean): SQL[] {
  return ascending
    ? [asc(statements.stored), asc(statements.seq)]
    : [desc(statements.stored), desc(statements.seq)];
}

export interface StoredStatement {
  seq: number;
  stored: Date;
  statement: Json;
}

export interface StatementPage {
  statements: StoredStatement[];
  /** The cursor for the next page, or null when this page is the last. */
  next: ArrivalCursor | null;
}

/** How far a chain of StatementRefs is followed (a targets b targets c …); real chains are one or two long. */
const MAX_REF_DEPTH = 8;

/**
 * One page of unvoided statements matching the filter (xAPI 2.0 Communication 2.1.3 GET Statements), newest
 * first by default. A statement whose StatementRef object targets a matching statement (at any depth) matches
 * too, for every filter but since, until and limit, which apply to the targeting statement itself.
 */
export async function findStatements(db: HubDb, filter: StatementFilter): Promise<StatementPage> {
  const direct = await selectPage(
    db,
    [...matchConditions(statements, filter), ...windowConditions(filter)],
    filter,
  );
  if (!filter.agent && !filter.verb && !filter.activity && !filter.registration)
    return toPage(direct, filter);
  // The targeting statements are few (voids and other references): walking them in arrival order through a
  // partial index, each checked against its chain of targets, keeps the common filter on its own indexes.
  const targeters = await selectPage(
    db,
    [isNotNull(statements.refTarget), ...windowConditions(filter), targetMatches(filter)],
    filter,
  );
  const merged = new Map<number, StoredStatement>();
  for (const row of [...direct, ...targeters]) merged.set(row.seq, row);
  const byArrival = (a: StoredStatement, b: StoredStatement) =>
    a.stored.getTime() - b.stored.getTime() || a.seq - b.seq;
  const ordered = [...merged.values()].sort((a, b) => (filter.ascending ? byArrival(a, b) : byArrival(b, a)));
  return toPage(ordered, filter);
}

function toPage(rows: StoredStatement[], filter: StatementFilter): StatementPage {
  const page = rows.slice(0, filter.limit);
  return {
    statements: page,
    next: rows.length > filter.limit ? arrivalOf(page[page.length - 1]) : null,
  };
}

export function arrivalOf(row: StoredStatement | undefined): ArrivalCursor | null {
  return row ? { stored: row.stored, seq: row.seq } : null;
}

async function selectPage(db: HubDb, where: SQL[], filter: StatementFilter): Promise<StoredStatement[]> {
  return db
    .select({ seq: statements.seq, stored: statements.stored, statement: statements.statement })
    .from(statements)
    .where(and(...where))
    .orderBy(...arrivalOrder(filter.ascending))
    .limit(filter.limit + 1);
}

/** What the targeting statement itself must satisfy: unvoided, in the time and page window, readable. */
function windowConditions(filter: StatementFilter): SQL[] {
  const where: SQL[] = [eq(statements.voided, false)];
  if (filter.since) where.push(gt(statements.stored, filter.since));
  if (filter.until) where.push(lte(statements.stored, filter.until));
  if (filter.after !== undefined) where.push(pastArrival(filter.after, filter.ascending));
  if (filter.actorIn) where.push(inArray(statements.actorIfi, filter.actorIn));
  return where;
}

type MatchColumns = Record<
  'agents' | 'relatedAgents' | 'verbId' | 'activityId' | 'relatedActivities' | 'registration',
  AnyPgColumn
>;

/** The agent, verb, activity and registration filters, on the statements table or an alias of it. */
function matchConditions(table: MatchColumns, filter: StatementFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.agent) {
    const column = filter.relatedAgents ? table.relatedAgents : table.agents;
    where.push(sql`${column} @> array[${filter.agent}]::text[]`);
  }
  if (filter.verb) where.push(eq(table.verbId, filter.verb));
  if (filter.activity) {
    where.push(
      filter.relatedActivities
        ? sql`${table.relatedActivities} @> array[${filter.activity}]::text[]`
        : eq(table.activityId, filter.activity),
    );
  }
  if (filter.registration) where.push(eq(table.registration, filter.registration.toLowerCase()));
  return where;
}

/**
 * Some statement in the chain this one targets matches the filter. A targeted statement counts even when voided
 * (Communication 2.1.4: statements targeting a voided statement are still returned); a device's filter only
 * looks through its own learner's statements, so it learns nothing of anyone else's.
 */
function targetMatches(filter: StatementFilter): SQL {
  const target = alias(statements, 'target');
  const link = alias(statements, 'link');
  const conditions = matchConditions(target, filter);
  if (filter.actorIn) conditions.push(inArray(target.actorIfi, filter.actorIn));
  return sql`exists (
    with recursive chain(id, depth) as (
      select ${statements.refTarget}, 1
      union all
      select ${link.refTarget}, chain.depth + 1 from ${statements} link join chain on ${link.id} = chain.id
      where ${link.refTarget} is not null and chain.depth < ${MAX_REF_DEPTH}
    )
    select 1 from chain join ${statements} target on ${target.id} = chain.id where ${and(...conditions)}
  )`;
}

/**
 * One statement by id: with `voided` false, only if it is not voided (statementId); with true, only if it is
 * (voidedStatementId), as Communication 2.1.3 requires.
 */
export async function findStatement(
  db: HubDb,
  id: string,
  voided: boolean,
  actorIn: string[] | null,
): Promise<Json | null> {
  const where = [eq(statements.id, id.toLowerCase()), eq(statements.voided, voided)];
  if (actorIn) where.push(inArray(statements.actorIfi, actorIn));
  const [row] = await db
    .select({ statement: statements.statement })
    .from(statements)
    .where(and(...where))
    .limit(1);
  return row?.statement ?? null;
}
