import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay, parseRetryAfter } from './backoff';

describe('backoffDelay', () => {
  it('doubles with each failure, between half and all of the ceiling', () => {
    for (const [failures, ceiling] of [
      [1, BACKOFF_BASE_MS],
      [2, BACKOFF_BASE_MS * 2],
      [4, BACKOFF_BASE_MS * 8],
    ] as const) {
      expect(backoffDelay(failures, { random: () => 0 })).toBe(ceiling / 2);
      expect(backoffDelay(failures, { random: () => 1 })).toBe(ceiling);
    }
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffDelay(1_000, { random: () => 1 })).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000, { random: () => 0 })).toBe(BACKOFF_CAP_MS / 2);
  });

  it('spreads devices that failed together (jitter)', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, { random })));
    expect(delays.size).toBeGreaterThan(40);
  });

  it("waits at least as long as the server's Retry-After", () => {
    expect(backoffDelay(1, { random: () => 0, retryAfterMs: 60_000 })).toBe(60_000);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
