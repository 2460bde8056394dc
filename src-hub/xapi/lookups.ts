import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import { checkAgent } from '../../src-shared/xapi/validate';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { learners, statements } from '../db/schema/index';
import { parseInput } from '../http/validate';
import { ifiOf, learnerIfis } from './agents';
import { loadDefinitions, type ActivityCache } from './activity-store';
import { arrivalOrder, newestOfActors } from './query';
import { StatementError } from './statement-error';

type Json = Record<string, unknown>;

const Required = z.string({ error: 'is required' }).min(1, 'must not be empty');
const AgentQuery = z.strictObject({ agent: Required });
const ActivityQuery = z.strictObject({ activityId: Required });
/** The names a Person lists come from this many of the agent's latest statements, at most. */
const NAME_SAMPLE = 50;

export interface LookupDeps {
  db: HubDb;
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  activities: ActivityCache;
}

/** The Agents (Communication 2.4) and Activities (2.5) resources; HEAD comes with each GET. */
export function registerLookups(app: FastifyInstance, deps: LookupDeps): void {
  app.get('/xapi/agents', { preHandler: deps.guard }, async (request) => {
    const agent = parseAgent(parseInput(AgentQuery, request.query).agent);
    const ifi = ifiOf(agent) as string;
    const learner = (request.principal as Principal).learner;
    if (learner && !learnerIfis(learner).includes(ifi)) {
      throw new StatementError(403, 'agent: this device may only look up its own learner');
    }
    return person(deps.db, agent, ifi);
  });

  app.get('/xapi/activities', { preHandler: deps.guard }, async (request) => {
    const { activityId } = parseInput(ActivityQuery, request.query);
    const definition = (await loadDefinitions(deps.db, [activityId], deps.activities)).get(activityId);
    // Communication 2.5: an Activity the LRS holds no definition for is still answered, with its id.
    const activity: Json = { objectType: 'Activity', id: activityId };
    if (definition && Object.keys(definition).length > 0) activity['definition'] = definition;
    return activity;
  });
}

function parseAgent(raw: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new StatementError(400, 'agent: must be a JSON Agent object');
  }
  const check = checkAgent(parsed, 'agent');
  if (!check.ok) throw new StatementError(400, `${check.path}: ${check.message}`);
  return parsed as Json;
}

/**
 * The Person behind an Agent (Communication 2.4): every identifier and name the hub knows for them. A learner
 * enrolled here is known by account and email both; names also come from the agent's recent statements. An agent
 * the hub has never seen is answered with what the request itself said.
 */
async function person(db: HubDb, agent: Json, ifi: string): Promise<Json> {
  const names = new Set<string>();
  const ids = { mbox: new Set<string>(), mbox_sha1sum: new Set<string>(), openid: new Set<string>() };
  const accounts = new Map<string, Json>();
  const addAgent = (a: Json): void => {
    if (typeof a['name'] === 'string') names.add(a['name']);
    for (const key of ['mbox', 'mbox_sha1sum', 'openid'] as const)
      if (typeof a[key] === 'string') ids[key].add(a[key]);
    const account = a['account'] as Json | undefined;
    if (account) accounts.set(`${String(account['homePage'])}|${String(account['name'])}`, account);
  };
  addAgent(agent);
  const learner = await findLearner(db, ifi);
  if (learner) {
    addAgent({
      name: learner.name,
      mbox: `mailto:${learner.email}`,
      account: { homePage: LEARNER_ACCOUNT_HOME, name: learner.id },
    });
  }
  const recent = await newestOfActors(learner ? learnerIfis(learner) : [ifi], NAME_SAMPLE, (actor) =>
    db
      .select({
        stored: statements.stored,
        seq: statements.seq,
        name: sql<string | null>`${statements.statement}->'actor'->>'name'`,
      })
      .from(statements)
      .where(actor)
      .orderBy(...arrivalOrder(false))
      .limit(NAME_SAMPLE),
  );
  for (const row of recent) if (row.name) names.add(row.name);
  const out: Json = { objectType: 'Person' };
  if (names.size > 0) out['name'] = [...names];
  for (const [key, values] of Object.entries(ids)) if (values.size > 0) out[key] = [...values];
  if (accounts.size > 0) out['account'] = [...accounts.values()];
  return out;
}

async function findLearner(db: HubDb, ifi: string) {
  const accountPrefix = `account:${LEARNER_ACCOUNT_HOME}|`;
  const where = ifi.startsWith(accountPrefix)
    ? eq(learners.id, ifi.slice(accountPrefix.length))
    : ifi.startsWith('mbox:mailto:')
      ? eq(learners.email, ifi.slice('mbox:mailto:'.length))
      : null;
  if (!where) return null;
  const [row] = await db.select().from(learners).where(where).limit(1);
  return row ?? null;
}
