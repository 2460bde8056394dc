import { z } from 'zod';
import { parseTimestamp } from '../xapi/validate';

/**
 * The instants the hub's database holds: PostgreSQL's timestamptz reaches further, but ISO 8601's four-digit
 * years and node-postgres agree on 0001 to 9999 only. Anything outside is a 400, never a 500 from the database.
 */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

export const TIMESTAMP_RANGE_MESSAGE =
  'must be an ISO 8601 timestamp with a time zone, between the years 0001 and 9999';

/** Epoch milliseconds of an xAPI timestamp the database can hold, or null. */
export function storableTimestamp(value: string): number | null {
  const ms = parseTimestamp(value);
  return ms !== null && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms : null;
}

/** A timestamp in a query or a body, refused unless the database can hold it. */
export const StorableTimestamp = z
  .string()
  .refine((value) => storableTimestamp(value) !== null, TIMESTAMP_RANGE_MESSAGE);

/** A calendar date, `YYYY-MM-DD`, that exists (no 30 February) and that the database can hold. */
export const StorableDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value && ms >= EARLIEST_MS;
  }, 'is not a real date between the years 0001 and 9999');

/** `ms` moved into the range the database holds: for widened query bounds, never for stored values. */
export function clampToStorable(ms: number): Date {
  return new Date(Math.min(LATEST_MS, Math.max(EARLIEST_MS, ms)));
}
