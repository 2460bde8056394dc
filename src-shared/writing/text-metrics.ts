/**
 * One way to count a draft, used by the editor's counts, the channel meters, the guideline length rule, the
 * X thread splitter and the versions list, so no two of them can disagree about the same text:
 * - a character is a user-perceived character (close to Unicode's extended grapheme cluster): é written as
 *   e + accent is one, so is 👋🏽 or a flag;
 * - a word is a run of letters or digits, with apostrophes and hyphens inside it ("don't", "e-mail");
 * - a line holding only `---` breaks a thread into posts.
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * A code point with its combining marks, CRLF, a flag, a keycap, an emoji with its modifiers and ZWJ
 * sequence, or an Indic conjunct (a consonant, virama, consonant: Unicode 15.1's rule GB9c). A regular expression, as `Intl.Segmenter` is far too slow for long drafts (and differs by engine).
 */
const GRAPHEME =
  /\r\n|\p{RI}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}[\p{M}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]*(?:\u200D\p{Extended_Pictographic}[\p{M}\p{Emoji_Modifier}\u{E0020}-\u{E007F}]*)*|[\s\S](?:[\p{M}\u{E0020}-\u{E007F}]|\u200C|\u200D|(?<=[\u094D\u09CD\u0ACD\u0B4D\u0C4D\u0D4D]\u200D?)\p{L})*/gu;
/** Every mark, joiner, emoji part and surrogate is at U+0300 or above: below, one unit is one character. */
const BEYOND_SIMPLE = /[\u0300-\uffff]/;

/** The user-perceived characters of `text`. */
export function graphemes(text: string): string[] {
  return text.match(GRAPHEME) ?? [];
}

/** How many user-perceived characters `text` holds. */
export function countCharacters(text: string): number {
  if (!BEYOND_SIMPLE.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0);
  let count = 0;
  for (const _ of text.matchAll(GRAPHEME)) count += 1;
  return count;
}

/** The offset in `text` after its first `count` characters, or undefined when it has no more than that. */
export function offsetAfterCharacters(text: string, count: number): number | undefined {
  if (text.length <= count) return undefined;
  let seen = 0;
  for (const match of text.matchAll(GRAPHEME)) {
    if (seen === count) return match.index;
    seen += 1;
  }
  return undefined;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** How many words `text` holds. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The words of `text`, in order, as {@link countWords} counts them. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Where the word after the first `count` words starts, or undefined when there are no more. */
export function offsetAfterWords(text: string, count: number): number | undefined {
  let seen = 0;
  for (const match of text.matchAll(WORD)) {
    if (seen === count) return match.index;
    seen += 1;
  }
  return undefined;
}

/** A line of exactly `---` (spaces or tabs around it allowed). */
export const POST_BREAK = /^[ \t]*---[ \t]*$/m;

/** Whether one line of a draft (without its line break) is a post break of a thread. */
export function isPostBreak(line: string): boolean {
  return /^[ \t]*---[ \t]*$/.test(line);
}

/** The posts of a thread: the text between `---` lines, each trimmed, empty ones left out, as spans. */
export function postSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (from: number, to: number): void => {
    const section = text.slice(from, to);
    const leading = section.length - section.trimStart().length;
    const trimmed = section.trim();
    if (trimmed !== '') spans.push({ start: from + leading, end: from + leading + trimmed.length });
  };
  for (const match of text.matchAll(new RegExp(POST_BREAK.source, 'gm'))) {
    push(start, match.index);
    start = match.index + match[0].length;
  }
  push(start, text.length);
  return spans;
}
