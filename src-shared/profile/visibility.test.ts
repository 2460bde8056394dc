import { describe, expect, it } from 'vitest';
import { mixedProfile } from '../testing/profile-fixtures';
import { toJsonResume } from './json-resume';
import { portfolioPage } from './portfolio-page';
import { profileFields, type PortfolioItem, type Profile } from './schemas';
import { companyProfileRecord, isVisibleTo, profileFor, withEvidence } from './visibility';

const at = new Date('2026-11-25T12:00:00Z');

describe('isVisibleTo', () => {
  it('shows "public" to everyone, "company" to the company only, and "me" to no one', () => {
    expect(isVisibleTo('public', 'public')).toBe(true);
    expect(isVisibleTo('company', 'public')).toBe(true);
    expect(isVisibleTo('company', 'company')).toBe(true);
    expect(isVisibleTo('public', 'company')).toBe(false);
    expect(isVisibleTo('company', 'me')).toBe(false);
    expect(isVisibleTo('public', 'me')).toBe(false);
  });
});

describe('profileFor', () => {
  it('gives the public only public fields and entries', () => {
    const { profile, portfolio } = mixedProfile();
    const view = profileFor('public', profile, portfolio);
    expect(view).toMatchObject({
      name: 'Ada Lovelace',
      headline: null,
      photo: null,
      topics: ['Compilers', 'Observability'],
    });
    expect(view.links.map((l) => l.kind)).toEqual(['linkedin', 'website']);
    expect(view.expertise.map((e) => e.name)).toEqual(['Distributed tracing']);
    expect(view.portfolio.map((p) => p.title)).toEqual(['Why p99 doubled']);
  });

  it('gives the company the company and public fields', () => {
    const { profile, portfolio } = mixedProfile();
    const view = profileFor('company', profile, portfolio);
    expect(view.photo).toBe(profile.photo);
    expect(view.links.map((l) => l.kind)).toEqual(['linkedin', 'github', 'website']);
    expect(view.expertise.map((e) => e.name)).toEqual(['Distributed tracing', 'Kubernetes']);
    expect(view.portfolio.map((p) => p.title)).toEqual(['Why p99 doubled', 'Tracing at scale']);
  });

  it('cites as evidence only entries the audience may also see', () => {
    const { profile, portfolio } = mixedProfile();
    expect(profileFor('public', profile, portfolio).expertise[0]?.evidenceTitles).toEqual([
      'Why p99 doubled',
    ]);
  });

  it('leaves out everything when everything is "only me"', () => {
    const { profile, portfolio } = mixedProfile();
    for (const key of Object.keys(profile.visibility) as (keyof typeof profile.visibility)[])
      profile.visibility[key] = 'me';
    const view = profileFor('company', profile, [
      ...portfolio.map((p) => ({ ...p, visibility: 'me' as const })),
    ]);
    expect(view).toMatchObject({
      name: null,
      headline: null,
      photo: null,
      bio: null,
      topics: [],
      links: [],
      portfolio: [],
    });
  });
});

describe('nothing marked "only me" leaves the device', () => {
  const { profile, portfolio } = mixedProfile();
  const exports = {
    'the web page': portfolioPage(profileFor('public', profile, portfolio), at),
    'the JSON Resume': JSON.stringify(toJsonResume(profileFor('public', profile, portfolio), at)),
    'the company record': JSON.stringify(companyProfileRecord('learner-1', profile, portfolio)),
  };
  it.each(Object.entries(exports))('in %s', (_, text) => {
    expect(text).not.toMatch(/SECRET/);
  });

  it('and company-only fields stay out of the public exports', () => {
    expect(exports['the web page']).not.toContain('Kubernetes');
    expect(exports['the web page']).not.toContain('github.com/ada');
    expect(exports['the JSON Resume']).not.toContain('Tracing at scale');
    expect(exports['the company record']).toContain('Kubernetes');
  });
});

