import type { ApiError } from '../../../../src-shared/api/errors';
import { linkLabels } from '../../../../src-shared/profile/labels';
import {
  LinkKind,
  SaveProfileInput,
  type Profile,
  type Visibility,
} from '../../../../src-shared/profile/schemas';

/** What the form edits: the profile, with topics as the text the person types. */
export interface ProfileDraft {
  name: string;
  headline: string;
  bio: string;
  topicsText: string;
  links: { linkedin: string; blog: string; github: string; website: string };
  /** The contact email; empty for none. */
  email: string;
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
    email: profile.email ?? '',
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
    email: draft.email.trim() || null,
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

/** What one autosave sends, and what it holds back until the person fixes it. */
export interface SavePlan {
  input: SaveProfileInput;
  /** Each held-back field's problem, keyed by its path in the form ("links.linkedin", "expertise.1.name"). */
  problems: Record<string, string>;
  /** The form key of each area sent, in the order sent, so new areas can take the ids the service gives. */
  sentAreaKeys: string[];
}

/** The path a problem belongs to in the form: a topic's problem belongs to the topics field as a whole. */
const fieldOf = (path: readonly PropertyKey[]): string =>
  path[0] === 'topics' ? 'topics' : path.map(String).join('.');

/**
 * Checks the form against the same rules the service applies, and plans a save of every field that passes:
 * a field with a problem keeps its saved value (a new area with one is left out) and carries its message,
 * so one bad link never blocks saving the rest.
 */
export function planSave(draft: ProfileDraft, saved: Profile): SavePlan {
  const input = inputFromDraft(draft);
  const problems: Record<string, string> = {};
  const checked = SaveProfileInput.safeParse(input);
  const heldAreas = new Set<number>();
  for (const issue of checked.error?.issues ?? []) {
    problems[fieldOf(issue.path)] ??= issue.message;
    const [field, second] = issue.path;
    if (field === 'name' || field === 'headline' || field === 'bio' || field === 'topics') {
      input[field] = saved[field] as never;
    } else if (field === 'links' && LinkKind.safeParse(second).success) {
      const kind = second as LinkKind;
      input.links[kind] = saved.links[kind];
    } else if (field === 'expertise' && typeof second === 'number') {
      heldAreas.add(second);
    } else if (field === 'expertise') {
      input.expertise = [];
      draft.expertise.forEach((_, index) => heldAreas.add(index));
    }
  }
  const sentAreaKeys: string[] = [];
  const expertise: SaveProfileInput['expertise'] = [];
  draft.expertise.forEach((area, index) => {
    const sent = input.expertise[index];
    if (!heldAreas.has(index) && sent) {
      expertise.push(sent);
      sentAreaKeys.push(area.key);
      return;
    }
    // A held-back area that was saved before stays as it was saved.
    const before = area.id ? saved.expertise.find((found) => found.id === area.id) : undefined;
    if (!before) return;
    const { id, name, level, evidence, evidenceRefs, visibility } = before;
    expertise.push({ id, name, level, evidence, evidenceRefs, visibility });
    sentAreaKeys.push(area.key);
  });
  input.expertise = expertise;
  return { input, problems, sentAreaKeys };
}

/** The held-back fields in words, in form order: "LinkedIn, Area of expertise 2". */
export function heldBackFields(problems: Record<string, string>): string[] {
  const names: Record<string, string> = { name: 'Name', headline: 'Headline', bio: 'Bio', topics: 'Topics' };
  const words = Object.keys(problems).map((path) => {
    const [field, second] = path.split('.');
    if (field === 'links' && second && second in linkLabels) return linkLabels[second as LinkKind];
    if (field === 'expertise' && second !== undefined && /^\d+$/.test(second))
      return `Area of expertise ${Number(second) + 1}`;
    if (field === 'expertise') return 'Areas of expertise';
    return names[field ?? ''] ?? path;
  });
  return [...new Set(words)];
}
