import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src-shared/profile/schemas';
import {
  draftFromProfile,
  heldBackFields,
  inputFromDraft,
  parseTopics,
  planSave,
  problemsByField,
} from './profile-form';

const profile: Profile = {
  name: 'Ada',
  headline: 'Engineer',
  bio: '',
  photo: null,
  topics: ['Tracing', 'SRE'],
  links: { linkedin: null, blog: 'https://blog.example.com', github: null, website: null },
  email: null,
  visibility: {
    name: 'public',
    headline: 'company',
    photo: 'me',
    bio: 'me',
    topics: 'public',
    email: 'me',
    linkedin: 'me',
    blog: 'public',
    github: 'me',
    website: 'me',
  },
  expertise: [
    { id: 'a1', name: 'Tracing', level: 'expert', evidence: '', evidenceRefs: [], visibility: 'public' },
  ],
  updatedAt: null,
};

describe('the profile form', () => {
  it('splits topics on commas, semicolons and lines', () => {
    expect(parseTopics('Tracing, Kubernetes;SRE\n\n , ')).toEqual(['Tracing', 'Kubernetes', 'SRE']);
  });

  it('round-trips a profile through the form', () => {
    expect(inputFromDraft(draftFromProfile(profile))).toEqual({
      name: 'Ada',
      headline: 'Engineer',
      bio: '',
      topics: ['Tracing', 'SRE'],
      links: { linkedin: '', blog: 'https://blog.example.com', github: '', website: '' },
      email: null,
      visibility: profile.visibility,
      expertise: [
        { id: 'a1', name: 'Tracing', level: 'expert', evidence: '', evidenceRefs: [], visibility: 'public' },
      ],
    });
  });

  it('keeps a contact email, and sends an emptied one as none', () => {
    const draft = draftFromProfile({ ...profile, email: 'ada@example.com' });
    expect(draft.email).toBe('ada@example.com');
    expect(inputFromDraft(draft).email).toBe('ada@example.com');
    expect(inputFromDraft({ ...draft, email: '  ' }).email).toBeNull();
  });

  it('puts each validation problem beside its field', () => {
    expect(
      problemsByField({
        code: 'INVALID_INPUT',
        message: 'Invalid input',
        details: {
          issues: [
            { path: 'links.github', message: 'use the https:// address' },
            { path: 'topics.3', message: 'a topic is limited to 60 characters' },
          ],
        },
      }),
    ).toEqual({ 'links.github': 'use the https:// address', topics: 'a topic is limited to 60 characters' });
    expect(problemsByField({ code: 'INTERNAL', message: 'x' })).toEqual({});
  });

  it('plans a save of every field that passes, holding back each one with a problem at its saved value', () => {
    const areaId = '7d9a4a8e-3f0a-4c1e-9a55-2f7b8d1e0c11';
    const tracing = { id: areaId, name: 'Tracing', level: 'expert', evidence: '', evidenceRefs: [] };
    const saved: Profile = { ...profile, expertise: [{ ...tracing, level: 'expert', visibility: 'public' }] };
    const draft = draftFromProfile(saved);
    const [savedArea] = draft.expertise;
    if (!savedArea) throw new Error('the saved area is missing');
    draft.headline = 'Engineer who makes outages boring';
    draft.links.linkedin = 'linkedin.com/in/ada';
    draft.links.github = 'http://github.com/ada';
    draft.name = '   ';
    savedArea.name = '';
    draft.expertise.push({ ...savedArea, key: 'new-1', id: undefined, name: '' });
    draft.expertise.push({ ...savedArea, key: 'new-2', id: undefined, name: 'SRE' });

    const plan = planSave(draft, saved);
    expect(plan.problems).toEqual({
      name: 'enter your name',
      'links.github': 'use the https:// address; http:// is not accepted',
      'expertise.0.name': 'name the area of expertise',
      'expertise.1.name': 'name the area of expertise',
    });
    expect(plan.input).toMatchObject({
      name: 'Ada',
      headline: 'Engineer who makes outages boring',
      links: { linkedin: 'linkedin.com/in/ada', github: null, blog: 'https://blog.example.com' },
    });
    // The saved area stays as saved, the unnamed new one waits, the named new one goes.
    expect(plan.input.expertise.map((area) => area.name)).toEqual(['Tracing', 'SRE']);
    expect(plan.input.expertise[0]?.id).toBe(areaId);
    expect(plan.sentAreaKeys).toEqual([savedArea.key, 'new-2']);
    expect(heldBackFields(plan.problems)).toEqual([
      'Name',
      'GitHub',
      'Area of expertise 1',
      'Area of expertise 2',
    ]);

    const fixed = draftFromProfile(saved);
    expect(planSave(fixed, saved)).toMatchObject({ problems: {}, input: inputFromDraft(fixed) });
  });
});
