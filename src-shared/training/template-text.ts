/**
 * What of a draft still is its exercise's template: the [bracketed placeholders] left in it, and how much
 * of the text is the learner's own. Pure, so the studio shows it as the person types and the main process
 * checks the same before a draft may be marked ready.
 */
import { wordsOf, type Span } from '../writing/text-metrics';

/** Fenced code blocks and `inline code`: brackets and words in code are the code's, not a template's. */
const CODE = /^([ \t]*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]*\2[ \t]*$|(?![\s\S]))|`[^`\n]+`/gm;

/** `text` with its code replaced by spaces (line breaks kept), so offsets still point into `text`. */
export function maskCode(text: string): string {
  return text.replace(CODE, (code) => code.replace(/[^\n]/g, ' '));
}

/**
 * The placeholders of a template left in `text`: each outermost `[…]` holding a letter, within one
 * paragraph, that is not a link (`[text](url)`, `[text][ref]`, `[ref]: url`), an image or a task box
 * (`[x]`). Nested brackets (`[I'm a [role] at [company]]`) count once, as one placeholder.
 */
export function placeholderSpans(text: string): Span[] {
  const masked = maskCode(text);
  const spans: Span[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < masked.length; at += 1) {
    const char = masked[at];
    if (char === '\\') {
      at += 1;
    } else if (char === '[') {
      if (depth === 0) start = at;
      depth += 1;
    } else if (char === ']' && depth > 0) {
      depth -= 1;
      if (depth === 0 && isPlaceholder(masked, start, at + 1)) spans.push({ start, end: at + 1 });
    } else if (char === '\n' && depth > 0 && /^\n[ \t]*\n/.test(masked.slice(at, at + 80))) {
      depth = 0; // A blank line ends a paragraph, and with it any bracket left open.
    }
  }
  return spans;
}

function isPlaceholder(text: string, start: number, end: number): boolean {
  // `![alt](…)` is an image, and the `[ref]` of `[text][ref]` follows a bracket.
  if (text[start - 1] === '!' || text[start - 1] === ']') return false;
  if (/^[([:]/.test(text.slice(end, end + 1))) return false;
  const inside = text.slice(start + 1, end - 1);
  return /\p{L}/u.test(inside) && !/^\s*[xX]?\s*$/.test(inside);
}

/** `text` with its placeholders blanked out, for checks that must not count a template's hints. */
export function withoutPlaceholders(text: string): string {
  let result = '';
  let from = 0;
  for (const span of placeholderSpans(text)) {
    result += text.slice(from, span.start) + ' '.repeat(span.end - span.start);
    from = span.end;
  }
  return result + text.slice(from);
}

export interface OwnWords {
  /** Words of the text that the template does not account for. */
  own: number;
  total: number;
}

/**
 * How many of the text's words are the learner's: each word of the template (ignoring case) accounts for
 * one occurrence in the text, wherever it is, so moving or keeping template text adds nothing of one's own.
 */
export function ownWords(text: string, template: string): OwnWords {
  const available = new Map<string, number>();
  for (const word of wordsOf(template)) {
    const key = word.toLowerCase();
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  const words = wordsOf(text);
  let own = 0;
  for (const word of words) {
    const key = word.toLowerCase();
    const left = available.get(key) ?? 0;
    if (left > 0) available.set(key, left - 1);
    else own += 1;
  }
  return { own, total: words.length };
}

/** The `## A model answer` section of an exercise's body (docs/course-packs.md), or null when it has none. */
export function modelAnswerOf(body: string): string | null {
  const lines = body.split('\n');
  const start = lines.findIndex((line) => /^##[ \t]+A model answer[ \t]*$/i.test(line));
  if (start === -1) return null;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^#{1,2}[ \t]/.test(line));
  const section = (end === -1 ? rest : rest.slice(0, end)).map((line) => line.replace(/^[ \t]*>[ \t]?/, ''));
  const text = section.join('\n').trim();
  return text === '' ? null : text;
}

/** How many words in a row make a copied passage: shorter runs are shared phrasing, not copying. */
const RUN = 6;

/**
 * The share of the text's words that sit in a run of RUN or more words found, in that order, in `source`
 * (ignoring case) but not in the template: how much of a draft is the model answer's wording.
 */
export function copiedShare(text: string, source: string, template: string): number {
  const words = wordsOf(text).map((word) => word.toLowerCase());
  if (words.length < RUN) return 0;
  const runsOf = (input: string) => {
    const list = wordsOf(input).map((word) => word.toLowerCase());
    const runs = new Set<string>();
    for (let at = 0; at + RUN <= list.length; at += 1) runs.add(list.slice(at, at + RUN).join(' '));
    return runs;
  };
  const given = runsOf(template);
  const copied = [...runsOf(source)].filter((run) => !given.has(run));
  const runs = new Set(copied);
  const covered = new Uint8Array(words.length);
  for (let at = 0; at + RUN <= words.length; at += 1) {
    if (runs.has(words.slice(at, at + RUN).join(' '))) covered.fill(1, at, at + RUN);
  }
  return covered.reduce((sum, flag) => sum + flag, 0) / words.length;
}
