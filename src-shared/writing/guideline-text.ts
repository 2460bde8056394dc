/**
 * How the guideline engine reads a draft before any rule looks at it: typographic quotes and odd spaces are
 * made plain, and code (fenced blocks, inline code) can be blanked out for rules that should not read it.
 * Both keep every character where it was, so a finding's offsets mark the same span of the writer's text.
 */
import type { Span } from './text-metrics';

/** Curly and prime quotes that writers' tools put in for ' and ". */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u02BC]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
/** Spaces other than ASCII's: no-break, en/em and thin spaces, the ideographic space. */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** Hyphens that look like "-": the Unicode hyphen and the non-breaking hyphen. */
const ODD_HYPHENS = /[\u2010\u2011]/g;

/**
 * The text as rules match it: curly apostrophes and quotes become ' and ", Unicode spaces a plain space and
 * Unicode hyphens "-". Every replacement is one UTF-16 unit for one, so offsets are unchanged. (Tabs and line
 * breaks are left alone: phrases already match any run of white space, and paragraphs need their breaks.)
 */
export function normaliseForMatching(text: string): string {
  return text
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(ODD_SPACES, ' ')
    .replace(ODD_HYPHENS, '-');
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The code in a Markdown draft: fenced blocks (``` or ~~~, to their closing fence or the end of the draft)
 * and inline code spans (a run of backticks to the next run of the same length in the same paragraph).
 */
export function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  let offset = 0;
  let fence: { char: string; length: number; start: number } | undefined;
  const prose: Span[] = [];
  let proseStart = 0;
  for (const line of text.split('\n')) {
    const lineEnd = offset + line.length;
    if (fence === undefined) {
      const open = FENCE_OPEN.exec(line);
      // A backtick fence's info string may not contain backticks.
      const marker = open?.[1];
      const info = open === null ? '' : line.slice(open[0].length);
      if (marker !== undefined && !(marker.startsWith('`') && info.includes('`'))) {
        fence = { char: marker.charAt(0), length: marker.length, start: offset };
        if (offset > proseStart) prose.push({ start: proseStart, end: offset });
      }
    } else {
      const trimmed = line.trim();
      const { char, length } = fence;
      if (/^ {0,3}[`~]/.test(line) && trimmed.length >= length && [...trimmed].every((c) => c === char)) {
        spans.push({ start: fence.start, end: lineEnd });
        fence = undefined;
        proseStart = Math.min(lineEnd + 1, text.length);
      }
    }
    offset = lineEnd + 1;
  }
  if (fence !== undefined) spans.push({ start: fence.start, end: text.length });
  else if (proseStart < text.length) prose.push({ start: proseStart, end: text.length });

  for (const range of prose) spans.push(...inlineCode(text, range));
  return spans.sort((a, b) => a.start - b.start);
}

function inlineCode(text: string, { start, end }: Span): Span[] {
  const spans: Span[] = [];
  const section = text.slice(start, end);
  const runs = [...section.matchAll(/`+/g)].map((match) => ({ at: match.index, length: match[0].length }));
  for (let i = 0; i < runs.length; i += 1) {
    const open = runs[i];
    if (open === undefined) break;
    for (let j = i + 1; j < runs.length; j += 1) {
      const close = runs[j];
      if (close === undefined || close.length !== open.length) continue;
      // A code span does not cross a blank line, which ends the paragraph.
      if (/\n[ \t]*\n/.test(section.slice(open.at, close.at))) break;
      spans.push({ start: start + open.at, end: start + close.at + close.length });
      i = j;
      break;
    }
  }
  return spans;
}

/** `text` with every character of `spans` but line breaks replaced by a space, so nothing in them matches. */
export function blankOut(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let result = '';
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at) continue;
    result += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return result + text.slice(at);
}
