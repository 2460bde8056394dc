/** The sync engine's timing: how long to wait after failures, and between healthy runs. */
export const SYNC_INTERVAL_MS = 5 * 60_000;
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * The wait before the next attempt after `failures` failed attempts in a row: exponential, capped, with
 * "equal jitter" (half fixed, half random) so devices that failed together don't return together, yet none
 * retries at once. `random` is injectable for tests; a server's Retry-After is a floor.
 */
export function backoffDelay(
  failures: number,
  options: { random?: () => number; retryAfterMs?: number; baseMs?: number; capMs?: number } = {},
): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const cap = options.capMs ?? BACKOFF_CAP_MS;
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const ceiling = Math.min(cap, base * 2 ** exponent);
  const delay = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(delay, Math.min(options.retryAfterMs ?? 0, cap * 2));
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or bad. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
