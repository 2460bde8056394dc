import { z } from 'zod';
import { parseTimestamp } from '../../src-shared/xapi/validate';

/**
 * What PostgreSQL cannot hold, caught at the door so it is a 400 naming the field rather than a 500 from the
 * database: U+0000 in text or jsonb, unpaired UTF-16 surrogates in jsonb, timestamps outside the years both
 * ISO 8601's four-digit form and node-postgres agree on, and index entries over the ~2.7 KB a B-tree row holds.
 */

/** Where the first unstorable string is in a parsed JSON value (`actor.name`, `[3].verb.id`), or null. */
export function unstorableText(value: unknown, path = ''): { path: string; problem: string } | null {
  if (typeof value === 'string') return textProblem(value, path);
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const found = textProblem(key, at) ?? unstorableText(item, at);
    if (found) return found;
  }
  return null;
}

/** U+0000 and unpaired surrogates: legal in JSON text, refused by PostgreSQL's text and jsonb. */
export function textProblem(text: string, path: string): { path: string; problem: string } | null {
  if (text.includes('\u0000'))
    return { path: path || '(body)', problem: 'contains U+0000, which is not stored' };
  if (!isWellFormed(text))
    return { path: path || '(body)', problem: 'contains an unpaired UTF-16 surrogate, which is not stored' };
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const EARLIEST_MS = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** `ms` moved into the range the database holds (for widened query bounds, never for stored values). */
export function clampToStorable(ms: number): Date {
  return new Date(Math.min(LATEST_MS, Math.max(EARLIEST_MS, ms)));
}

/** A calendar date, `YYYY-MM-DD`, that exists (no 30 February) and that the database can hold. */
export const StorableDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value && ms >= EARLIEST_MS;
  }, 'is not a real date between the years 0001 and 9999');

/** Epoch milliseconds of an xAPI timestamp the database can hold (years 0001 to 9999 in UTC), or null. */
export function storableTimestamp(value: string): number | null {
  const ms = parseTimestamp(value);
  return ms !== null && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : null;
}

export const TIMESTAMP_RANGE_MESSAGE =
  'must be an ISO 8601 timestamp with a time zone, between the years 0001 and 9999';

/** A query or body timestamp, refused with a 400 unless the database can hold it. */
export const StorableTimestamp = z
  .string()
  .refine((value) => storableTimestamp(value) !== null, TIMESTAMP_RANGE_MESSAGE);

/**
 * The longest identifier (IRI, account, mbox) this hub indexes, in UTF-8 bytes. A PostgreSQL B-tree entry holds
 * about 2,700 bytes; real IRIs are a few hundred.
 */
export const MAX_INDEXED_BYTES = 2_000;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
