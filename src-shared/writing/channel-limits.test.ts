import { describe, expect, it } from 'vitest';
import { limitStatus } from './channel-limits';

describe('limitStatus', () => {
  it('holds LinkedIn posts to 3,000 characters', () => {
    expect(limitStatus('linkedin', 10, 2999)).toEqual({ text: '2,999 / 3,000 characters', state: 'within' });
    expect(limitStatus('linkedin', 10, 3001)).toEqual({ text: '3,001 / 3,000 characters', state: 'over' });
  });

  it('gives blogs and forums a range of words that reads well', () => {
    expect(limitStatus('blog', 420, 2500)).toEqual({ text: '420 words (aim for 600–2,000)', state: 'short' });
    expect(limitStatus('blog', 900, 5000)?.state).toBe('within');
    expect(limitStatus('blog', 2500, 15000)?.state).toBe('long');
    expect(limitStatus('forum', 501, 3000)).toEqual({
      text: '501 words (aim for at most 500)',
      state: 'long',
    });
  });

  it("uses the exercise's own length instead of the channel's when the draft answers one", () => {
    expect(limitStatus('blog', 300, 1800, { min: 200, max: 400 })).toEqual({
      text: '300 words (aim for 200–400 for this exercise)',
      state: 'within',
    });
    expect(limitStatus('internal', 90, 500, { min: 120 })).toEqual({
      text: '90 words (aim for at least 120 for this exercise)',
      state: 'short',
    });
    expect(limitStatus('linkedin', 200, 1400, { min: 150, max: 300 })?.text).toBe('1,400 / 3,000 characters');
  });

  it('leaves threads (counted per post) and internal posts alone', () => {
    expect(limitStatus('x', 100, 600)).toBeNull();
    expect(limitStatus('internal', 5000, 30000)).toBeNull();
  });
});
