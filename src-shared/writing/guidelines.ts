/**
 * A company's social media guidelines, shipped as data in a course pack (`guidelines.yaml`), and the engine that
 * checks a draft against them in the writing studio.
 *
 * Guidelines should enable, not silence: every rule carries why it exists (`explanation`) and what to do instead
 * (`howToFollow`), and may point to the lesson that teaches it. The engine only marks spans; the writer decides,
 * and can acknowledge each finding ({@link acknowledgementKey}).
 */
import type { z } from 'zod';
import type { Channel } from '../packs/items';
import type {
  Check,
  DisclosureCheck,
  GuidelineSet,
  LengthCheck,
  LengthLimit,
  PatternsCheck,
  ProfanityCheck,
  Rule,
} from './guideline-rules';
import { compilePattern, patternSpans } from './guideline-patterns';
import { blankOut, codeSpans, normaliseForMatching } from './guideline-text';
import { linkMatcher } from './guideline-links';
import { secretSpans } from './secrets';
import { offsetAfterCharacters, offsetAfterWords, postSpans, type Span } from './text-metrics';
import { findUrls, xLength } from './x-count';

export * from './guideline-rules';
export { isPrivateHost, revealsPrivateAddress, urlHost } from './guideline-links';

// ---- Findings -------------------------------------------------------------------------------------------

export interface Finding {
  ruleId: string;
  setId: string;
  title: string;
  severity: 'must' | 'should';
  explanation: string;
  howToFollow: string;
  lesson?: string;
  /** UTF-16 offsets into the checked text, [start, end), for marking the span. */
  start: number;
  end: number;
  /** The matched text, `text.slice(start, end)`. */
  excerpt: string;
  /** How many earlier findings of the same set, rule and excerpt there are: 0 for the first. */
  occurrence: number;
}

export interface CheckContext {
  channel: Channel;
  /** The draft's title: a disclosure in it counts, though findings are only marked in the text. */
  title?: string;
}

type Matcher = (text: string, context: CheckContext) => Span[];

// ---- Words and phrases ----------------------------------------------------------------------------------

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const WORD_CLASS = String.raw`[\p{L}\p{N}\p{M}_]`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One regular expression matching any of `phrases` as whole words (Unicode letters, digits and marks count as
 * word characters), with any run of whitespace between a phrase's words. A phrase that starts or ends with
 * punctuation ("#employee", "disclosure:") needs a word boundary only on its word side. Longer phrases win.
 */
function phraseRegExp(phrases: readonly string[], caseSensitive: boolean): RegExp {
  const alternatives = [...new Set(phrases.map((phrase) => phrase.trim()))]
    .filter((phrase) => phrase !== '')
    .sort((a, b) => b.length - a.length)
    .map((phrase) => {
      const body = phrase
        .split(/\s+/)
        .map(escapeRegExp)
        .join(String.raw`\s+`);
      const before = WORD_CHAR.test(phrase.charAt(0)) ? `(?<!${WORD_CLASS})` : '';
      const after = WORD_CHAR.test(phrase.charAt(phrase.length - 1)) ? `(?!${WORD_CLASS})` : '';
      return before + body + after;
    });
  return new RegExp(`(?:${alternatives.join('|')})`, caseSensitive ? 'gu' : 'giu');
}

function allMatches(regex: RegExp, text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  regex.lastIndex = 0;
  for (const match of text.matchAll(regex)) {
    if (match[0] === '') continue;
    spans.push({ start: offset + match.index, end: offset + match.index + match[0].length });
  }
  return spans;
}

/** Endings a swear word takes: "shits", "damned", "fucking", "crapper", "shitty", "crappiest", "arsehole". */
const INFLECTIONS = 's|es|d|ed|ing|in|er|ers|y|ier|iest|iness|ily|head|heads|hole|holes|bag|bags';
/** The same after a doubled final consonant: "shitty", "crappy", "sodding". */
const DOUBLED_INFLECTIONS = 'y|ier|iest|ed|ing|in|er|ers';

/**
 * The profanity rule's expression: each listed phrase as a whole word and, with `inflections`, each one-word
 * entry with the endings above (its final consonant doubled or not), so a list of stems catches the forms
 * people write without listing every one.
 */
