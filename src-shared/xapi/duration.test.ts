import { describe, expect, it } from 'vitest';
import { isoDuration } from './duration';

describe('isoDuration', () => {
  it('writes hours, minutes and seconds to a hundredth, leaving out the parts that are zero', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(4 * 60_000)).toBe('PT4M');
    expect(isoDuration(3_723_500)).toBe('PT1H2M3.5S');
    expect(isoDuration(1234)).toBe('PT1.23S');
    expect(isoDuration(26 * 3_600_000)).toBe('PT26H');
  });
});
