import { expertiseLevelLabels, linkLabels, portfolioKindLabel } from './labels';
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
    profiles: { network: string; url: string }[];
  };
  skills: { name: string; level: string; keywords: string[] }[];
  interests: { name: string }[];
  certificates: { name: string; date: string; issuer: string; url?: string }[];
  publications: { name: string; publisher: string; releaseDate: string; url?: string; summary?: string }[];
  projects: { name: string; type: string; startDate: string; url?: string; description?: string }[];
  meta: { version: string; lastModified: string };
}

export const JSON_RESUME_SCHEMA_URL =
  'https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json';

const day = (iso: string) => iso.slice(0, 10);
const optional = <K extends string>(key: K, value: string | null | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

/**
 * The view (public, for a file the person shares) as a JSON Resume: expertise as skills, topics as
 * interests, published pieces and articles as publications, talks, podcasts and open source as projects.
 */
export function toJsonResume(view: ProfileView, generatedAt: Date): JsonResume {
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
      profiles: view.links
        .filter((link) => link.kind !== 'website')
        .map((link) => ({ network: linkLabels[link.kind], url: link.url })),
    },
    skills: view.expertise.map((area) => ({
      name: area.name,
      level: expertiseLevelLabels[area.level],
      keywords: area.evidenceTitles,
    })),
    interests: view.topics.map((name) => ({ name })),
    certificates: view.portfolio
      .filter((item) => item.kind === 'certificate')
      .map((item) => ({
        name: item.title,
        date: day(item.date),
        issuer: 'Advocate Studio',
        ...optional('url', item.url),
      })),
    publications: publications.map((item) => ({
      name: item.title,
      publisher: portfolioKindLabel(item.kind, item.channel),
      releaseDate: day(item.date),
      ...optional('url', item.url),
      ...optional('summary', item.description),
    })),
    projects: projects.map((item) => ({
      name: item.title,
      type: item.kind,
      startDate: day(item.date),
      ...optional('url', item.url),
      ...optional('description', item.description),
    })),
    meta: { version: 'v1.0.0', lastModified: generatedAt.toISOString().slice(0, 19) },
  };
}
