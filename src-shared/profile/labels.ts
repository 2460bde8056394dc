import type { Channel } from '../packs/items';
import type { ExpertiseLevel, LinkKind, ManualItemKind, Visibility } from './schemas';

export const visibilityLabels: Record<Visibility, string> = {
  me: 'Only me',
  company: 'My company',
  public: 'Public',
};

export const expertiseLevelLabels: Record<ExpertiseLevel, string> = {
  learning: 'Learning',
  practitioner: 'Practitioner',
  expert: 'Expert',
};

export const linkLabels: Record<LinkKind, string> = {
  linkedin: 'LinkedIn',
  blog: 'Blog',
  github: 'GitHub',
  website: 'Personal site',
};

export const manualKindLabels: Record<ManualItemKind, string> = {
  talk: 'Talk',
  article: 'Article',
  podcast: 'Podcast',
  'open-source': 'Open source',
  other: 'Other',
};

export const channelNames: Record<Channel, string> = {
  blog: 'Blog post',
  forum: 'Forum answer',
  linkedin: 'LinkedIn post',
  x: 'X thread',
  internal: 'Internal post',
};

/** How a portfolio entry is described: "Blog post", "Certificate", "Talk". */
export function portfolioKindLabel(kind: string, channel: Channel | null): string {
  if (kind === 'piece') return channel ? channelNames[channel] : 'Published piece';
  if (kind === 'certificate') return 'Certificate';
  return manualKindLabels[kind as ManualItemKind] ?? 'Other';
}