describe('each field marked "only me", one at a time, with everything else public', () => {
  const SENTINEL = 'PRIVATE-7f3a';
  const basePortfolio = mixedProfile().portfolio;
  const everythingPublic = (): { profile: Profile; portfolio: PortfolioItem[] } => {
    const { profile: base, portfolio } = mixedProfile();
    return {
      profile: {
        ...base,
        visibility: Object.fromEntries(
          profileFields.map((field) => [field, 'public']),
        ) as Profile['visibility'],
        expertise: base.expertise.map((area) => ({ ...area, visibility: 'public' as const })),
      },
      portfolio: portfolio.map((item) => ({ ...item, visibility: 'public' as const })),
    };
  };
  const exportsOf = (profile: Profile, portfolio: PortfolioItem[]) => [
    portfolioPage(profileFor('public', profile, portfolio), at),
    JSON.stringify(toJsonResume(profileFor('public', profile, portfolio), at)),
    JSON.stringify(toJsonResume(profileFor('company', profile, portfolio), at)),
    JSON.stringify(companyProfileRecord('learner-1', profile, portfolio)),
  ];

  const cases: [string, (p: { profile: Profile; portfolio: PortfolioItem[] }) => void][] = [
    ...profileFields.map((field): [string, (p: { profile: Profile; portfolio: PortfolioItem[] }) => void] => [
      `the ${field}`,
      ({ profile }) => {
        profile.visibility[field] = 'me';
        if (field === 'topics') profile.topics = [SENTINEL];
        else if (field === 'photo') profile.photo = `data:image/png;base64,${SENTINEL}`;
        else if (field === 'name' || field === 'headline' || field === 'bio') profile[field] = SENTINEL;
        else if (field === 'email') profile.email = `${SENTINEL}@example.com`;
        else profile.links[field] = `https://example.com/${SENTINEL}`;
      },
    ]),
    [
      'an area of expertise',
      ({ profile }) => {
        profile.expertise = profile.expertise.map((area, index) =>
          index === 1 ? { ...area, name: SENTINEL, evidence: SENTINEL, visibility: 'me' } : area,
        );
      },
    ],
    ...basePortfolio.map(
      (item, index): [string, (p: { profile: Profile; portfolio: PortfolioItem[] }) => void] => [
        `the ${item.kind} in the portfolio, even when cited as evidence`,
        ({ portfolio }) => {
          portfolio.splice(index, 1, {
            ...item,
            title: SENTINEL,
            description: SENTINEL,
            url: `https://example.com/${SENTINEL}`,
            visibility: 'me',
          });
        },
      ],
    ),
  ];

  it.each(cases)('%s stays out of every export and the company record', (_, makePrivate) => {
    const shown = everythingPublic();
    expect(exportsOf(shown.profile, shown.portfolio).join()).not.toContain(SENTINEL);
    makePrivate(shown);
    for (const text of exportsOf(shown.profile, shown.portfolio)) expect(text).not.toContain(SENTINEL);
  });

  it('and the same value marked public does appear, so the check above can fail', () => {
    const shown = everythingPublic();
    shown.profile.headline = SENTINEL;
    for (const text of exportsOf(shown.profile, shown.portfolio)) expect(text).toContain(SENTINEL);
  });
});

describe('withEvidence', () => {
  it('names the cited pieces and certificates found among the given entries, and no others', () => {
    const { profile, portfolio } = mixedProfile();
    const [area] = profile.expertise;
    if (!area) throw new Error('the fixture has an area');
    expect(withEvidence([area], portfolio)[0]?.evidenceTitles).toEqual([
      'Why p99 doubled',
      'SECRET certificate',
    ]);
    expect(withEvidence([area], portfolio.slice(0, 1))[0]?.evidenceTitles).toEqual(['Why p99 doubled']);
    expect(withEvidence([area], [])[0]).toEqual({
      name: 'Distributed tracing',
      level: 'expert',
      evidence: 'Ran the tracing rollout',
      evidenceTitles: [],
    });
  });
});
