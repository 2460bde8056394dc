import type { ApiError } from '../../../../src-shared/api/errors';
import type { Profile, SaveProfileInput, Visibility } from '../../../../src-shared/profile/schemas';

/** What the form edits: the profile, with topics as the text the person types. */
export interface ProfileDraft {
  name: string;
  headline: string;
  bio: string;
  topicsText: string;
  links: { linkedin: string; blog: string; github: string; website: string };
  visibility: Profile['visibility'];
  expertise: {
    /** Stable across edits, so Svelte keeps each area's inputs; the id the service knows when it has one. */
    key: string;
    id?: string | undefined;
    name: string;
    level: Profile['expertise'][number]['level'];
    evidence: string;
    evidenceRefs: Profile['expertise'][number]['evidenceRefs'];
    visibility: Visibility;
  }[];
}

/** Topics from "Tracing, Kubernetes; SRE": split on commas, semicolons and new lines, blanks dropped. */
export function parseTopics(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((topic) => topic.trim())
    .filter(Boolean);
}

let nextKey = 0;
export const newKey = (): string => `area-${++nextKey}`;

export function draftFromProfile(profile: Profile): ProfileDraft {
  return {
    name: profile.name,
    headline: profile.headline,
    bio: profile.bio,
    topicsText: profile.topics.join(', '),
    links: {
      linkedin: profile.links.linkedin ?? '',
      blog: profile.links.blog ?? '',
      github: profile.links.github ?? '',
      website: profile.links.website ?? '',
    },
    visibility: { ...profile.visibility },
    expertise: profile.expertise.map((area) => ({
      ...area,
      key: newKey(),
      evidenceRefs: [...area.evidenceRefs],
    })),
  };
}

export function inputFromDraft(draft: ProfileDraft): SaveProfileInput {
  return {
    name: draft.name,
    headline: draft.headline,
    bio: draft.bio,
    topics: parseTopics(draft.topicsText),
    links: { ...draft.links },
    visibility: { ...draft.visibility },
    expertise: draft.expertise.map((area) => ({
      ...(area.id ? { id: area.id } : {}),
      name: area.name,
      level: area.level,
      evidence: area.evidence,
      evidenceRefs: area.evidenceRefs,
      visibility: area.visibility,
    })),
  };
}

/**
 * The service's validation problems keyed by the form field they belong to ("links.github",
 * "expertise.0.name"), so each message can sit beside its input.
 */
export function problemsByField(error: ApiError | null): Record<string, string> {
  if (error?.code !== 'INVALID_INPUT') return {};
  const details = error.details as { issues?: { path: string; message: string }[] } | undefined;
  const problems: Record<string, string> = {};
  for (const issue of details?.issues ?? []) {
    // A topic's problem belongs to the topics field as a whole.
    const path = issue.path.startsWith('topics.') ? 'topics' : issue.path;
    problems[path] ??= issue.message;
  }
  return problems;
}
