import { randomUUID } from 'node:crypto';
import { XAPI_VERSION } from '../../src-shared/xapi/statements';
import { checkStatement } from '../../src-shared/xapi/validate';
import { storableTimestamp, TIMESTAMP_RANGE_MESSAGE } from '../../src-shared/hub/time-range';
import { MAX_INDEXED_BYTES, utf8Bytes } from '../http/storable';
import { indexStatement, type StatementIndex } from './agents';
import { claimAttachments } from './attachments';
import { withContextActivityArrays } from './normalize';
import { StatementError, type Writer } from './statement-error';
import type { AttachmentPart } from './upload';

type Json = Record<string, unknown>;

export interface Prepared {
  id: string;
  /** `[3].` in a batch, '' for a single statement: the prefix of every problem's path. */
  where: string;
  statement: Json;
  /** As sent (with its id), for comparing with a stored statement of the same id. */
  sent: Json;
  index: StatementIndex;
  timestamp: Date;
  /** The hashes of the request's attachment parts this statement brought. */
  attachmentHashes: string[];
}

/**
 * Checks one statement against the spec, this hub's storage limits and the writer's rights, and fills in what
 * the LRS sets. Throws a StatementError naming the property at fault.
 */
export function prepareStatement(
  raw: unknown,
  where: string,
  writer: Writer,
  stored: string,
  parts: Map<string, AttachmentPart> | null,
): Prepared {
  const check = checkStatement(raw);
  if (!check.ok) throw new StatementError(400, `${where}${check.path}: ${check.message}`);
  const statement: Json = { ...withContextActivityArrays(raw as Json) };
  const attachmentHashes = claimAttachments(statement, where, parts);
  const id = typeof statement['id'] === 'string' ? statement['id'].toLowerCase() : randomUUID();
  statement['id'] = id;
  const sent = { ...statement };
  const index = indexStatement(statement);
  checkWriter(statement, index, where, writer);
  checkIndexSizes(index, where);
  // §2.4.7 and §2.4.9: the LRS sets stored and authority, and fills in timestamp and version when absent.
  statement['stored'] = stored;
  statement['authority'] = writer.authority;
  statement['timestamp'] ??= stored;
  statement['version'] ??= XAPI_VERSION;
  const timestamp = storableTimestamp(statement['timestamp'] as string);
  if (timestamp === null) throw new StatementError(400, `${where}timestamp: ${TIMESTAMP_RANGE_MESSAGE}`);
  return { id, where, statement, sent, index, timestamp: new Date(timestamp), attachmentHashes };
}

/**
 * A device writes about its own learner only, as an Agent: a Group naming the learner as its identifier could
 * list anyone as members, and would then match queries about them.
 */
function checkWriter(statement: Json, index: StatementIndex, where: string, writer: Writer): void {
  if (!writer.allowedActors) return;
  if ((statement['actor'] as Json)['objectType'] === 'Group') {
    throw new StatementError(
      403,
      `${where}actor: a device records statements about its own learner as an Agent, not a Group`,
    );
  }
  if (!writer.allowedActors.includes(index.actorIfi)) {
    throw new StatementError(
      403,
      `${where}actor: this device may only record statements about its own learner`,
    );
  }
}

/** Identifiers go into B-tree and GIN indexes, whose entries PostgreSQL caps at about 2.7 KB. */
function checkIndexSizes(index: StatementIndex, where: string): void {
  const fields: [string, string[]][] = [
    ['actor', [index.actorIfi]],
    ['verb.id', [index.verbId]],
    ['object.id', index.activityId ? [index.activityId] : []],
    ['actor or object', index.agents],
    ['an agent in authority, context or a sub-statement', index.relatedAgents],
    ['an activity id in context or a sub-statement', index.relatedActivities],
  ];
  for (const [field, values] of fields) {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so only long values need counting.
    if (
      values.some((value) => value.length * 3 > MAX_INDEXED_BYTES && utf8Bytes(value) > MAX_INDEXED_BYTES)
    ) {
      throw new StatementError(
        400,
        `${where}${field}: an identifier is longer than the ${MAX_INDEXED_BYTES.toLocaleString('en')} bytes this hub stores`,
      );
    }
  }
}
