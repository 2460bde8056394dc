/**
 * Flesch reading ease for English text: 206.835 − 1.015 × (words per sentence) − 84.6 × (syllables per
 * word). Higher is easier; 60–70 is plain English. Markdown syntax, links' addresses and code are left out
 * before counting, so they neither help nor hurt.
 */
export interface Readability {
  /** Rounded to a whole number and kept within 0–100; null for text too short to judge (under 30 words). */
  score: number | null;
  band: ReadabilityBand | null;
  words: number;
  sentences: number;
}

export type ReadabilityBand = 'very easy' | 'easy' | 'plain' | 'fairly hard' | 'hard' | 'very hard';

const MIN_WORDS = 30;

/** Text as a reader sees it: no code, no link targets, no Markdown punctuation. */
export function proseOf(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?\n\1[^\n]*$/gm, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~#>|]/g, ' ');
}

/** English syllables by the usual vowel-group heuristic, good to within a syllable for most words. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return 0;
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

export function readability(markdown: string): Readability {
  const prose = proseOf(markdown);
  const words = prose.match(/[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)*/g) ?? [];
  // Sentences end at . ! ? (runs count once) or at a paragraph or list-item break.
  const sentences = prose
    .split(/[.!?]+(?=\s|$)|\n\s*\n|\n(?=\s*\S)/)
    .filter((part) => /[A-Za-z]/.test(part)).length;
  if (words.length < MIN_WORDS || sentences === 0) {
    return { score: null, band: null, words: words.length, sentences };
  }
  const syllableCount = words.reduce((sum, word) => sum + syllables(word), 0);
  const raw = 206.835 - 1.015 * (words.length / sentences) - 84.6 * (syllableCount / words.length);
  const score = Math.round(Math.min(100, Math.max(0, raw)));
  return { score, band: bandOf(score), words: words.length, sentences };
}

function bandOf(score: number): ReadabilityBand {
  if (score >= 80) return 'very easy';
  if (score >= 70) return 'easy';
  if (score >= 60) return 'plain';
  if (score >= 50) return 'fairly hard';
  if (score >= 30) return 'hard';
  return 'very hard';
}
