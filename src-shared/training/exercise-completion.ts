/**
 * Whether an exercise's draft meets the exercise's completion rules (src-shared/packs/completion.ts), rule
 * by rule, with what is still missing in words the studio shows beside "Ready". The same function runs in
 * the editor as the person types and in the main process before a draft may be marked ready.
 */
import type { CompletionRules, TextCheck } from '../packs/completion';
import { compilePattern } from '../writing/guideline-patterns';
import { countWords } from '../writing/text-metrics';
import { copiedShare, ownWords, placeholderSpans, withoutPlaceholders } from './template-text';

export interface RequirementContext {
  /** The exercise's template, which the draft started from. */
  template: string;
  rules: CompletionRules;
  /** The exercise's model answer, when its body has one: a draft may not be that answer copied out. */
  modelAnswer?: string | null;
  /** The draft's guideline findings now, each with whether the writer acknowledged it. */
  findings: readonly { severity: 'must' | 'should'; acknowledged: boolean }[];
}

export interface Requirement {
  /** Stable within one exercise: `words`, `placeholders`, `own-words`, `findings`, `require-0`, `remove-2`… */
  id: string;
  met: boolean;
  /** What the rule asks, shown whether met or not: "150–300 words". */
  rule: string;
  /** What is still missing, when not met: "about 120 more words". */
  missing: string | null;
}

/** Every rule of the exercise, checked against the draft's text. */
export function exerciseRequirements(text: string, context: RequirementContext): Requirement[] {
  const { rules } = context;
  const requirements = [wordsRequirement(text, rules.words)];
  if (rules.placeholders === 'none') requirements.push(placeholdersRequirement(text));
  if (rules.ownWords > 0) requirements.push(ownWordsRequirement(text, context.template, rules.ownWords));
  if (context.modelAnswer)
    requirements.push(notCopiedRequirement(text, context.modelAnswer, context.template));
  requirements.push(findingsRequirement(context.findings, rules.mustFindings));
  const prose = withoutPlaceholders(text);
  rules.require.forEach((check, index) => {
    const met = contains(prose, check) ?? true;
    requirements.push({
      id: `require-${index}`,
      met,
      rule: `Includes ${check.what}`,
      missing: met ? null : `Add ${check.what}`,
    });
  });
  rules.remove.forEach((check, index) => {
    const met = !(contains(text, check) ?? false);
    requirements.push({
      id: `remove-${index}`,
      met,
      rule: `Without ${check.what}`,
      missing: met ? null : `Still in the text: ${check.what}`,
    });
  });
  return requirements;
}

/** What an exercise asks before its draft can be ready, one line per rule, for the exercise's page. */
export function describeRules(template: string, rules: CompletionRules): string[] {
  return exerciseRequirements(template, { template, rules, findings: [] }).map(
    (requirement) => requirement.rule,
  );
}

/** The requirements not met, as one sentence for a refusal: "3 placeholders left; about 120 more words." */
export function describeMissing(requirements: readonly Requirement[]): string {
  const missing = requirements.flatMap((requirement) => (requirement.missing ? [requirement.missing] : []));
  return missing.length === 0 ? '' : `${missing.join('; ')}.`;
}

