import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUuid } from '../../src-shared/xapi/validate';
import { StorableTimestamp, storableTimestamp } from '../../src-shared/hub/time-range';
import { MAX_INDEXED_BYTES, utf8Bytes } from '../http/storable';
import type { Principal } from '../auth/credentials';
import type { HubDb } from '../db/open';
import { xapiDocuments, type XapiDocumentKind } from '../db/schema/index';
import { parseJsonBody } from '../http/json-body';
import {
  deleteDocument,
  DocumentError,
  etagMatches,
  isJson,
  keyWhere,
  listDocumentIds,
  scopeWhere,
  writeDocument,
  type Body,
  type Preconditions,
  type Scope,
} from './document-store';
import { parseInput } from '../http/validate';
import { ifiOf, learnerIfis } from './agents';

/**
 * The xAPI 2.0 document resources (Part Three §4.1.6.2 State, §4.1.6.3 Agent Profile, §4.1.6.5 Activity Profile):
 * opaque documents of any content type, keyed by activity, agent, registration and id, with ETags for
 * optimistic concurrency and a JSON merge on POST.
 */

const Required = z.string({ error: 'is required' }).min(1, 'must not be empty');
const Uuid = z.string().refine(isUuid, 'must be a UUID');

const StateQuery = z.strictObject({
  activityId: Required,
  agent: Required,
  registration: Uuid.optional(),
  stateId: Required.optional(),
  since: StorableTimestamp.optional(),
});
const ActivityProfileQuery = z.strictObject({
  activityId: Required,
  profileId: Required.optional(),
  since: StorableTimestamp.optional(),
});
const AgentProfileQuery = z.strictObject({
  agent: Required,
  profileId: Required.optional(),
  since: StorableTimestamp.optional(),
});

interface ResourceSpec {
  kind: XapiDocumentKind;
  path: string;
  idParam: 'stateId' | 'profileId';
}

const RESOURCES: ResourceSpec[] = [
  { kind: 'state', path: '/xapi/activities/state', idParam: 'stateId' },
  { kind: 'activity-profile', path: '/xapi/activities/profile', idParam: 'profileId' },
  { kind: 'agent-profile', path: '/xapi/agents/profile', idParam: 'profileId' },
];

