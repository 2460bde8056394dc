import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { render as renderEven } from 'jsonresume-theme-even';
import { describe, expect, it } from 'vitest';
import { toJsonResume, topicsOfArea } from '../../src-shared/profile/json-resume';
import type { PortfolioItem } from '../../src-shared/profile/schemas';
import { profileFor } from '../../src-shared/profile/visibility';
import { mixedProfile } from '../../src-shared/testing/profile-fixtures';

// Two published JSON Resume themes, as a person would render the file: jsonresume-theme-even (ESM) and
// jsonresume-theme-flat (CommonJS, Handlebars).
const require = createRequire(import.meta.url);
const flat = require('jsonresume-theme-flat') as { render: (resume: unknown) => string };

const at = new Date('2026-11-25T12:00:00Z');

function publicResume() {
  const { profile, portfolio } = mixedProfile();
  profile.topics = ['Observability', 'Compilers'];
  profile.expertise = profile.expertise.map((area, i) =>
    i === 0 ? { ...area, evidence: 'Ran the observability rollout' } : area,
  );
  const extra: PortfolioItem[] = [
    manual('talk', 'Tracing at scale', '2026-05-14'),
    manual('podcast', 'On-call stories', '2026-06-02'),
    manual('open-source', 'otel-sampler', '2025-03-01'),
    {
      ...manual('other', 'x', '2026-01-01'),
      source: 'piece',
      kind: 'piece',
      title: 'Five tracing myths',
      channel: 'linkedin',
      url: 'https://www.linkedin.com/posts/ada-myths',
    },
  ];
  const all = [...portfolio.filter((item) => item.kind !== 'talk'), ...extra].map((item) => ({
    ...item,
    visibility: item.title.includes('SECRET') ? item.visibility : ('public' as const),
  }));
  return toJsonResume(profileFor('public', profile, all), at);
}

function manual(kind: PortfolioItem['kind'], title: string, date: string): PortfolioItem {
  return {
    source: 'manual',
    sourceId: title,
    kind,
    title,
    url: null,
    date,
    description: '',
    channel: null,
    visibility: 'public',
  };
}

const text = (html: string) => new JSDOM(html).window.document.body.textContent?.replace(/\s+/g, ' ') ?? '';

describe('the JSON Resume export, rendered by published themes', () => {
  it('renders with jsonresume-theme-even: a talk on its day, human labels, publishers only when known', () => {
    const page = text(renderEven(publicResume() as Parameters<typeof renderEven>[0]));
    expect(page).toContain('Tracing at scale');
    // One-off items end when they start; only ongoing open-source work runs to "Present".
    expect(page.match(/Present/g)).toHaveLength(1);
    expect(page).toMatch(/otel-sampler.*Mar 2025\s*–\s*Present/);
    expect(page).toMatch(/Tracing at scale\s*May 2026\s*Talk/);
    expect(page).toContain('Podcast');
    expect(page).toContain('Open source');
    expect(page).not.toMatch(/\b(talk|podcast|open-source)\b/);
    expect(page).toContain('Published by LinkedIn');
    expect(page).not.toMatch(/Published by (Blog post|Article|Other)/);
  });

  it('renders with jsonresume-theme-flat: skills list the person’s topics, not evidence titles', () => {
    const resume = publicResume();
    const page = text(flat.render(resume));
    expect(page).toContain('Distributed tracing');
    expect(resume.skills[0]?.keywords).toEqual(['Observability']);
    expect(page).toContain('Published by LinkedIn');
    expect(page).not.toContain('Published by Blog post');
    expect(resume.skills.flatMap((skill) => skill.keywords)).not.toContain('Why p99 doubled');
  });

  it('always gives basics.location, which themes read, even when nothing else is public', () => {
    const { profile } = mixedProfile();
    for (const key of Object.keys(profile.visibility) as (keyof typeof profile.visibility)[])
      profile.visibility[key] = 'me';
    const resume = toJsonResume(profileFor('public', { ...profile, expertise: [] }, []), at);
    expect(resume.basics.location).toEqual({});
    expect(() => renderEven(resume as Parameters<typeof renderEven>[0])).not.toThrow();
    expect(() => flat.render(resume)).not.toThrow();
  });
});

describe('topicsOfArea', () => {
  it('keeps the topics that share a word with the area’s name or evidence, in the person’s order', () => {
    const topics = ['Kubernetes', 'Go', 'Site reliability', 'Tracing'];
    expect(topicsOfArea({ name: 'Distributed tracing', evidence: 'Ran SRE for Kubernetes' }, topics)).toEqual(
      ['Kubernetes', 'Tracing'],
    );
    expect(topicsOfArea({ name: 'Public speaking', evidence: '' }, topics)).toEqual([]);
  });
});
