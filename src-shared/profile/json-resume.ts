import type { Channel } from '../packs/items';
import { expertiseLevelLabels, linkLabels, manualKindLabels } from './labels';
import type { ManualItemKind } from './schemas';
import type { ProfileView } from './visibility';

/** JSON Resume v1 (https://jsonresume.org/schema): the subset this profile fills in. */
export interface JsonResume {
  $schema: string;
  basics: {
    name?: string;
    label?: string;
    image?: string;
    url?: string;
    summary?: string;
    /** Always present, if empty: themes read `basics.location.city` and fail on an absent object. */
    location: { city?: string; region?: string; countryCode?: string };
    profiles: { network: string; url: string }[];
  };
  skills: { name: string; level: string; keywords: string[] }[];
  interests: { name: string }[];
  certificates: { name: string; date: string; issuer: string; url?: string }[];
  publications: { name: string; publisher?: string; releaseDate: string; url?: string; summary?: string }[];
  projects: {
    name: string;
    type: string;
    startDate: string;
    endDate?: string;
    url?: string;
    description?: string;
  }[];
  meta: { version: string; lastModified: string };
}

export const JSON_RESUME_SCHEMA_URL =
  'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

const day = (iso: string) => iso.slice(0, 10);
const optional = <K extends string>(key: K, value: string | null | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

/** Channels that are a platform with a name of its own; a blog or forum's publisher is not known. */
const channelPublishers: Partial<Record<Channel, string>> = { linkedin: 'LinkedIn', x: 'X' };

/** Hand-added kinds that happen on one day (a talk, an episode), so they end when they start. */
const oneOffKinds: readonly string[] = ['talk', 'podcast', 'other'];

/**
 * The person's own topics that an expertise area is about: a topic whose words appear in the area's name
 * or evidence, or the other way round. Never the titles of pieces or certificates, which are not skills.
 */
export function topicsOfArea(area: { name: string; evidence: string }, topics: readonly string[]): string[] {
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}+#]{3,}/gu) ?? []);
  const areaWords = words(`${area.name} ${area.evidence}`);
  return topics.filter((topic) => {
    const topicWords = words(topic);
    return [...topicWords].some((word) => areaWords.has(word));
  });
}

/**
 * The view (public, for a file the person shares) as a JSON Resume: expertise as skills, topics as
 * interests, published pieces and articles as publications, talks, podcasts and open source as projects.
 */
export function toJsonResume(
  view: ProfileView,
  generatedAt: Date,
  /** Company badges' public pages and their issuers: a certificate linking to one is issued by that company. */
  issuersByPage: Readonly<Record<string, string>> = {},
): JsonResume {
  const website = view.links.find((link) => link.kind === 'website');
  const publications = view.portfolio.filter((item) => ['piece', 'article'].includes(item.kind));
  const projects = view.portfolio.filter((item) =>
    ['talk', 'podcast', 'open-source', 'other'].includes(item.kind),
  );
  return {
    $schema: JSON_RESUME_SCHEMA_URL,
    basics: {
      ...optional('name', view.name),
      ...optional('label', view.headline),
      // JSON Resume wants an image address; an embedded photo travels as a data: URL (RFC 2397).
      ...optional('image', view.photo),
      ...optional('url', website?.url),
      ...optional('summary', view.bio),
      location: {},
      profiles: view.links
        .filter((link) => link.kind !== 'website')
        .map((link) => ({ network: linkLabels[link.kind], url: link.url })),
    },
    skills: view.expertise.map((area) => ({
      name: area.name,
      level: expertiseLevelLabels[area.level],
      keywords: topicsOfArea(area, view.topics),
    })),
    interests: view.topics.map((name) => ({ name })),
    certificates: view.portfolio
      .filter((item) => item.kind === 'certificate')
      .map((item) => ({
        name: item.title,
        date: day(item.date),
        issuer: (item.url !== null ? issuersByPage[item.url] : undefined) ?? 'Advocate Studio',
        ...optional('url', item.url),
      })),
    publications: publications.map((item) => ({
      name: item.title,
      ...optional('publisher', item.channel ? channelPublishers[item.channel] : undefined),
      releaseDate: day(item.date),
      ...optional('url', item.url),
      ...optional('summary', item.description),
    })),
    projects: projects.map((item) => ({
      name: item.title,
      type: manualKindLabels[item.kind as ManualItemKind] ?? 'Other',
      startDate: day(item.date),
      // A talk is given on one day: without an end, themes show it as running "– Present".
      ...optional('endDate', oneOffKinds.includes(item.kind) ? day(item.date) : undefined),
      ...optional('url', item.url),
      ...optional('description', item.description),
    })),
    meta: { version: 'v1.0.0', lastModified: generatedAt.toISOString().slice(0, 19) },
  };
}
