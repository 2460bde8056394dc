import type { Channel } from '../../../src-shared/packs/items';
import type { DraftStatus } from '../../../src-shared/writing/drafts';

export const channelLabels: Record<Channel, string> = {
  blog: 'Industry blog post',
  forum: 'Forum answer',
  linkedin: 'LinkedIn post',
  x: 'X thread',
  internal: 'Internal post',
};

export const statusLabels: Record<DraftStatus, string> = {
  idea: 'Idea',
  drafting: 'Drafting',
  ready: 'Ready',
  published: 'Published',
  archived: 'Archived',
};

/** About 230 words a minute, the usual figure for reading on screen. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
