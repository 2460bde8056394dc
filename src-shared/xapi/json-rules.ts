/** The JSON-shape checks xAPI's rules are built from, each failing with the path of the value at fault. */
export class Invalid extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An absolute IRI: a scheme, a colon, and no whitespace (RFC 3987 in the large). */
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
/** RFC 5646 in its common shape: a primary subtag and further subtags of up to eight letters or digits. */
export const LANGUAGE_TAG = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
/** ISO 8601 date-time with a time zone (§4.5: a timestamp must be unambiguous). */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** True for an xAPI UUID in any case. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Epoch milliseconds of a valid xAPI timestamp, or null. */
export function parseTimestamp(value: string): number | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  // §4.5: "-00:00" is the RFC 3339 spelling of an unknown offset, which an xAPI timestamp may not be.
  if (match[8] === '-00:00' || match[8] === '-0000' || match[8] === '-00') return null;
  const [year, month, day, hour, minute, second] = [
    match[1],
    match[2],
    match[3],
    match[4],
    match[5],
    match[6],
  ].map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  // ISO 8601 allows offsets as ±HH, ±HHMM and ±HH:MM; Date.parse reads only some of them.
  const offset = match[8] ?? 'Z';
  const zone = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.length > 3 ? offset.slice(-2) : '00'}`;
  const ms = Date.parse(`${value.slice(0, value.length - offset.length)}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

export function languageMap(value: unknown, path: string): void {
  const map = object(value, path);
  for (const [tag, text] of Object.entries(map)) {
    if (!LANGUAGE_TAG.test(tag)) fail(join(path, tag), 'is not an RFC 5646 language tag');
    if (typeof text !== 'string') fail(join(path, tag), 'must be a string');
  }
}

export function extensions(value: unknown, path: string): void {
  // Extension values may be any JSON, null included; only the keys are constrained (§2.4.9).
  for (const key of Object.keys(object(value, path))) {
    if (!IRI.test(key)) fail(join(path, key), 'an extension key must be an IRI');
  }
}

export function timestamp(value: unknown, path: string): void {
  if (typeof value !== 'string' || parseTimestamp(value) === null) {
    fail(path, 'must be an ISO 8601 date and time with a time zone, such as 2026-11-25T15:00:00.000Z');
  }
}

export function iri(value: unknown, path: string): string {
  if (typeof value !== 'string' || !IRI.test(value)) fail(path, 'must be an absolute IRI');
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

export function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path || '(statement)', 'must be a JSON object');
  return value as Json;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

export function required(o: Json, key: string, path: string): unknown {
  if (o[key] === undefined) fail(join(path, key), 'is required');
  return o[key];
}

export function only(o: Json, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(join(path, key), 'is not an allowed property here');
  }
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function fail(path: string, message: string): never {
  throw new Invalid(path, message);
}
