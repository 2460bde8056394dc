import { describe, expect, it } from 'vitest';
import { checkGuidelines } from './guidelines';
import type { GuidelineSet } from './guideline-rules';
import {
  isPostBreak,
  countCharacters,
  countWords,
  graphemes,
  offsetAfterCharacters,
  offsetAfterWords,
  postSpans,
} from './text-metrics';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const segments = (text: string) => Array.from(segmenter.segment(text), (part) => part.segment);

describe('characters', () => {
  const samples = [
    'Plain ASCII, with punctuation!',
    'Line one\r\nLine two',
    'Cafe\u0301 and café',
    'Hi 👋🏽 there',
    'Family 👨‍👩‍👧‍👦 and flags 🇬🇧🇫🇷 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
    'Keycaps 1️⃣ #️⃣ and ©️ ©',
    'CJK 漢字かな 한국어',
    'Devanagari नमस्ते',
  ];

  it('are what Unicode segments as graphemes, for the scripts and emoji drafts hold', () => {
    for (const text of samples) expect(graphemes(text), text).toEqual(segments(text));
  });

  it('are counted the same on the fast path for plain text and the full one', () => {
    for (const text of samples) expect(countCharacters(text), text).toBe(segments(text).length);
    expect(countCharacters('')).toBe(0);
    expect(countCharacters('a\r\nb')).toBe(3);
  });

  it('give the offset after the first n, never inside a character', () => {
    expect(offsetAfterCharacters('ab👋🏽cd', 3)).toBe('ab👋🏽'.length);
    expect(offsetAfterCharacters('abc', 3)).toBeUndefined();
  });
});

describe('words', () => {
  it('are runs of letters and digits, with apostrophes and hyphens inside', () => {
    expect(countWords("Don't re-invent the wheel — 3 times, 2025.")).toBe(7);
    expect(countWords('  ')).toBe(0);
    expect(countWords('漢字 and café')).toBe(3);
    expect(offsetAfterWords('one two three', 2)).toBe(8);
    expect(offsetAfterWords('one two', 2)).toBeUndefined();
  });
});

describe('posts', () => {
  it('are split at lines holding only ---, trimmed, empty ones dropped', () => {
    const text = 'First post\n---\n\n  Second post  \n  ---  \n---\nThird';
    expect(postSpans(text).map(({ start, end }) => text.slice(start, end))).toEqual([
      'First post',
      'Second post',
      'Third',
    ]);
    expect(postSpans('a --- b').map(({ start, end }) => [start, end])).toEqual([[0, 7]]);
  });
});

describe('the editor and the guideline length rule count alike', () => {
  const set = (unit: 'characters' | 'words', max: number): GuidelineSet => ({
    id: 'lengths',
    title: 'Lengths',
    rules: [
      {
        id: 'length',
        title: 'Keep it short',
        severity: 'must',
        explanation: 'Long posts are cut.',
        howToFollow: 'Shorten it.',
        check: { kind: 'length', limits: { linkedin: { unit, max } } },
      },
    ],
  });
  const findings = (text: string, unit: 'characters' | 'words', max: number) =>
    checkGuidelines(text, { channel: 'linkedin' }, [set(unit, max)]).length;

  it('so a draft exactly at the limit the editor shows passes, and one more is a finding', () => {
    for (const text of ['Hello 👋🏽 café\u0301 🇬🇧 world', "Don't re-invent 3.5 wheels, e-mail me"]) {
      const characters = countCharacters(text);
      expect(findings(text, 'characters', characters), text).toBe(0);
      expect(findings(`${text}!`, 'characters', characters), text).toBe(1);
      const words = countWords(text);
      expect(findings(text, 'words', words), text).toBe(0);
      expect(findings(`${text} more`, 'words', words), text).toBe(1);
    }
  });
});

describe('isPostBreak', () => {
  it('is a line of three hyphens, with spaces or tabs around it, and nothing else', () => {
    expect(['---', '  ---', '---\t', ' --- '].map(isPostBreak)).toEqual([true, true, true, true]);
    expect(['----', '--', '--- x', '- - -', '***'].map(isPostBreak)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
