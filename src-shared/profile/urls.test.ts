import { describe, expect, it } from 'vitest';
import { SavePortfolioItemInput, ProfileLinksInput } from './schemas';
import { completeWebAddress, httpsUrlProblem } from './urls';

describe('httpsUrlProblem', () => {
  it.each([
    ['https://example.com/me', null],
    ['https://www.linkedin.com/in/ada', null],
    ['http://example.com', /use the https:\/\/ address/],
    ['example.com/me', /add https:\/\/ at the start/],
    ['not a link', /not a web address/],
    ['ftp://example.com', /only https:\/\//],
    ['javascript:alert(1)', /only https:\/\//],
    ['https://user:pw@example.com', /user name or password/],
    ['https://localhost/x', /full domain name/],
  ])('%s', (value, expected) => {
    const problem = httpsUrlProblem(value);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('checks that a LinkedIn or GitHub link points there', () => {
    expect(httpsUrlProblem('https://example.com/ada', 'linkedin')).toMatch(/on linkedin\.com/);
    expect(httpsUrlProblem('https://gitlab.com/ada', 'github')).toMatch(/on github\.com/);
    expect(httpsUrlProblem('https://github.com/ada', 'github')).toBeNull();
  });
});

describe('completeWebAddress', () => {
  it.each([
    ['linkedin.com/in/ada', 'https://linkedin.com/in/ada'],
    ['www.linkedin.com/in/ada?trk=1', 'https://www.linkedin.com/in/ada?trk=1'],
    ['ada.example.com', 'https://ada.example.com'],
    ['example.com:8443/me', 'https://example.com:8443/me'],
    ['https://example.com', 'https://example.com'],
    ['http://example.com', 'http://example.com'],
    ['not a link', 'not a link'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['ada@example.com', 'ada@example.com'],
  ])('%s → %s', (typed, completed) => expect(completeWebAddress(typed)).toBe(completed));
});

describe('link inputs', () => {
  it('complete an address typed without https://, and keep refusing http://', () => {
    const parsed = ProfileLinksInput.parse({
      linkedin: 'linkedin.com/in/ada',
      blog: ' blog.example.com ',
      github: null,
      website: '',
    });
    expect(parsed).toEqual({
      linkedin: 'https://linkedin.com/in/ada',
      blog: 'https://blog.example.com',
      github: null,
      website: null,
    });
    expect(
      ProfileLinksInput.safeParse({ ...parsed, github: 'gitlab.com/ada' }).error?.issues[0]?.message,
    ).toMatch(/on github\.com/);
  });

  it('turn empty fields into null and name the field that is wrong', () => {
    const parsed = ProfileLinksInput.safeParse({
      linkedin: '',
      blog: null,
      github: 'http://github.com/ada',
      website: ' https://ada.example.com ',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['github', 'use the https:// address; http:// is not accepted'],
    ]);
    expect(
      ProfileLinksInput.parse({
        linkedin: '',
        blog: null,
        github: null,
        website: ' https://ada.example.com ',
      }),
    ).toEqual({ linkedin: null, blog: null, github: null, website: 'https://ada.example.com' });
  });

  it('apply to hand-added portfolio items too', () => {
    const item = { kind: 'talk', title: 'T', date: '2026-11-02', visibility: 'public' } as const;
    expect(SavePortfolioItemInput.safeParse({ ...item, url: 'http://x.example.com' }).success).toBe(false);
    expect(SavePortfolioItemInput.parse({ ...item, url: '' }).url).toBeNull();
    expect(
      SavePortfolioItemInput.safeParse({ ...item, url: null, date: '2/11/2026' }).error?.issues[0]?.message,
    ).toBe('enter the date as YYYY-MM-DD');
  });
});