function profanityRegExp(words: readonly string[], inflections: boolean): RegExp {
  if (!inflections) return phraseRegExp(words, false);
  const alternatives = [...new Set(words.map((word) => word.trim().toLowerCase()))]
    .filter((word) => word !== '')
    .sort((a, b) => b.length - a.length)
    .map((word) => {
      if (/\s/.test(word) || !WORD_CHAR.test(word.charAt(word.length - 1))) {
        return word
          .split(/\s+/)
          .map(escapeRegExp)
          .join(String.raw`\s+`);
      }
      const stem = escapeRegExp(word);
      const last = word.charAt(word.length - 1);
      const doubled = /[bcdfgklmnprstvz]/.test(last) ? `|${stem}${last}(?:${DOUBLED_INFLECTIONS})` : '';
      return `${stem}(?:${INFLECTIONS})?${doubled}`;
    });
  return new RegExp(`(?<!${WORD_CLASS})(?:${alternatives.join('|')})(?!${WORD_CLASS})`, 'giu');
}

function profanityMatcher(check: z.infer<typeof ProfanityCheck>): Matcher {
  const regex = profanityRegExp(check.words, check.inflections !== false);
  const allow = check.allow === undefined ? undefined : phraseRegExp(check.allow, false);
  return (text) => {
    const spans = allMatches(regex, text);
    if (allow === undefined || spans.length === 0) return spans;
    const allowed = allMatches(allow, text);
    return spans.filter((span) => !allowed.some((ok) => span.start >= ok.start && span.end <= ok.end));
  };
}

function disclosureMatcher(check: z.infer<typeof DisclosureCheck>): Matcher {
  const employer = phraseRegExp(check.employer, false);
  const disclosure = phraseRegExp(check.disclosurePhrases, false);
  const patterns = (check.disclosurePatterns ?? []).flatMap((pattern) => {
    const compiled = compilePattern(pattern.regex, pattern.flags);
    return compiled.ok ? [compiled.regex] : [];
  });
  const discloses = (text: string): boolean => {
    disclosure.lastIndex = 0;
    return disclosure.test(text) || patterns.some((regex) => regex.matcher(text).find());
  };
  return (text, context) => {
    if (discloses(text)) return [];
    if (context.title !== undefined && discloses(normaliseForMatching(context.title))) return [];
    return allMatches(employer, text);
  };
}

// ---- Patterns and length --------------------------------------------------------------------------------

/** Paragraphs of `text` (separated by blank lines) as [start, end) ranges. */
function paragraphs(text: string): Span[] {
  const ranges: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(/\n[ \t]*\r?\n\s*/g)) {
    if (match.index > start) ranges.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  if (start < text.length) ranges.push({ start, end: text.length });
  return ranges;
}

/**
 * Patterns run on RE2 (guideline-patterns.ts), in time linear in the text. One RE2 cannot compile (a set
 * installed before the check existed) is skipped rather than breaking every other rule.
 */
function patternMatcher(check: z.infer<typeof PatternsCheck>): Matcher {
  const regexes = check.patterns.flatMap((pattern) => {
    const compiled = compilePattern(pattern.regex, pattern.flags);
    return compiled.ok ? [compiled.regex] : [];
  });
  return (text) =>
    paragraphs(text).flatMap(({ start, end }) => {
      const paragraph = text.slice(start, end);
      return regexes.flatMap((regex) => patternSpans(regex, paragraph, start));
    });
}

/** The offset in `section` where X's weighted length first exceeds `max`, or undefined when it fits. */
function xExcessStart(section: string, max: number): number | undefined {
  // Each character outside a URL weighs at least 1, so the excess starts within the first max + 1 of them,
  // or within a URL that begins there: search that prefix rather than the whole (long) section.
  let bound = offsetAfterCharacters(section, max + 1) ?? section.length;
  const crossing = findUrls(section).find((match) => match.start < bound && bound < match.end);
  if (crossing !== undefined) bound = crossing.end;
  if (xLength(section.slice(0, bound)) <= max) {
    if (bound === section.length || xLength(section) <= max) return undefined;
    bound = section.length;
  }
  // The shortest prefix over the limit: its last code point is where the excess starts.
  let low = 0;
  let high = bound;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (xLength(section.slice(0, middle)) > max) high = middle;
    else low = middle + 1;
  }
  let from = Math.max(0, low - 1);
  if (/[\uDC00-\uDFFF]/.test(section.charAt(from)) && from > 0) from -= 1;
  // A URL counts 23 as a whole, so when it crosses the limit, all of it is the excess.
  const url = findUrls(section).find((match) => match.start <= from && from < match.end);
  return url === undefined ? from : url.start;
}

/** The span past the limit in [start, end) of `text`, or undefined when it fits. */
function excess(text: string, { start, end }: Span, limit: LengthLimit): Span | undefined {
  const section = text.slice(start, end);
  let from: number | undefined;
  if (limit.unit === 'characters') {
    from = offsetAfterCharacters(section, limit.max);
  } else if (limit.unit === 'words') {
    from = offsetAfterWords(section, limit.max);
  } else {
    from = xExcessStart(section, limit.max);
  }
  return from === undefined ? undefined : { start: start + from, end };
}