/** "7", or "about 120" once a count is large enough that the exact figure would only read as noise. */
function roughly(count: number): string {
  return count <= 10 ? String(count) : `about ${Math.max(10, Math.round(count / 10) * 10)}`;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

function wordsRequirement(text: string, range: CompletionRules['words']): Requirement {
  const words = countWords(text);
  const { min, max } = range;
  const rule =
    max === undefined
      ? `At least ${min.toLocaleString('en')} words`
      : `${min.toLocaleString('en')}–${max.toLocaleString('en')} words`;
  if (words < min) {
    const short = min - words;
    return {
      id: 'words',
      met: false,
      rule,
      missing: `${roughly(short)} more ${plural(short, 'word', 'words')}`,
    };
  }
  if (max !== undefined && words > max) {
    const over = words - max;
    return {
      id: 'words',
      met: false,
      rule,
      missing: `${roughly(over)} ${plural(over, 'word', 'words')} too many (at most ${max.toLocaleString('en')})`,
    };
  }
  return { id: 'words', met: true, rule, missing: null };
}

function placeholdersRequirement(text: string): Requirement {
  const spans = placeholderSpans(text);
  const rule = 'Every [placeholder] replaced with your own words';
  const first = spans[0];
  if (first === undefined) return { id: 'placeholders', met: true, rule, missing: null };
  const excerpt = text.slice(first.start, first.end).replace(/\s+/g, ' ');
  const shown = excerpt.length > 48 ? `${excerpt.slice(0, 46)}…]` : excerpt;
  return {
    id: 'placeholders',
    met: false,
    rule,
    missing: `${spans.length} ${plural(spans.length, 'placeholder', 'placeholders')} left, such as “${shown}”`,
  };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function ownWordsRequirement(text: string, template: string, share: number): Requirement {
  const { own, total } = ownWords(text, template);
  const rule = `At least ${percent(share)} of the words your own`;
  if (total > 0 && own / total >= share) return { id: 'own-words', met: true, rule, missing: null };
  // Adding x words of one's own gives (own + x) / (total + x) ≥ share.
  const needed = Math.max(1, Math.ceil((share * total - own) / (1 - share)));
  return {
    id: 'own-words',
    met: false,
    rule,
    missing:
      `${roughly(needed)} more ${plural(needed, 'word', 'words')} of your own ` +
      `(${percent(total === 0 ? 0 : own / total)} of the text is yours; ${percent(share)} needed)`,
  };
}

/** More than this share of a draft in the model answer's exact wording is copying, not the exercise. */
export const MOST_COPIED = 0.25;

function notCopiedRequirement(text: string, modelAnswer: string, template: string): Requirement {
  const share = copiedShare(text, modelAnswer, template);
  const rule = 'In your own words, not the model answer’s';
  if (share <= MOST_COPIED) return { id: 'not-copied', met: true, rule, missing: null };
  return {
    id: 'not-copied',
    met: false,
    rule,
    missing: `${percent(share)} of the text is the model answer word for word: write about your own work`,
  };
}

function findingsRequirement(
  findings: RequirementContext['findings'],
  mustFindings: CompletionRules['mustFindings'],
): Requirement {
  const resolve = mustFindings === 'resolved';
  const inText = resolve ? findings.filter((finding) => finding.severity === 'must').length : 0;
  const toAcknowledge = findings.filter(
    (finding) => !finding.acknowledged && !(resolve && finding.severity === 'must'),
  ).length;
  const rule = resolve
    ? 'Every “must” guideline finding fixed in the text'
    : 'Every guideline finding read and acknowledged';
  const missing = [
    inText > 0
      ? `${inText} “must” guideline ${plural(inText, 'finding', 'findings')} still in the text (change the text: acknowledging is not enough here)`
      : '',
    toAcknowledge > 0
      ? `${toAcknowledge} guideline ${plural(toAcknowledge, 'finding', 'findings')} to read and acknowledge`
      : '',
  ].filter((part) => part !== '');
  return { id: 'findings', met: missing.length === 0, rule, missing: missing.join('; ') || null };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const phraseRegExps = new WeakMap<readonly string[], RegExp>();

/** Any of the phrases as whole words, ignoring case, with any white space between their words. */
function phraseRegExp(phrases: readonly string[]): RegExp {
  let regex = phraseRegExps.get(phrases);
  if (regex === undefined) {
    const alternatives = phrases.map((phrase) => {
      const body = phrase
        .trim()
        .split(/\s+/)
        .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
        .join('\\s+');
      const before = WORD_CHAR.test(phrase.trim().charAt(0)) ? '(?<![\\p{L}\\p{N}\\p{M}_])' : '';
      const after = WORD_CHAR.test(phrase.trim().slice(-1)) ? '(?![\\p{L}\\p{N}\\p{M}_])' : '';
      return before + body + after;
    });
    regex = new RegExp(alternatives.join('|'), 'iu');
    phraseRegExps.set(phrases, regex);
  }
  return regex;
}

/** A web address, written out or as the target of a Markdown link. */
const LINK = /\bhttps?:\/\/[^\s<>()[\]"']+\.[^\s<>()[\]"']+/i;

/** Whether the text holds what the check looks for; undefined when it cannot tell, and then it asks nothing. */
function contains(text: string, check: TextCheck): boolean | undefined {
  if (check.link) return LINK.test(text);
  if (check.anyOf) return phraseRegExp(check.anyOf).test(text);
  if (check.pattern === undefined) return undefined;
  // A pattern that no longer compiles (stored under older rules) is left out rather than blocking.
  const compiled = compilePattern(check.pattern, check.flags);
  return compiled.ok ? compiled.regex.test(text) : undefined;
}
