import { createHash } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { HubDb } from '../db/open';
import { xapiDocuments, type XapiDocumentKind } from '../db/schema/index';
import { parseJsonBody } from '../http/json-body';

/** How xAPI documents are kept: ETags, preconditions (Communication 3.1), replace and merge, in transactions. */

export class DocumentError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Which documents: everything but the id. Unused parts are ''. */
export interface Scope {
  kind: XapiDocumentKind;
  activityId: string;
  agentIfi: string;
  registration: string;
}

export type Key = Scope & { documentId: string };

export interface Body {
  contentType: string;
  content: Buffer;
}

export function isJson(contentType: string): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType);
}

export interface Preconditions {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  /** A replace of an existing document must name what it replaces. */
  requireHeaderIfExists: boolean;
}

/** `*` or a list of entity tags (weak ones compared by their opaque part), per RFC 9110 §13.1.1–2. */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}

function checkPreconditions(conditions: Preconditions, existing: { etag: string } | undefined): void {
  if (conditions.ifMatch !== undefined && (!existing || !etagMatches(conditions.ifMatch, existing.etag))) {
    throw new DocumentError(
      412,
      'precondition_failed',
      existing ? 'If-Match: the document has changed since that ETag' : 'If-Match: there is no such document',
    );
  }
  if (
    conditions.ifNoneMatch !== undefined &&
    existing &&
    etagMatches(conditions.ifNoneMatch, existing.etag)
  ) {
    throw new DocumentError(412, 'precondition_failed', 'If-None-Match: the document already exists');
  }
  if (
    conditions.requireHeaderIfExists &&
    existing &&
    conditions.ifMatch === undefined &&
    conditions.ifNoneMatch === undefined
  ) {
    throw new DocumentError(
      409,
      'conflict',
      'The document exists and was left as it is: GET it to check its current state, then send If-Match with its ETag to replace it (or If-None-Match: * to create only if absent)',
    );
  }
}

export function scopeWhere(scope: Scope) {
  return and(
    eq(xapiDocuments.kind, scope.kind),
    eq(xapiDocuments.activityId, scope.activityId),
    eq(xapiDocuments.agentIfi, scope.agentIfi),
    eq(xapiDocuments.registration, scope.registration),
  );
}

export function keyWhere(key: Key) {
  return and(scopeWhere(key), eq(xapiDocuments.documentId, key.documentId));
}

export function documentEtag(content: Buffer): string {
  return `"${createHash('sha256').update(content).digest('hex')}"`;
}

export async function listDocumentIds(db: HubDb, scope: Scope, since: Date | undefined): Promise<string[]> {
  const rows = await db
    .select({ id: xapiDocuments.documentId })
    .from(xapiDocuments)
    .where(since ? and(scopeWhere(scope), gt(xapiDocuments.updated, since)) : scopeWhere(scope))
    .orderBy(asc(xapiDocuments.documentId));
  return rows.map((row) => row.id);
}

/** Replaces (PUT) or merges into (POST) one document, checking preconditions against the row it locks. */
export async function writeDocument(
  db: HubDb,
  key: Key,
  body: Body,
  conditions: Preconditions,
  options: { now: Date; credentialKey: string; merge: boolean },
): Promise<void> {
  let posted: Record<string, unknown> | null = null;
  if (options.merge) posted = jsonObject(body, 'the posted document');
  // Two first writes of one document may both find nothing; the loser tries again, now over the winner's row.
  if (await writeOnce(db, key, body, posted, conditions, options)) return;
  if (!(await writeOnce(db, key, body, posted, conditions, options))) {
    throw new DocumentError(409, 'conflict', 'The document changed during the write; retry');
  }
}

/** One try in one transaction; false when another request created the document after this one looked. */
async function writeOnce(
  db: HubDb,
  key: Key,
  body: Body,
  posted: Record<string, unknown> | null,
  conditions: Preconditions,
  options: { now: Date; credentialKey: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({
        etag: xapiDocuments.etag,
        contentType: xapiDocuments.contentType,
        content: xapiDocuments.content,
      })
      .from(xapiDocuments)
      .where(keyWhere(key))
      .for('update');
    checkPreconditions(conditions, existing);
    let { contentType, content } = body;
    if (posted && existing) {
      const stored = jsonObject(existing, 'the stored document');
      contentType = 'application/json';
      content = Buffer.from(JSON.stringify({ ...stored, ...posted }));
    }
    const values = {
      contentType,
      content,
      etag: documentEtag(content),
      updated: options.now,
      credentialKey: options.credentialKey,
    };
    if (existing) {
      await tx.update(xapiDocuments).set(values).where(keyWhere(key));
      return true;
    }
    const inserted = await tx
      .insert(xapiDocuments)
      .values({ ...key, ...values })
      .onConflictDoNothing()
      .returning({ etag: xapiDocuments.etag });
    return inserted.length > 0;
  });
}

export async function deleteDocument(db: HubDb, key: Key, conditions: Preconditions): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ etag: xapiDocuments.etag })
      .from(xapiDocuments)
      .where(keyWhere(key))
      .for('update');
    checkPreconditions(conditions, existing);
    if (existing) await tx.delete(xapiDocuments).where(keyWhere(key));
  });
}

/** §4.1.6.2: a merge needs both documents to be application/json objects; anything else is 400. */
function jsonObject(document: Body, what: string): Record<string, unknown> {
  if (!isJson(document.contentType)) {
    throw new DocumentError(
      400,
      'not_json',
      `${what}: POST merges JSON objects only (Content-Type application/json)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parseJsonBody(document.content);
  } catch {
    throw new DocumentError(400, 'not_json', `${what}: is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DocumentError(400, 'not_json', `${what}: POST merges JSON objects only`);
  }
  return parsed as Record<string, unknown>;
}
