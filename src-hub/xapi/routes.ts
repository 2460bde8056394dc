import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { XAPI_VERSION } from '../../src-shared/xapi/statements';
import { isUuid } from '../../src-shared/xapi/validate';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { boundaryOf } from '../http/multipart';
import { parseInput } from '../http/validate';
import { learnerIfis } from './agents';
import type { ActivityCache } from './activity-store';
import { registerLookups } from './lookups';
import { registerStatementReads } from './statement-reads';
import { StatementError, storeStatements, type StoreOptions, type Writer } from './store';
import { issueForCompletions } from '../credentials/issue';
import { requestOrigin } from '../credentials/origin';
import { readStatementUpload, StatementUpload, type AttachmentPart } from './upload';

/** The homePage of the accounts in `authority`: each hub credential vouches for what it sends. */
export const AUTHORITY_HOME = 'https://advocate.studio/hub/credentials';
/**
 * How far back from now the result set is certainly complete. Statements are stamped `stored` just before their
 * transaction commits; concurrent transactions on other instances may land a little later than their stamp.
 */
const SETTLE_MS = 5_000;

const PutQuery = z.strictObject({ statementId: z.string().refine(isUuid, 'must be a UUID') });

export interface XapiRouteDeps {
  db: HubDb;
  now: () => Date;
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  activities: ActivityCache;
  /** The largest statements part of a multipart request: the JSON body limit. */
  maxJsonBytes: number;
  /** The largest multipart/mixed statement request, attachments included. */
  maxMultipartBytes: number;
  /** The hub's public address (its did:web and status lists); null: the address the request reached. */
  publicUrl: string | null;
}

/** The statements resource, the Agents and Activities resources, and /about (xAPI 2.0 Communication 2). */
export function registerXapiRoutes(app: FastifyInstance, deps: XapiRouteDeps): void {
  const { db, now, guard } = deps;
  /** A device's learner earns the company's credential for each course completion it sends. */
  const issuing = (request: FastifyRequest, at: Date): StoreOptions['onStored'] => {
    const learner = request.principal?.learner;
    if (!learner) return undefined;
    const publicUrl = deps.publicUrl ?? requestOrigin(request);
    return async (tx, added) => {
      await issueForCompletions(
        tx,
        added.map((p) => ({
          id: p.id,
          statement: p.statement,
          activityId: p.index.activityId,
          verbId: p.index.verbId,
        })),
        learner,
        publicUrl,
        at,
      );
    };
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/') || request.method === 'OPTIONS') return;
    reply.header('x-experience-api-version', XAPI_VERSION);
    // Communication 2.1.3: on every response of the statements resource, refusals included.
    if (request.url === '/xapi/statements' || request.url.startsWith('/xapi/statements?')) {
      reply.header(
        'x-experience-api-consistent-through',
        new Date(now().getTime() - SETTLE_MS).toISOString(),
      );
    }
    if (request.url.startsWith('/xapi/about')) return;
    const version = request.headers['x-experience-api-version'];
    // Communication 3.3: every request but /about names the version; 2.0 LRSs may accept 1.0.x clients too.
    if (typeof version !== 'string' || !/^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/.test(version)) {
      return reply.code(400).send({
        error: 'bad_version',
        message: 'Send the X-Experience-API-Version header: 2.0.0 (1.0.x is accepted too).',
      });
    }
  });

  app.get('/xapi/about', async () => ({ version: [XAPI_VERSION, '1.0.3'], extensions: {} }));

  // Statements may come as multipart/mixed with attachments (Communication 1.5.2), only here, up to their own
  // larger limit. Such a body is read only once its credential is known, so no stranger makes the hub buffer
  // 32 MiB; a JSON batch is read first, as before, so a credential check slowed by load never stalls reading it
  // into a 408.
  const beforeBody = async (request: FastifyRequest, reply: FastifyReply) => {
    if (/^multipart\//i.test(request.headers['content-type'] ?? '')) return guard(request, reply);
  };
  const afterBody = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.principal) return guard(request, reply);
  };
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'multipart/mixed',
      { parseAs: 'buffer', bodyLimit: deps.maxMultipartBytes },
      (request, body, done) => {
        try {
          done(
            null,
            readStatementUpload(
              body as Buffer,
              boundaryOf(request.headers['content-type']),
              deps.maxJsonBytes,
            ),
          );
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );

    scope.post(
      '/xapi/statements',
      { onRequest: beforeBody, preHandler: afterBody },
      async (request, reply) => {
        const { statements, parts } = uploaded(request.body);
        const batch = Array.isArray(statements) ? statements : [statements];
        const at = now();
        const ids = await storeStatements(db, batch, writerFor(request.principal), at, {
          parts,
          activities: deps.activities,
          onStored: issuing(request, at),
        });
        return reply.code(200).send(ids);
      },
    );

    scope.put(
      '/xapi/statements',
      { onRequest: beforeBody, preHandler: afterBody },
      async (request, reply) => {
        const query = parseInput(PutQuery, request.query);
        const { statements, parts } = uploaded(request.body);
        if (typeof statements !== 'object' || statements === null || Array.isArray(statements)) {
          throw new StatementError(400, '(statement): PUT takes a single statement object');
        }
        const statement = statements as Record<string, unknown>;
        if (
          statement['id'] !== undefined &&
          String(statement['id']).toLowerCase() !== query.statementId.toLowerCase()
        ) {
          throw new StatementError(400, 'id: does not match the statementId parameter');
        }
        const at = now();
        await storeStatements(
          db,
          [{ ...statement, id: query.statementId }],
          writerFor(request.principal),
          at,
          {
            parts,
            activities: deps.activities,
            onStored: issuing(request, at),
          },
        );
        return reply.code(204).send();
      },
    );
  });

  registerStatementReads(app, { db, guard, activities: deps.activities });
  registerLookups(app, { db, guard, activities: deps.activities });
}

function uploaded(body: unknown): { statements: unknown; parts: Map<string, AttachmentPart> | null } {
  return body instanceof StatementUpload
    ? { statements: body.statements, parts: body.parts }
    : { statements: body, parts: null };
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
