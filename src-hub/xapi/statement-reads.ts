import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../src-shared/xapi/validate';
import { StorableTimestamp, storableTimestamp } from '../../src-shared/hub/time-range';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { parseInput } from '../http/validate';
import { ifiOf, learnerIfis } from './agents';
import { loadAttachmentBytes } from './attachment-store';
import { loadDefinitions, type ActivityCache } from './activity-store';
import { activityIds, canonicalFormat, idsFormat } from './format';
import { parseAcceptLanguage } from './language';
import { attachmentsOf, declaredAttachments, multipartAnswer } from './multipart-response';
import { withContextActivityArrays } from './normalize';
import {
  ARRIVAL_CURSOR,
  arrivalOf,
  findStatement,
  findStatements,
  formatArrival,
  parseArrival,
  type ArrivalCursor,
  type StatementFilter,
  type StoredStatement,
} from './query';
import { StatementError } from './statement-error';

type Json = Record<string, unknown>;

const MAX_PAGE = 500;
/** With attachments=true a page ends once its attachments pass this size; `more` leads to the rest. */
const MAX_ATTACHMENT_PAGE_BYTES = 64 * 1024 * 1024;

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
  /** The `more` cursor (ours, not the spec's): where the previous page's last statement arrived. */
  after: z
    .string()
    .regex(ARRIVAL_CURSOR, 'must be the cursor of a more link')
    .transform(parseArrival)
    .optional(),
});
type StatementsQuery = z.infer<typeof StatementsQuery>;

export interface StatementReadDeps {
  db: HubDb;
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  activities: ActivityCache;
}

/** GET (and HEAD) /xapi/statements: one statement by id, or a filtered page (Communication 2.1.3). */
export function registerStatementReads(app: FastifyInstance, deps: StatementReadDeps): void {
  app.get('/xapi/statements', { preHandler: deps.guard }, async (request, reply) => {
    const query = parseInput(StatementsQuery, request.query);
    const principal = request.principal as Principal;
    const actorIn = principal.learner ? learnerIfis(principal.learner) : null;
    if (query.statementId !== undefined || query.voidedStatementId !== undefined) {
      return sendOne(request, reply, query, actorIn, deps);
    }
    const page = await findStatements(deps.db, toFilter(query, actorIn));
    const { rows, next } = query.attachments
      ? fitAttachments(page.statements, page.next)
      : { rows: page.statements, next: page.next };
    const more = next === null ? '' : moreUrl(request.query as Record<string, string>, next);
    const statements = rows.map((row) => row.statement);
    const json = { statements: await present(statements, query, request, deps), more };
    return send(reply, json, statements, query.attachments === true, deps.db);
  });
}

async function sendOne(
  request: FastifyRequest,
  reply: FastifyReply,
  query: StatementsQuery,
  actorIn: string[] | null,
  deps: StatementReadDeps,
): Promise<FastifyReply> {
  const others = Object.keys(query).filter(
    (key) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(key),
  );
  // Communication 2.1.3: with statementId or voidedStatementId, only attachments and format may be given.
  if (others.length > 0 || (query.statementId && query.voidedStatementId)) {
    throw new StatementError(
      400,
      `${others[0] ?? 'voidedStatementId'}: not allowed with statementId or voidedStatementId`,
    );
  }
  const id = (query.statementId ?? query.voidedStatementId) as string;
  const statement = await findStatement(deps.db, id, query.voidedStatementId !== undefined, actorIn);
  if (!statement) {
    return reply.code(404).send({ error: 'not_found', message: `No statement ${id} that you may read.` });
  }
  reply.header('last-modified', new Date(statement['stored'] as string).toUTCString());
  const [presented] = await present([statement], query, request, deps);
  return send(reply, presented, [statement], query.attachments === true, deps.db);
}

/** Data 2.4.6.2 arrays, then the format asked for (Communication 2.1.3 `format`). */
async function present(
  statements: Json[],
  query: StatementsQuery,
  request: FastifyRequest,
  deps: StatementReadDeps,
): Promise<Json[]> {
  const normal = statements.map(withContextActivityArrays);
  if (query.format === 'ids') return normal.map(idsFormat);
  if (query.format !== 'canonical') return normal;
  const definitions = await loadDefinitions(deps.db, normal.flatMap(activityIds), deps.activities);
  const ranges = parseAcceptLanguage(request.headers['accept-language']);
  return normal.map((statement) => canonicalFormat(statement, definitions, ranges));
}

/** JSON, or with attachments=true multipart/mixed carrying the bytes that came with these statements. */
async function send(
  reply: FastifyReply,
  json: unknown,
  statements: Json[],
  attachments: boolean,
  db: HubDb,
): Promise<FastifyReply> {
  if (!attachments) return reply.send(json);
  const bytes = await loadAttachmentBytes(
    db,
    statements.map((statement) => statement['id'] as string),
  );
  const answer = multipartAnswer(json, attachmentsOf(statements, bytes));
  return reply.type(answer.contentType).send(answer.body);
}

/** Ends a page early once its attachments' declared sizes pass the limit (at least one statement per page). */
function fitAttachments(
  rows: StoredStatement[],
  next: ArrivalCursor | null,
): { rows: StoredStatement[]; next: ArrivalCursor | null } {
  let bytes = 0;
  for (const [i, row] of rows.entries()) {
    bytes += declaredAttachments(row.statement).reduce((sum, a) => sum + a.length, 0);
    if (bytes > MAX_ATTACHMENT_PAGE_BYTES && i > 0)
      return { rows: rows.slice(0, i), next: arrivalOf(rows[i - 1]) };
  }
  return { rows, next };
}

function toFilter(query: StatementsQuery, actorIn: string[] | null): StatementFilter {
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

/** A relative IRL holding the whole query, so any instance can serve the next page (Data 2.5 `more`). */
function moreUrl(query: Record<string, string>, after: ArrivalCursor): string {
  const params = new URLSearchParams({ ...query, after: formatArrival(after) });
  return `/xapi/statements?${params.toString()}`;
}
