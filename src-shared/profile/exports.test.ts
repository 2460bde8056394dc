import { describe, expect, it } from 'vitest';
import { mixedProfile } from '../testing/profile-fixtures';
import { PORTFOLIO_PAGE_CSP, portfolioPage } from './portfolio-page';
import { escapeHtml, renderSafeMarkdown } from './safe-markdown';
import { portfolioKindLabel } from './labels';
import { profileFor } from './visibility';

const at = new Date('2026-11-25T12:00:00Z');

describe('portfolioPage', () => {
  const { profile, portfolio } = mixedProfile();
  const page = portfolioPage(profileFor('public', profile, portfolio), at);

  it('is one HTML file with no script, a strict CSP and inline styles only', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${PORTFOLIO_PAGE_CSP}">`);
    expect(PORTFOLIO_PAGE_CSP).toContain("default-src 'none'");
    expect(page).not.toMatch(/<link\b/i);
    expect(page).toContain('<meta name="viewport"');
    expect(page).toContain('@media print');
  });

  it('shows the public fields', () => {
    expect(page).toContain('<h1>Ada Lovelace</h1>');
    expect(page).toContain('<strong>analytical engines</strong>');
    expect(page).toContain('href="https://www.linkedin.com/in/ada"');
    expect(page).toContain('Why p99 doubled');
  });

  it('escapes what the person typed', () => {
    const view = profileFor('public', { ...profile, name: '<img src=x onerror=alert(1)>' }, []);
    expect(portfolioPage(view, at)).toContain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
  });
});

describe('renderSafeMarkdown', () => {
  it('shows raw HTML as text and keeps only web links', () => {
    const html = renderSafeMarkdown(
      '<script>alert(1)</script>\n\n[ok](https://example.com) [bad](javascript:alert(1)) ![pic](https://x.example.com/a.png)',
    );
    expect(html).not.toMatch(/<script/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.com" rel="noopener">ok</a>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<img');
  });

  it('demotes headings below the page title', () => {
    expect(renderSafeMarkdown('# Hello')).toBe('<h3>Hello</h3>\n');
  });
});

describe('escapeHtml and labels', () => {
  it('escapes the five characters that matter in HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('describes each kind of portfolio entry', () => {
    expect(portfolioKindLabel('piece', 'x')).toBe('X thread');
    expect(portfolioKindLabel('piece', null)).toBe('Published piece');
    expect(portfolioKindLabel('certificate', null)).toBe('Certificate');
    expect(portfolioKindLabel('open-source', null)).toBe('Open source');
  });
});
