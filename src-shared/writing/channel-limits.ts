import type { Channel } from '../packs/items';
import { X_POST_LIMIT } from './x-count';

/**
 * What each channel allows or rewards. LinkedIn refuses posts over 3,000 characters; X counts each post of
 * a thread against 280 (see thread.ts); blogs and forums have no hard limit, only lengths that get read.
 */
export interface ChannelLimit {
  /** A hard limit the channel enforces. */
  maxCharacters?: number;
  /** Lengths that read well, as a range of words. */
  words?: { min?: number; max?: number };
  /** For threads: each post's limit, in X's weighted characters. */
  perPost?: number;
  advice: string;
}

export const channelLimits: Record<Channel, ChannelLimit> = {
  blog: { words: { min: 600, max: 2000 }, advice: 'Industry blog posts read best at 600–2,000 words.' },
  forum: { words: { max: 500 }, advice: 'Forum answers that get read stay under about 500 words.' },
  linkedin: {
    maxCharacters: 3000,
    advice: 'LinkedIn allows 3,000 characters; the first two lines show before “see more”.',
  },
  x: { perPost: X_POST_LIMIT, advice: `Each post of an X thread holds ${X_POST_LIMIT} characters.` },
  internal: { advice: 'Internal posts have no length limit; lead with what colleagues need to know.' },
};

export interface LimitStatus {
  /** E.g. "1,204 / 3,000 characters" or "420 words (aim for 600–2,000)". */
  text: string;
  state: 'within' | 'short' | 'long' | 'over';
}

const number = (value: number) => value.toLocaleString('en-GB');

/**
 * Where a draft stands against its channel's limit; null for channels without one (and for threads). An
 * exercise's own length (its completion rules' `words`) replaces the channel's reading range, so the meter
 * agrees with the exercise: an About page of 200–400 words is not "short" against a blog's 600.
 */
export function limitStatus(
  channel: Channel,
  words: number,
  characters: number,
  exerciseWords?: { min?: number | undefined; max?: number | undefined },
): LimitStatus | null {
  const limit = channelLimits[channel];
  if (limit.maxCharacters !== undefined) {
    return {
      text: `${number(characters)} / ${number(limit.maxCharacters)} characters`,
      state: characters > limit.maxCharacters ? 'over' : 'within',
    };
  }
  if (channel === 'x') return null;
  const range = exerciseWords ?? limit.words;
  if (range !== undefined && (range.min !== undefined || range.max !== undefined)) {
    const { min, max } = range;
    const aim =
      min !== undefined && max !== undefined
        ? `aim for ${number(min)}–${number(max)}`
        : max !== undefined
          ? `aim for at most ${number(max)}`
          : `aim for at least ${number(min ?? 0)}`;
    const state =
      min !== undefined && words < min ? 'short' : max !== undefined && words > max ? 'long' : 'within';
    return { text: `${number(words)} words (${aim}${exerciseWords ? ' for this exercise' : ''})`, state };
  }
  return null;
}
