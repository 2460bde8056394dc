import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { HubAnswer } from '../../src-shared/hub/contract';
import type { StatementBrowserQuery } from '../../src-shared/hub/schemas';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { learners, statements } from '../db/schema/index';
import { ifiOf, learnerIfis } from '../xapi/agents';
import { withContextActivityArrays } from '../xapi/normalize';
import { arrivalOrder, formatArrival, newestOfActors, parseArrival, pastArrival } from '../xapi/query';

type Json = Record<string, unknown>;
type Learner = typeof learners.$inferSelect;

const PAGE = 50;
const DAY_MS = 86_400_000;

/**
 * The newest statements first, all of them (voided ones marked), filtered by person, verb, activity and day of
 * arrival: what a trainer needs to see exactly what arrived. Each filter rides an index of the statements table.
 * The person is found by learner id or email, and only the learners a page names are read: a page stays small
 * however many people a company enrols.
 */
export async function browseStatements(
  db: HubDb,
  query: z.infer<typeof StatementBrowserQuery>,
): Promise<HubAnswer<'browseStatements'>> {
  const where: SQL[] = [];
  let person: Learner | null = null;
  if (query.person !== undefined) person = (await findLearner(db, query.person)) ?? null;
  if (query.verb) where.push(eq(statements.verbId, query.verb));
  if (query.activity) where.push(sql`${statements.relatedActivities} @> array[${query.activity}]::text[]`);
  if (query.from) where.push(gte(statements.stored, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) where.push(lt(statements.stored, new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS)));
  if (query.before) where.push(pastArrival(parseArrival(query.before), false));
  const newest = (actor: SQL | null) =>
    db
      .select({
        seq: statements.seq,
        stored: statements.stored,
        statement: statements.statement,
        voided: statements.voided,
      })
      .from(statements)
      .where(and(...(actor ? [actor] : []), ...where))
      .orderBy(...arrivalOrder(false))
      .limit(PAGE + 1);
  const rows =
    query.person === undefined
      ? await newest(null)
      : person
        ? await newestOfActors(learnerIfis(person), PAGE + 1, newest)
        : [];
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  const named = namesByIfi(
    await learnersNamed(
      db,
      page.map((row) => row.statement),
    ),
  );
  return {
    statements: page.map((row) => describe(withContextActivityArrays(row.statement), row.voided, named)),
    next: rows.length > PAGE && last ? formatArrival(last) : null,
    person: person ? { id: person.id, name: person.name, email: person.email } : null,
  };
}

/** An enrolled learner by their id or their email (in any case). */
async function findLearner(db: HubDb, idOrEmail: string): Promise<Learner | undefined> {
  const [found] = await db
    .select()
    .from(learners)
    .where(
      or(
        eq(learners.id, idOrEmail.trim()),
        eq(sql`lower(${learners.email})`, idOrEmail.trim().toLowerCase()),
      ),
    )
    .orderBy(asc(learners.id))
    .limit(1);
  return found;
}

/** The enrolled learners the statements' actors, and agents as objects, are: by account name or email. */
async function learnersNamed(db: HubDb, page: Json[]): Promise<Learner[]> {
  const ids = new Set<string>();
  const emails = new Set<string>();
  const account = `account:${LEARNER_ACCOUNT_HOME}|`;
  for (const statement of page) {
    for (const agent of [statement['actor'], statement['object']]) {
      const ifi = ifiOf(agent as Json);
      if (ifi?.startsWith(account)) ids.add(ifi.slice(account.length));
      else if (ifi?.startsWith('mbox:mailto:')) emails.add(ifi.slice('mbox:mailto:'.length));
    }
  }
  if (ids.size === 0 && emails.size === 0) return [];
  return db
    .select()
    .from(learners)
    .where(
      or(
        ids.size > 0 ? inArray(learners.id, [...ids]) : sql`false`,
        emails.size > 0 ? inArray(sql`lower(${learners.email})`, [...emails]) : sql`false`,
      ),
    );
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
