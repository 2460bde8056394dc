import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src-shared/profile/schemas';
import { draftFromProfile, inputFromDraft, parseTopics, problemsByField } from './profile-form';

const profile: Profile = {
  name: 'Ada',
  headline: 'Engineer',
  bio: '',
  photo: null,
  topics: ['Tracing', 'SRE'],
  links: { linkedin: null, blog: 'https://blog.example.com', github: null, website: null },
  visibility: {
    name: 'public',
    headline: 'company',
    photo: 'me',
    bio: 'me',
    topics: 'public',
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
      visibility: profile.visibility,
      expertise: [
        { id: 'a1', name: 'Tracing', level: 'expert', evidence: '', evidenceRefs: [], visibility: 'public' },
      ],
    });
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
});
