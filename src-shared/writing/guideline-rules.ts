/**
 * The shape of a company's social media guidelines, as written in a course pack's `guidelines.yaml`:
 * each rule says why it exists and how to follow it, and checks one kind of thing (see guidelines.ts).
 */
import { z } from 'zod';
import { Channel } from '../packs/items';
import { compilePattern, MAX_SET_PATTERNS, MAX_SET_PROGRAM } from './guideline-patterns';
import { SECRET_KINDS } from './secrets';

export { MAX_PATTERN_LENGTH } from './guideline-patterns';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Slug = z.string().max(100).regex(SLUG, 'use lower-case letters, digits and single hyphens');
const Title = z.string().trim().min(1).max(200);
const Prose = z.string().trim().min(1).max(4000);
const Phrase = z.string().trim().min(1).max(200);
const Phrases = z.array(Phrase).min(1).max(2000);

export const Pattern = z.strictObject({
  regex: z.string().min(1),
  flags: z.string().optional(),
});

export const DisclosureCheck = z.strictObject({
  kind: z.literal('disclosure'),
  /** Names and product names that count as mentioning the employer. */
  employer: Phrases,
  /** Phrases that disclose the relationship, e.g. "I work at", "my employer", "#employee", "disclosure:". */
  disclosurePhrases: Phrases,
  /** Regular expressions that disclose it too, for shapes a phrase can't hold ("I'm a … at Northwind"). */
  disclosurePatterns: z.array(Pattern).min(1).max(50).optional(),
});

export const TermsCheck = z.strictObject({
  kind: z.literal('terms'),
  terms: Phrases,
  caseSensitive: z.boolean().optional(),
});

export const PatternsCheck = z.strictObject({
  kind: z.literal('patterns'),
  patterns: z.array(Pattern).min(1).max(200),
});

export const InternalLinksCheck = z.strictObject({
  kind: z.literal('internal-links'),
  /** Hosts whose links stay inside: `intranet.example.com` (and its subdomains) or `*.corp.example`. */
  hosts: z.array(Phrase).max(500).default([]),
  /**
   * Also flag private addresses that reveal something: 10.x, 192.168.x, 172.16–31.x, *.local, *.internal,
   * *.lan, *.corp, *.intranet, in links or in prose; not loopback (localhost, 127.x, ::1), link-local,
   * well-known names (host.docker.internal, metadata.google.internal) or default addresses and generic
   * blocks every network has (192.168.1.1, 10.0.0.0/8, 172.16.0.0/12).
   */
  privateAddresses: z.boolean().optional(),
});

export const ProfanityCheck = z.strictObject({
  kind: z.literal('profanity'),
  words: Phrases,
  /** Also flag inflected forms of one-word entries: "shit" finds "shitty", "crap" finds "crappy" (default true). */
  inflections: z.boolean().optional(),
  /** Phrases in which a listed word is innocent: "Damn Vulnerable Web Application", "damning". */
  allow: z.array(Phrase).max(500).optional(),
});

export const SecretsCheck = z.strictObject({
  kind: z.literal('secrets'),
  /** Which shapes to look for; every one when absent. */
  kinds: z.array(z.enum(SECRET_KINDS)).min(1).optional(),
  /** Values that are known to be harmless (a published example key): a match containing one is left alone. */
  allow: z.array(Phrase).max(500).optional(),
});

export const LengthLimit = z.strictObject({
  max: z.number().int().positive(),
  unit: z.enum(['characters', 'words', 'x-weighted']),
});
export type LengthLimit = z.infer<typeof LengthLimit>;

export const LengthCheck = z.strictObject({
  kind: z.literal('length'),
  limits: z.partialRecord(Channel, LengthLimit),
});

export const Check = z.discriminatedUnion('kind', [
  DisclosureCheck,
  TermsCheck,
  PatternsCheck,
  InternalLinksCheck,
  ProfanityCheck,
  LengthCheck,
  SecretsCheck,
]);
export type Check = z.infer<typeof Check>;

export const Rule = z
  .strictObject({
    id: Slug,
    title: Title,
    /** Plain words: why the rule exists. */
    explanation: Prose,
    /** What to do instead. */
    howToFollow: Prose,
    /** An item id in the pack that teaches the rule, e.g. "disclose-your-employer". */
    lesson: Slug.optional(),
    severity: z.enum(['must', 'should']),
    /** Only check drafts for these channels; every channel when absent. */
    channels: z.array(Channel).min(1).optional(),
    /** Don't read code: fenced code blocks and inline code are left out of the check (default false). */
    skipCode: z.boolean().optional(),
    check: Check,
  })
  .superRefine((rule, ctx) => {
    const [field, patterns] = rulePatterns(rule.check);
    patterns.forEach((pattern, index) => {
      const compiled = compilePattern(pattern.regex, pattern.flags);
      if (!compiled.ok) {
        ctx.addIssue({
          code: 'custom',
          path: ['check', field, index, 'regex'],
          message: `Rule "${rule.id}": pattern /${pattern.regex}/ ${compiled.problem}`,
        });
      }
    });
  });
export type Rule = z.infer<typeof Rule>;

/** The regular expressions a check carries, and the field that holds them. */
function rulePatterns(check: Check): [string, readonly z.infer<typeof Pattern>[]] {
  if (check.kind === 'patterns') return ['patterns', check.patterns];
  if (check.kind === 'disclosure') return ['disclosurePatterns', check.disclosurePatterns ?? []];
  return ['patterns', []];
}

/** A company's guidelines, as written in a pack's `guidelines.yaml`. */
export const GuidelineSet = z
  .strictObject({
    id: Slug,
    title: Title,
    rules: z.array(Rule).min(1).max(500),
  })
  .superRefine((set, ctx) => {
    patternBudget(set.rules, ctx);
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `Rule id "${rule.id}" is used twice`,
        });
      }
      seen.add(rule.id);
    });
  });
export type GuidelineSet = z.infer<typeof GuidelineSet>;

/**
 * Matching a draft costs about the instructions of all a set's patterns per character, so the set as a whole
 * is capped too; the issue sits on the pattern that goes over.
 */
function patternBudget(rules: readonly Rule[], ctx: z.RefinementCtx): void {
  let patterns = 0;
  let program = 0;
  for (const [r, rule] of rules.entries()) {
    const [field, list] = rulePatterns(rule.check);
    for (const [p, pattern] of list.entries()) {
      const compiled = compilePattern(pattern.regex, pattern.flags);
      patterns += 1;
      program += compiled.ok ? compiled.program : 0;
      if (patterns <= MAX_SET_PATTERNS && program <= MAX_SET_PROGRAM) continue;
      const over =
        patterns > MAX_SET_PATTERNS
          ? `is pattern ${patterns}; a guideline set may have at most ${MAX_SET_PATTERNS}`
          : `brings the set's patterns to ${program} steps; the limit is ${MAX_SET_PROGRAM} in all`;
      ctx.addIssue({
        code: 'custom',
        path: ['rules', r, 'check', field, p, 'regex'],
        message: `Rule "${rule.id}": pattern /${pattern.regex}/ ${over}`,
      });
      return;
    }
  }
}