interface Addressed {
  scope: Scope;
  documentId: string | undefined;
  since: Date | undefined;
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function registerDocumentRoutes(
  app: FastifyInstance,
  deps: { db: HubDb; now: () => Date; guard: Guard },
): void {
  const { db, now, guard } = deps;
  // Documents are any content type: in this plugin's own context, every body arrives as bytes (the hub's body
  // limit still applies), and JSON is parsed only where a merge needs it.
  void app.register(async (documents) => {
    documents.removeAllContentTypeParsers();
    documents.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    for (const spec of RESOURCES) {
      documents.put(spec.path, { preHandler: guard }, async (request, reply) => {
        const at = address(spec, request, 'write');
        const documentId = requireId(spec, at);
        const body = bodyOf(request);
        if (isJson(body.contentType)) parseJsonBody(body.content);
        // Communication 3.1 (2.0): a PUT over any existing document, State included, must name what it replaces.
        await writeDocument(db, { ...at.scope, documentId }, body, preconditions(request, true), {
          now: now(),
          credentialKey: (request.principal as Principal).key,
          merge: false,
        });
        return reply.code(204).send();
      });

      documents.post(spec.path, { preHandler: guard }, async (request, reply) => {
        const at = address(spec, request, 'write');
        const documentId = requireId(spec, at);
        const body = bodyOf(request);
        await writeDocument(db, { ...at.scope, documentId }, body, preconditions(request, false), {
          now: now(),
          credentialKey: (request.principal as Principal).key,
          merge: true,
        });
        return reply.code(204).send();
      });

      documents.get(spec.path, { preHandler: guard }, async (request, reply) => {
        const at = address(spec, request, 'read');
        if (at.documentId === undefined) {
          const ids = await listDocumentIds(db, at.scope, at.since);
          return reply.type('application/json').send(ids);
        }
        if (at.since) throw new DocumentError(400, 'bad_request', `since: not allowed with ${spec.idParam}`);
        const [row] = await db
          .select()
          .from(xapiDocuments)
          .where(keyWhere({ ...at.scope, documentId: at.documentId }))
          .limit(1);
        if (!row) {
          return reply
            .code(404)
            .send({ error: 'not_found', message: `No document with ${spec.idParam} ${at.documentId}.` });
        }
        reply.header('etag', row.etag).header('last-modified', row.updated.toUTCString());
        const ifNoneMatch = request.headers['if-none-match'];
        if (typeof ifNoneMatch === 'string' && etagMatches(ifNoneMatch, row.etag))
          return reply.code(304).send();
        return reply.type(row.contentType).send(row.content);
      });

      documents.delete(spec.path, { preHandler: guard }, async (request, reply) => {
        const at = address(spec, request, 'write');
        if (at.since) throw new DocumentError(400, 'bad_request', 'since: only for GET');
        if (at.documentId === undefined) {
          if (spec.kind !== 'state') {
            throw new DocumentError(400, 'bad_request', `${spec.idParam}: is required`);
          }
          await db.delete(xapiDocuments).where(scopeWhere(at.scope));
        } else {
          await deleteDocument(db, { ...at.scope, documentId: at.documentId }, preconditions(request, false));
        }
        return reply.code(204).send();
      });
    }
  });
}

/** Parses and checks the query, and whether this principal may read or write those documents. */
function address(spec: ResourceSpec, request: FastifyRequest, access: 'read' | 'write'): Addressed {
  const principal = request.principal as Principal;
  let scope: Scope;
  let documentId: string | undefined;
  let since: string | undefined;
  if (spec.kind === 'state') {
    const query = parseInput(StateQuery, request.query);
    scope = {
      kind: spec.kind,
      activityId: query.activityId,
      agentIfi: agentIfi(query.agent),
      registration: query.registration?.toLowerCase() ?? '',
    };
    documentId = query.stateId;
    since = query.since;
  } else if (spec.kind === 'activity-profile') {
    const query = parseInput(ActivityProfileQuery, request.query);
    scope = { kind: spec.kind, activityId: query.activityId, agentIfi: '', registration: '' };
    documentId = query.profileId;
    since = query.since;
  } else {
    const query = parseInput(AgentProfileQuery, request.query);
    scope = { kind: spec.kind, activityId: '', agentIfi: agentIfi(query.agent), registration: '' };
    documentId = query.profileId;
    since = query.since;
  }
  checkKeySize(spec, scope, documentId);
  if (principal.role === 'device') {
    if (scope.agentIfi === '') {
      if (access === 'write')
        throw new DocumentError(403, 'forbidden', 'A device may read activity profiles but not write them.');
    } else if (!principal.learner || !learnerIfis(principal.learner).includes(scope.agentIfi)) {
      throw new DocumentError(
        403,
        'forbidden',
        "agent: this device may only use its own learner's documents",
      );
    }
  }
  return { scope, documentId, since: since ? new Date(storableTimestamp(since) ?? 0) : undefined };
}

/** A document's key is one B-tree entry, which PostgreSQL caps at about 2.7 KB. */
function checkKeySize(spec: ResourceSpec, scope: Scope, documentId: string | undefined): void {
  const bytes = [scope.activityId, scope.agentIfi, documentId ?? ''].reduce(
    (sum, part) => sum + utf8Bytes(part),
    0,
  );
  if (bytes <= MAX_INDEXED_BYTES) return;
  const names = {
    state: 'activityId, agent and stateId',
    'activity-profile': 'activityId and profileId',
    'agent-profile': 'agent and profileId',
  }[spec.kind];
  throw new DocumentError(
    400,
    'bad_request',
    `${names}: together longer than the ${MAX_INDEXED_BYTES.toLocaleString('en')} bytes this hub stores`,
  );
}

function requireId(spec: ResourceSpec, at: Addressed): string {
  if (at.since) throw new DocumentError(400, 'bad_request', 'since: only for GET');
  if (at.documentId === undefined)
    throw new DocumentError(400, 'bad_request', `${spec.idParam}: is required`);
  return at.documentId;
}

function agentIfi(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DocumentError(400, 'bad_request', 'agent: must be a JSON Agent');
  }
  const ifi = ifiOf(parsed);
  if (!ifi)
    throw new DocumentError(
      400,
      'bad_request',
      'agent: must carry one of mbox, mbox_sha1sum, openid, account',
    );
  return ifi;
}

function bodyOf(request: FastifyRequest): Body {
  const header = request.headers['content-type'];
  const contentType =
    typeof header === 'string' && header.trim() !== '' ? header.trim() : 'application/octet-stream';
  const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return { contentType, content };
}

function preconditions(request: FastifyRequest, requireHeaderIfExists: boolean): Preconditions {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  return {
    ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
    ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined,
    requireHeaderIfExists,
  };
}
