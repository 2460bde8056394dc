import { describe, expect, it } from 'vitest';
import { blankOut, codeSpans, normaliseForMatching } from './guideline-text';

const slices = (text: string) => codeSpans(text).map(({ start, end }) => text.slice(start, end));

describe('reading a draft for the guidelines', () => {
  it('makes quotes, spaces and hyphens plain without moving a character', () => {
    const text = '\u201CWe\u2019ll\u00A0ship\u201D \u2010 now\u2009!';
    const plain = normaliseForMatching(text);
    expect(plain).toBe('"We\'ll ship" - now !');
    expect(plain).toHaveLength(text.length);
  });

  it('finds fenced blocks, unclosed fences and inline code, and nothing else', () => {
    const text = 'Use `a` and ``b ` c``.\n\n```sh\nrun 10.0.0.5\n```\nthen ~~~\n\n~~~~\nopen\n';
    expect(slices(text)).toEqual(['`a`', '``b ` c``', '```sh\nrun 10.0.0.5\n```', '~~~~\nopen\n']);
    expect(slices('A lone ` backtick\n\nand another `.')).toEqual([]);
  });

  it('blanks code out, keeping line breaks and length', () => {
    const text = 'a `b c` d\n```\nx\n```';
    const blank = blankOut(text, codeSpans(text));
    expect(blank).toBe('a       d\n   \n \n   ');
    expect(blank).toHaveLength(text.length);
  });
});
