import { and, asc, desc, eq, gt, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
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
  /** The `more` cursor: the seq of the last statement of the previous page. */
  after?: number | undefined;
  /** For device credentials: only statements whose actor is one of these. */
  actorIn?: string[] | null | undefined;
}

export interface StatementPage {
  statements: Json[];
  /** The cursor for the next page, or null when this page is the last. */
  next: number | null;
}

/** One page of unvoided statements matching the filter (xAPI 2.0 §4.1.6.1 GET Statements), newest first by default. */
export async function findStatements(db: HubDb, filter: StatementFilter): Promise<StatementPage> {
  const where: SQL[] = [eq(statements.voided, false)];
  if (filter.agent) {
    const column = filter.relatedAgents ? statements.relatedAgents : statements.agents;
    where.push(sql`${column} @> array[${filter.agent}]::text[]`);
  }
  if (filter.verb) where.push(eq(statements.verbId, filter.verb));
  if (filter.activity) {
    where.push(
      filter.relatedActivities
        ? sql`${statements.relatedActivities} @> array[${filter.activity}]::text[]`
        : eq(statements.activityId, filter.activity),
    );
  }
  if (filter.registration) where.push(eq(statements.registration, filter.registration.toLowerCase()));
  if (filter.since) where.push(gt(statements.stored, filter.since));
  if (filter.until) where.push(lte(statements.stored, filter.until));
  if (filter.after !== undefined)
    where.push(filter.ascending ? gt(statements.seq, filter.after) : lt(statements.seq, filter.after));
  if (filter.actorIn) where.push(inArray(statements.actorIfi, filter.actorIn));
  const rows = await db
    .select({ seq: statements.seq, statement: statements.statement })
    .from(statements)
    .where(and(...where))
    .orderBy(filter.ascending ? asc(statements.seq) : desc(statements.seq))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return {
    statements: page.map((row) => row.statement),
    next: rows.length > filter.limit ? (page[page.length - 1]?.seq ?? null) : null,
  };
}

/**
 * One statement by id: with `voided` false, only if it is not voided (statementId); with true, only if it is
 * (voidedStatementId), as §4.1.6.1 requires.
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
