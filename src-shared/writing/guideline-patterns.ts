/**
 * The regular expressions of `patterns` guideline rules, compiled for RE2 (re2js, pure JavaScript, so the
 * editor and the main process run the same engine). RE2 matches in time linear in the text whatever the
 * pattern, so a pattern such as `(a+)+$` costs what any other does instead of freezing the studio.
 * Patterns are written as JavaScript's; what RE2 cannot express is refused when the pack is validated.
 */
import { RE2JS } from 're2js';

/** Longest pattern a rule may use. */
export const MAX_PATTERN_LENGTH = 300;
/** RE2 instructions one pattern may compile to: a repetition such as `{1000}` costs one per repeat. */
export const MAX_PATTERN_PROGRAM = 2000;
/** Patterns in one guideline set, and the instructions of them all: matching costs their sum per character. */
export const MAX_SET_PATTERNS = 1000;
export const MAX_SET_PROGRAM = 20_000;

/** Flags a `patterns` rule may set; `g` is always implied. */
const PATTERN_FLAGS = /^[imsu]*$/;

export type CompiledPattern = { ok: true; regex: RE2JS; program: number } | { ok: false; problem: string };

/** Compiled patterns by flags and source, shared by validation and matching; bounded like the sets are. */
const cache = new Map<string, CompiledPattern>();

/** Compiles a rule's pattern, or says why it cannot be used (in words that follow "pattern /…/"). */
export function compilePattern(source: string, flags = ''): CompiledPattern {
  const key = JSON.stringify([flags, source]);
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = compileUncached(source, flags);
    if (cache.size >= MAX_SET_PATTERNS * 2) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}

function compileUncached(source: string, flags: string): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, problem: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  if (!PATTERN_FLAGS.test(flags) || new Set(flags).size !== flags.length) {
    return { ok: false, problem: `has flags "${flags}"; use each of i, m, s, u at most once` };
  }
  const unsupported = unsupportedSyntax(source);
  if (unsupported !== undefined) return { ok: false, problem: unsupported };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(RE2JS.translateRegExp(source), re2Flags(flags));
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : '';
    return { ok: false, problem: `is not a pattern the checker can run (${reason})` };
  }
  const program = regex.programSize();
  if (program > MAX_PATTERN_PROGRAM) {
    return {
      ok: false,
      problem: `compiles to ${program} steps; the limit is ${MAX_PATTERN_PROGRAM} (a repetition such as {500} counts each repeat)`,
    };
  }
  return { ok: true, regex, program };
}

/** JavaScript's `u` changes nothing here: RE2 always reads the text as Unicode code points. */
function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}

/** JavaScript constructs that need backtracking, named in words RE2's own errors don't offer. */
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/^\(\?[=!]/, 'a lookahead such as (?=…) or (?!…)'],
  [/^\(\?<[=!]/, 'a lookbehind such as (?<=…) or (?<!…)'],
  [/^\\[1-9]/, 'a backreference such as \\1'],
  [/^\\k</, 'a named backreference such as \\k<name>'],
];

function unsupportedSyntax(source: string): string | undefined {
  for (let at = 0; at < source.length; at += 1) {
    const rest = source.slice(at, at + 4);
    for (const [shape, name] of UNSUPPORTED) {
      if (shape.test(rest)) {
        return `uses ${name}, which the linear-time checker cannot run; match the words themselves, or use a terms rule for whole words`;
      }
    }
    if (source[at] === '\\') at += 1;
  }
  return undefined;
}

export interface PatternSpan {
  start: number;
  end: number;
}

/**
 * Every non-empty match of `regex` in `text`, as UTF-16 offsets (shifted by `offset`), for the editor's marks.
 * When the pattern has a group named `flag`, only that group is marked: the rest of the match is context
 * that must be there (a sentence start before, an amount after) but is not the problem itself.
 */
export function patternSpans(regex: RE2JS, text: string, offset = 0): PatternSpan[] {
  const spans: PatternSpan[] = [];
  const flagged = Object.hasOwn(regex.namedGroups(), 'flag');
  const matcher = regex.matcher(text);
  while (matcher.find()) {
    const start = flagged ? matcher.start('flag') : matcher.start();
    const end = flagged ? matcher.end('flag') : matcher.end();
    if (start < 0 || end <= start) continue;
    spans.push({ start: offset + start, end: offset + end });
  }
  return spans;
}
