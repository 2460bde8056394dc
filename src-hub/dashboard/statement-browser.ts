import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubAnswer } from '../../src-shared/hub/contract';
import type { StatementBrowserQuery } from '../../src-shared/hub/schemas';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { learners, statements } from '../db/schema/index';
import { ifiOf, learnerIfis } from '../xapi/agents';
import { withContextActivityArrays } from '../xapi/normalize';
import { arrivalOrder, formatArrival, parseArrival, pastArrival } from '../xapi/query';

type Json = Record<string, unknown>;
type Learner = typeof learners.$inferSelect;

const PAGE = 50;
const DAY_MS = 86_400_000;

/**
 * The newest statements first, all of them (voided ones marked), filtered by person, verb, activity and day of
 * arrival: what a trainer needs to see exactly what arrived. Each filter rides an index of the statements table.
 */
export async function browseStatements(
  db: HubDb,
  query: z.infer<typeof StatementBrowserQuery>,
): Promise<HubAnswer<'browseStatements'>> {
  const people = await db.select().from(learners).orderBy(asc(learners.name));
  const where: SQL[] = [];
  if (query.person !== undefined) {
    const learner = people.find((p) => p.id === query.person);
    where.push(learner ? inArray(statements.actorIfi, learnerIfis(learner)) : sql`false`);
  }
  if (query.verb) where.push(eq(statements.verbId, query.verb));
  if (query.activity) where.push(sql`${statements.relatedActivities} @> array[${query.activity}]::text[]`);
  if (query.from) where.push(gte(statements.stored, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) where.push(lt(statements.stored, new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS)));
  if (query.before) where.push(pastArrival(parseArrival(query.before), false));
  const rows = await db
    .select({
      seq: statements.seq,
      stored: statements.stored,
      statement: statements.statement,
      voided: statements.voided,
    })
    .from(statements)
    .where(and(...where))
    .orderBy(...arrivalOrder(false))
    .limit(PAGE + 1);
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  const named = namesByIfi(people);
  return {
    statements: page.map((row) => describe(withContextActivityArrays(row.statement), row.voided, named)),
    next: rows.length > PAGE && last ? formatArrival(last) : null,
    people: people.map((p) => ({ id: p.id, name: p.name, email: p.email })),
  };
}

function namesByIfi(people: Learner[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of people) for (const ifi of learnerIfis(p)) names.set(ifi, p.name);
  return names;
}

function describe(
  statement: Json,
  voided: boolean,
  named: Map<string, string>,
): HubAnswer<'browseStatements'>['statements'][number] {
  const verb = statement['verb'] as Json;
  return {
    id: statement['id'] as string,
    stored: new Date(statement['stored'] as string).toISOString(),
    person: agentName(statement['actor'] as Json, named),
    verb: firstLanguage(verb['display']) ?? lastSegment(verb['id'] as string),
    object: objectName(statement['object'] as Json, named),
    voided,
    statement,
  };
}

function agentName(agent: Json, named: Map<string, string>): string {
  const ifi = ifiOf(agent);
  if (ifi && named.has(ifi)) return named.get(ifi) as string;
  if (typeof agent['name'] === 'string') return agent['name'];
  if (ifi?.startsWith(`account:${LEARNER_ACCOUNT_HOME}|`))
    return ifi.slice(`account:${LEARNER_ACCOUNT_HOME}|`.length);
  return ifi?.replace(/^[a-z_]+:/, '') ?? 'a group';
}

function objectName(object: Json, named: Map<string, string>): string {
  switch (object['objectType'] ?? 'Activity') {
    case 'Agent':
    case 'Group':
      return agentName(object, named);
    case 'StatementRef':
      return `statement ${String(object['id'])}`;
    case 'SubStatement':
      return `(a statement about ${objectName(object['object'] as Json, named)})`;
    default:
      return firstLanguage((object['definition'] as Json | undefined)?.['name']) ?? (object['id'] as string);
  }
}

function firstLanguage(map: unknown): string | undefined {
  if (typeof map !== 'object' || map === null) return undefined;
  const values = map as Record<string, string>;
  return values['en-US'] ?? values['en'] ?? Object.values(values)[0];
}

function lastSegment(iri: string): string {
  return iri.split(/[/#]/).filter(Boolean).pop() ?? iri;
}
