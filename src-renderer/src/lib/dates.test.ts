import { describe, expect, it } from 'vitest';
import { absoluteDate, absoluteDay, absoluteTime, relativeDay, relativeTime } from './dates';

describe('one date style', () => {
  const now = new Date(2026, 10, 30, 15, 45, 0);
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('says recent moments relatively and older ones as a date', () => {
    expect(relativeTime(ago(10_000), now, 'en-GB')).toBe('just now');
    expect(relativeTime(ago(2 * 60_000), now, 'en-GB')).toBe('2 min ago');
    expect(relativeTime(ago(3 * 3_600_000), now, 'en-GB')).toBe('3 h ago');
    expect(relativeTime(new Date(2026, 10, 29, 23, 0).toISOString(), now, 'en-GB')).toBe('yesterday');
    expect(relativeTime(new Date(2026, 10, 2, 9, 0).toISOString(), now, 'en-GB')).toBe('2 Nov');
    expect(relativeTime(new Date(2025, 0, 5, 9, 0).toISOString(), now, 'en-GB')).toBe('5 Jan 2025');
  });

  it('gives the exact moment for hovering', () => {
    expect(absoluteTime(new Date(2026, 10, 30, 15, 45).toISOString(), 'en-GB')).toBe(
      '30 November 2026 at 15:45',
    );
  });

  it('says a day without a time of day as today, yesterday or a date, never as hours ago', () => {
    expect(relativeDay('2026-11-30', now, 'en-GB')).toBe('today');
    expect(relativeDay('2026-11-29', now, 'en-GB')).toBe('yesterday');
    expect(relativeDay('2026-11-02', now, 'en-GB')).toBe('2 Nov');
    expect(relativeDay('2025-01-05', now, 'en-GB')).toBe('5 Jan 2025');
    expect(absoluteDay('2025-01-05', 'en-GB')).toBe('5 January 2025');
  });

  it('keeps a document date fixed as days pass', () => {
    expect(absoluteDate(new Date(2026, 10, 30, 15, 45).toISOString(), 'en-GB')).toBe('30 November 2026');
  });
});
