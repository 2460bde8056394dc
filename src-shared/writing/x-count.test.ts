import { describe, expect, it } from 'vitest';
import { X_POST_LIMIT, X_URL_LENGTH, findUrls, isEmoji, xLength } from './x-count';

describe('xLength', () => {
  it('uses X’s limit and t.co length', () => {
    expect(X_POST_LIMIT).toBe(280);
    expect(X_URL_LENGTH).toBe(23);
  });

  it('counts Latin, Greek and Cyrillic text 1 per character', () => {
    expect(xLength('')).toBe(0);
    expect(xLength('Hello, world!')).toBe(13);
    expect(xLength('Ünïcödé café')).toBe(12);
    expect(xLength('Ελλάδα привет')).toBe(13);
    expect(xLength('a'.repeat(280))).toBe(280);
    expect(xLength('line one\nline two\ttab')).toBe(21);
  });

  it('counts CJK and other scripts outside the light ranges 2 per character', () => {
    expect(xLength('日本語')).toBe(6);
    expect(xLength('한국어')).toBe(6);
    expect(xLength('中文')).toBe(4);
    expect(xLength('Tokyo 東京')).toBe(10);
    expect(xLength('。')).toBe(2);
  });

  it('follows the v3 punctuation ranges at their edges', () => {
    expect(xLength('\u2000\u200d')).toBe(2); // spaces and ZWJ: 1 each
    expect(xLength('\u200e')).toBe(2); // left-to-right mark: outside the ranges
    expect(xLength('‐—“”')).toBe(4); // U+2010–U+201F
    expect(xLength('…')).toBe(2); // U+2026 is not in a range
    expect(xLength('′‷')).toBe(2); // U+2032–U+2037
    expect(xLength('‸')).toBe(2); // U+2038
    expect(xLength('€')).toBe(2);
    expect(xLength('\u10ff\u1100')).toBe(3);
  });

  it('counts each emoji sequence 2, however many code points it has', () => {
    for (const emoji of ['👍', '👍🏽', '👨‍👩‍👧‍👦', '🇬🇧', '1️⃣', '#️⃣', '❤️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑🏿‍💻', '©️']) {
      expect(xLength(emoji), emoji).toBe(2);
      expect(isEmoji(emoji), emoji).toBe(true);
    }
    expect(xLength('👍🏽👨‍👩‍👧‍👦🇬🇧1️⃣')).toBe(8);
    expect(xLength('🇬🇧🇫🇷')).toBe(4);
    expect(xLength('Great talk 👏👏')).toBe(15);
  });

  it('counts a bare © or ® as text, and digits without a keycap as text', () => {
    expect(isEmoji('©')).toBe(false);
    expect(xLength('© 2025 Acme®')).toBe(12);
    expect(xLength('1')).toBe(1);
  });

  it('counts every URL as 23, however long', () => {
    const url =
      'https://www.example.com/blog/2025/05/a-very-long-article-slug-about-developer-advocacy?utm_source=x';
    expect(url.length).toBeGreaterThan(23);
    expect(xLength(url)).toBe(23);
    expect(xLength(`Read this: ${url}`)).toBe(11 + 23);
    expect(xLength('http://a.co')).toBe(23); // shorter than 23 still counts 23
    expect(xLength('https://example.com and http://example.org/x')).toBe(23 + 5 + 23);
  });

  it('counts bare domains with common TLDs as URLs', () => {
    expect(xLength('example.com')).toBe(23);
    expect(xLength('docs.example.dev/guide/intro')).toBe(23);
    expect(xLength('bbc.co.uk')).toBe(23);
    expect(xLength('x.co')).toBe(23);
    expect(xLength('Visit example.com.')).toBe(6 + 23 + 1);
  });

  it('leaves out what twitter-text does not link', () => {
    expect(xLength('go.it')).toBe(5); // a single label with a country code and no path
    expect(xLength('go.it/now')).toBe(23);
    expect(xLength('me@example.com')).toBe(14); // e-mail
    expect(xLength('@example.com')).toBe(12);
    expect(xLength('e.g. i.e.')).toBe(9);
    expect(xLength('https://localhost:3000')).toBe(22); // no TLD
    expect(xLength('file.txt')).toBe(8);
  });

  it('finds URLs with their offsets and keeps trailing punctuation out', () => {
    expect(findUrls('See https://example.com/a_(b), then example.org/x?y=1!')).toEqual([
      { url: 'https://example.com/a_(b)', start: 4, end: 29 },
      { url: 'example.org/x?y=1', start: 36, end: 53 },
    ]);
    expect(findUrls('no links here')).toEqual([]);
  });

  it('normalises to NFC first', () => {
    expect(xLength('e\u0301')).toBe(1);
    expect(xLength('Cafe\u0301')).toBe(xLength('Café'));
    expect(xLength('\u1100\u1161')).toBe(2); // Hangul jamo compose to 가
    expect(xLength('\u212b')).toBe(1); // Ångström sign becomes Å
  });
});