/**
 * The length rule checks the draft's channel only, counting as the editor does (text-metrics.ts): `characters`
 * are user-perceived characters, `words` runs of letters and digits, and `x-weighted` counts as X does
 * ({@link xLength}) for each post of the draft, posts being separated by a line of `---` (a draft without one
 * is a single post). So an X limit of 280 asks the writer to break a long draft into a thread, which the
 * studio's thread splitter then honours. The finding spans the text past the limit.
 */
function lengthMatcher(check: z.infer<typeof LengthCheck>): Matcher {
  return (text, context) => {
    const limit = check.limits[context.channel];
    if (limit === undefined) return [];
    const sections = limit.unit === 'x-weighted' ? postSpans(text) : [{ start: 0, end: text.length }];
    return sections.flatMap((section) => {
      const span = excess(text, section, limit);
      if (span === undefined) return [];
      // Whitespace at the limit is not part of the excess.
      const skipped =
        text.slice(span.start, span.end).length - text.slice(span.start, span.end).trimStart().length;
      return [{ start: Math.min(span.start + skipped, span.end - 1), end: span.end }];
    });
  };
}

// ---- The engine -----------------------------------------------------------------------------------------

function compile(check: Check): Matcher {
  switch (check.kind) {
    case 'disclosure':
      return disclosureMatcher(check);
    case 'terms': {
      const regex = phraseRegExp(check.terms, check.caseSensitive === true);
      return (text) => allMatches(regex, text);
    }
    case 'profanity':
      return profanityMatcher(check);
    case 'secrets':
      return (text) => secretSpans(text, check.kinds, check.allow);
    case 'patterns':
      return patternMatcher(check);
    case 'internal-links':
      return linkMatcher(check);
    case 'length':
      return lengthMatcher(check);
  }
}

const compiled = new WeakMap<Check, Matcher>();

function matcherFor(check: Check): Matcher {
  let matcher = compiled.get(check);
  if (matcher === undefined) {
    matcher = compile(check);
    compiled.set(check, matcher);
  }
  return matcher;
}

/**
 * Checks a draft against guideline sets (already validated with {@link GuidelineSet}) and returns the findings
 * sorted by position. Rules with `channels` run only for those channels. Regular expressions of `patterns`
 * rules run on each paragraph (text between blank lines) separately, which bounds the input any one pattern
 * sees; they run on RE2, whose time is linear in the text whatever the pattern, so a company's patterns
 * cannot stall the studio.
 */
export function checkGuidelines(
  text: string,
  context: CheckContext,
  sets: readonly GuidelineSet[],
): Finding[] {
  const findings: Omit<Finding, 'occurrence'>[] = [];
  const normalised = normaliseForMatching(text);
  let withoutCode: string | undefined;
  const textFor = (rule: Rule): string =>
    rule.skipCode === true ? (withoutCode ??= blankOut(normalised, codeSpans(normalised))) : normalised;
  for (const set of sets) {
    for (const rule of set.rules) {
      if (rule.channels !== undefined && !rule.channels.includes(context.channel)) continue;
      for (const { start, end } of matcherFor(rule.check)(textFor(rule), context)) {
        findings.push({
          ruleId: rule.id,
          setId: set.id,
          title: rule.title,
          severity: rule.severity,
          explanation: rule.explanation,
          howToFollow: rule.howToFollow,
          ...(rule.lesson === undefined ? {} : { lesson: rule.lesson }),
          start,
          end,
          excerpt: text.slice(start, end),
        });
      }
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = JSON.stringify([finding.setId, finding.ruleId, finding.excerpt]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { ...finding, occurrence };
  });
}

/**
 * A stable key for recording that the writer acknowledged a finding: the set, rule, excerpt and which
 * occurrence of that excerpt it is. Edits elsewhere in the draft leave it unchanged.
 */
export function acknowledgementKey(
  finding: Pick<Finding, 'setId' | 'ruleId' | 'excerpt' | 'occurrence'>,
): string {
  return JSON.stringify([finding.setId, finding.ruleId, finding.excerpt, finding.occurrence]);
}

/** The findings the writer has not acknowledged yet. */
export function unacknowledged(findings: readonly Finding[], acknowledgedKeys: Iterable<string>): Finding[] {
  const keys = new Set(acknowledgedKeys);
  return findings.filter((finding) => !keys.has(acknowledgementKey(finding)));
}
