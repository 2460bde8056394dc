import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { XAPI_VERSION } from '../../src-shared/xapi/statements';
import { isUuid } from '../../src-shared/xapi/validate';
import { StorableTimestamp, storableTimestamp } from '../../src-shared/hub/time-range';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { ifiOf, learnerIfis } from './agents';
import { idsFormat } from './format';
import { findStatement, findStatements, type StatementFilter } from './query';
import { StatementError, storeStatements, type Writer } from './store';

/** The homePage of the accounts in `authority`: each hub credential vouches for what it sends. */
export const AUTHORITY_HOME = 'https://advocate.studio/hub/credentials';
const MAX_PAGE = 500;
/**
 * How far back from now the result set is certainly complete. Statements are stamped `stored` just before their
 * transaction commits; concurrent transactions on other instances may land a little later than their stamp.
 */
const SETTLE_MS = 5_000;

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const Uuid = z.string().refine(isUuid, 'must be a UUID');

const StatementsQuery = z.strictObject({
  statementId: Uuid.optional(),
  voidedStatementId: Uuid.optional(),
  agent: z.string().optional(),
  verb: z.string().min(1).optional(),
  activity: z.string().min(1).optional(),
  registration: Uuid.optional(),
  since: StorableTimestamp.optional(),
  until: StorableTimestamp.optional(),
  limit: z.coerce.number().int().min(0).optional(),
  ascending: Flag.optional(),
  related_activities: Flag.optional(),
  related_agents: Flag.optional(),
  format: z.enum(['exact', 'ids', 'canonical']).optional(),
  attachments: Flag.optional(),
  /** The `more` cursor (ours, not the spec's): the arrival number of the previous page's last statement. */
  after: z.coerce.number().int().min(0).optional(),
});

const PutQuery = z.strictObject({ statementId: Uuid });

export interface XapiRouteDeps {
  db: HubDb;
  now: () => Date;
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** The statements resource and /about (xAPI 2.0 Part Three §4.1 and §4.1.6.4). */
export function registerXapiRoutes(app: FastifyInstance, deps: XapiRouteDeps): void {
  const { db, now, guard } = deps;

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/')) return;
    reply.header('x-experience-api-version', XAPI_VERSION);
    if (request.url.startsWith('/xapi/about')) return;
    const version = request.headers['x-experience-api-version'];
    // §4.1.2: every request but /about must name the version; 2.0 LRSs may accept 1.0.x clients too.
    if (typeof version !== 'string' || !/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/.test(version)) {
      return reply.code(400).send({
        error: 'bad_version',
        message: 'Send the X-Experience-API-Version header: 2.0.0 (1.0.x is accepted too).',
      });
    }
  });

  app.get('/xapi/about', async () => ({ version: [XAPI_VERSION, '1.0.3'], extensions: {} }));

  app.post('/xapi/statements', { preHandler: guard }, async (request, reply) => {
    const body = request.body;
    const batch = Array.isArray(body) ? body : [body];
    const ids = await storeStatements(db, batch, writerFor(request.principal), now());
    return reply.code(200).send(ids);
  });

  app.put('/xapi/statements', { preHandler: guard }, async (request, reply) => {
    const query = parse(PutQuery, request.query);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new StatementError(400, '(statement): PUT takes a single statement object');
    }
    const statement = body as Record<string, unknown>;
    if (
      statement['id'] !== undefined &&
      String(statement['id']).toLowerCase() !== query.statementId.toLowerCase()
    ) {
      throw new StatementError(400, 'id: does not match the statementId parameter');
    }
    await storeStatements(db, [{ ...statement, id: query.statementId }], writerFor(request.principal), now());
    return reply.code(204).send();
  });

  app.get('/xapi/statements', { preHandler: guard }, async (request, reply) => {
    const query = parse(StatementsQuery, request.query);
    const principal = request.principal as Principal;
    const actorIn = principal.learner ? learnerIfis(principal.learner) : null;
    reply.header('x-experience-api-consistent-through', new Date(now().getTime() - SETTLE_MS).toISOString());
    const single = query.statementId ?? query.voidedStatementId;
    if (single) {
      const others = Object.keys(query).filter(
        (key) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(key),
      );
      if (others.length > 0 || (query.statementId && query.voidedStatementId)) {
        throw new StatementError(
          400,
          `${others[0] ?? 'voidedStatementId'}: not allowed with statementId or voidedStatementId`,
        );
      }
      const statement = await findStatement(db, single, query.voidedStatementId !== undefined, actorIn);
      if (!statement) {
        return reply
          .code(404)
          .send({ error: 'not_found', message: `No statement ${single} that you may read.` });
      }
      return reply
        .header('last-modified', new Date(statement['stored'] as string).toUTCString())
        .send(query.format === 'ids' ? idsFormat(statement) : statement);
    }
    const filter = toFilter(query, actorIn);
    const page = await findStatements(db, filter);
    const more = page.next === null ? '' : moreUrl(request.query as Record<string, string>, page.next);
    // `canonical` would pick one language from each language map; returning them all is what `exact` does.
    const statements = query.format === 'ids' ? page.statements.map(idsFormat) : page.statements;
    return reply.send({ statements, more });
  });
}

function toFilter(query: z.infer<typeof StatementsQuery>, actorIn: string[] | null): StatementFilter {
  let agent: string | undefined;
  if (query.agent !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.agent);
    } catch {
      throw new StatementError(400, 'agent: must be a JSON Agent or identified Group');
    }
    agent = ifiOf(parsed) ?? undefined;
    if (!agent) throw new StatementError(400, 'agent: must carry one of mbox, mbox_sha1sum, openid, account');
    if (actorIn && !actorIn.includes(agent)) {
      throw new StatementError(403, "agent: this device may only read its own learner's statements");
    }
  }
  return {
    agent,
    verb: query.verb,
    activity: query.activity,
    registration: query.registration,
    since: query.since ? new Date(storableTimestamp(query.since) ?? 0) : undefined,
    until: query.until ? new Date(storableTimestamp(query.until) ?? 0) : undefined,
    relatedActivities: query.related_activities ?? false,
    relatedAgents: query.related_agents ?? false,
    ascending: query.ascending ?? false,
    limit: query.limit === undefined || query.limit === 0 ? MAX_PAGE : Math.min(query.limit, MAX_PAGE),
    after: query.after,
    actorIn,
  };
}

/** A relative IRL holding the whole query, so any instance can serve the next page (§4.2.3 `more`). */
function moreUrl(query: Record<string, string>, after: number): string {
  const params = new URLSearchParams({ ...query, after: String(after) });
  return `/xapi/statements?${params.toString()}`;
}

function writerFor(principal: Principal | null): Writer {
  if (!principal) throw new Error('the statements routes run behind the credential guard');
  return {
    authority: {
      objectType: 'Agent',
      name: principal.name,
      account: { homePage: AUTHORITY_HOME, name: principal.key },
    },
    credentialKey: principal.key,
    allowedActors: principal.learner ? learnerIfis(principal.learner) : null,
  };
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(query)');
    throw new StatementError(400, `${path}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
