import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mixedProfile } from '../../src-shared/testing/profile-fixtures';
import { toJsonResume } from '../../src-shared/profile/json-resume';
import { profileFor } from '../../src-shared/profile/visibility';

// The JSON Resume v1 schema as published in @jsonresume/schema (MIT); ajv reads it from node_modules.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@jsonresume/schema/schema.json'), 'utf8')) as object;
const at = new Date('2026-11-25T12:00:00Z');

function validateResume(resume: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(resume) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('toJsonResume', () => {
  it('is valid JSON Resume v1, for the company view and the public view', () => {
    const { profile, portfolio } = mixedProfile();
    for (const audience of ['public', 'company'] as const)
      expect(validateResume(toJsonResume(profileFor(audience, profile, portfolio), at))).toEqual([]);
  });

  it('is valid for an empty profile too', () => {
    const { profile } = mixedProfile();
    for (const key of Object.keys(profile.visibility) as (keyof typeof profile.visibility)[])
      profile.visibility[key] = 'me';
    const resume = toJsonResume(profileFor('public', { ...profile, expertise: [] }, []), at);
    expect(validateResume(resume)).toEqual([]);
    expect(resume.basics).toEqual({ location: {}, profiles: [] });
  });

  it('maps expertise to skills, topics to interests, pieces to publications and talks to projects', () => {
    const { profile, portfolio } = mixedProfile();
    const resume = toJsonResume(profileFor('company', profile, portfolio), at);
    // Keywords are the person's own topics, never the titles of the evidence.
    expect(resume.skills[0]).toEqual({ name: 'Distributed tracing', level: 'Expert', keywords: [] });
    expect(resume.interests).toEqual([{ name: 'Compilers' }, { name: 'Observability' }]);
    expect(resume.publications).toEqual([
      {
        name: 'Why p99 doubled',
        releaseDate: '2026-11-01',
        url: 'https://blog.example.com/p99',
      },
    ]);
    expect(resume.projects[0]).toMatchObject({
      name: 'Tracing at scale',
      type: 'Talk',
      startDate: '2026-09-12',
      endDate: '2026-09-12',
    });
    expect(resume.basics.profiles.map((p) => p.network)).toEqual(['LinkedIn', 'GitHub']);
    expect(resume.basics.url).toBe('https://ada.example.com');
  });

  it('names the company as a certificate’s issuer when the entry links to its badge’s public page', () => {
    const { profile, portfolio } = mixedProfile();
    const page = 'https://hub.acme.example/credentials/5f8c2a1e-1111-4222-8333-944455556666';
    const items = portfolio.map((item) =>
      item.kind === 'certificate'
        ? { ...item, title: 'Basics', url: page, visibility: 'public' as const }
        : item,
    );
    const view = profileFor('public', profile, items);
    expect(toJsonResume(view, at, { [page]: 'Acme Corp' }).certificates).toEqual([
      { name: 'Basics', date: '2026-10-01', issuer: 'Acme Corp', url: page },
    ]);
    expect(toJsonResume(view, at).certificates[0]?.issuer).toBe('Advocate Studio');
    expect(validateResume(toJsonResume(view, at, { [page]: 'Acme Corp' }))).toEqual([]);
  });
});
