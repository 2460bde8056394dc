import { z } from 'zod';
import { compilePattern, MAX_PATTERN_LENGTH } from '../writing/guideline-patterns';

/**
 * When an exercise's draft may be marked ready, and so the exercise count as done: `completion:` in the
 * exercise's front matter (docs/course-packs.md). Every field has a default, so a pack that says nothing
 * still gets rules under which an untouched or nearly untouched template never completes.
 */

/** Words a draft needs when the pack names no minimum: enough that "x" or a heading is not an answer. */
export const DEFAULT_MIN_WORDS = 30;
/** The share of a draft's words that must be the learner's own when the pack does not say. */
export const DEFAULT_OWN_WORDS = 0.5;

const What = z.string().trim().min(1).max(120);
const Phrases = z.array(z.string().trim().min(1).max(200)).min(1).max(200);

/**
 * Something the text must contain (`require`) or must no longer contain (`remove`): any of some phrases
 * (whole words, ignoring case), a regular expression (RE2, as guideline patterns), or a web link.
 */
export const TextCheck = z
  .strictObject({
    /** What the learner reads in the hint: "a disclosure line", "the customer's name". */
    what: What,
    anyOf: Phrases.optional(),
    pattern: z.string().min(1).max(MAX_PATTERN_LENGTH).optional(),
    /** Flags for `pattern`, from i m s u. */
    flags: z.string().max(4).optional(),
    /** Any http or https address, as a Markdown link or written out. */
    link: z.literal(true).optional(),
  })
  .superRefine((check, ctx) => {
    const given = [check.anyOf, check.pattern, check.link].filter((value) => value !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of anyOf (phrases), pattern (a regular expression) or link: true',
      });
    }
    if (check.flags !== undefined && check.pattern === undefined) {
      ctx.addIssue({ code: 'custom', path: ['flags'], message: 'flags apply to a pattern only' });
    }
    if (check.pattern !== undefined) {
      const compiled = compilePattern(check.pattern, check.flags);
      if (!compiled.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message: `pattern /${check.pattern}/ ${compiled.problem}`,
        });
      }
    }
  });
export type TextCheck = z.infer<typeof TextCheck>;

export const WordRange = z
  .strictObject({
    /** Counted as the editor counts (src-shared/writing/text-metrics.ts). */
    min: z.number().int().min(0).max(100_000).default(DEFAULT_MIN_WORDS),
    max: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((range) => range.max === undefined || range.min <= range.max, {
    message: 'min must not be more than max',
    path: ['max'],
  });

export const CompletionRules = z.strictObject({
  words: WordRange.default({ min: DEFAULT_MIN_WORDS }),
  /** The share of the draft's words, 0 to 0.95, that are not in the template. */
  ownWords: z
    .number()
    .min(0, 'ownWords is a share from 0 to 0.95')
    .max(0.95, 'ownWords is a share from 0 to 0.95, like 0.5 for half')
    .default(DEFAULT_OWN_WORDS),
  /** `none`: every [bracketed placeholder] must be replaced; `allowed`: brackets are left alone. */
  placeholders: z.enum(['none', 'allowed']).default('none'),
  /**
   * Guideline findings of severity `must`: `acknowledged` (the writer read each, as for any draft) or
   * `resolved` (the text no longer triggers them; acknowledging is not enough).
   */
  mustFindings: z.enum(['acknowledged', 'resolved']).default('acknowledged'),
  require: z.array(TextCheck).max(50).default([]),
  remove: z.array(TextCheck).max(50).default([]),
});
export type CompletionRules = z.infer<typeof CompletionRules>;

/**
 * The rules of an exercise as stored with its item: the pack's, with defaults for what it left out; the
 * defaults alone for an exercise installed before rules existed, or stored rules that no longer parse.
 */
export function completionRulesOf(details: Readonly<Record<string, unknown>>): CompletionRules {
  const parsed = CompletionRules.safeParse(details['completion'] ?? {});
  return parsed.success ? parsed.data : CompletionRules.parse({});
}
