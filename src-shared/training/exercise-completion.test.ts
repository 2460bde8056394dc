import { describe, expect, it } from 'vitest';
import { CompletionRules } from '../packs/completion';
import {
  describeMissing,
  describeRules,
  exerciseRequirements,
  type RequirementContext,
} from './exercise-completion';

const template = [
  '## The situation',
  '[What was happening, for whom, and why it mattered]',
  '',
  '## What I would tell you',
  '[The lesson, and an invitation to discuss]',
].join('\n');

function context(rules: Record<string, unknown> = {}, findings: RequirementContext['findings'] = []) {
  return { template, rules: CompletionRules.parse(rules), findings };
}

const missing = (text: string, ctx = context()) =>
  exerciseRequirements(text, ctx).flatMap((requirement) =>
    requirement.missing ? [requirement.missing] : [],
  );

const answer = (words: number) =>
  Array.from({ length: words }, (_, index) => `word${index % 37}x${Math.floor(index / 37)}`).join(' ');

describe('exercise requirements', () => {
  it('refuses the untouched template by default, saying what is missing', () => {
    expect(missing(template)).toEqual([
      '7 more words',
      '2 placeholders left, such as “[What was happening, for whom, and why it matt…]”',
      'about 20 more words of your own (0% of the text is yours; 50% needed)',
    ]);
    expect(describeMissing(exerciseRequirements(template, context()))).toMatch(/^7 more words; 2 place/);
  });

  it('refuses a template with a word typed into it, and accepts an answer in the person’s own words', () => {
    const nearly = template.replace('[What was happening, for whom, and why it mattered]', 'x');
    expect(missing(nearly)).toContain(
      '1 placeholder left, such as “[The lesson, and an invitation to discuss]”',
    );
    expect(missing(nearly).some((text) => text.includes('of your own'))).toBe(true);
    const real = `## The situation\n${answer(40)}\n\n## What I would tell you\n${answer(20)}`;
    expect(missing(real)).toEqual([]);
    expect(exerciseRequirements(real, context()).every((requirement) => requirement.met)).toBe(true);
  });

  it('counts words as the editor does, roughly when far off, and says when a draft runs long', () => {
    const rules = { words: { min: 150, max: 300 }, ownWords: 0, placeholders: 'allowed' };
    expect(missing(answer(28), context(rules))).toEqual(['about 120 more words']);
    expect(missing(answer(149), context(rules))).toEqual(['1 more word']);
    expect(missing(answer(343), context(rules))).toEqual(['about 40 words too many (at most 300)']);
    const [words] = exerciseRequirements(answer(200), context(rules));
    expect(words).toEqual({ id: 'words', met: true, rule: '150–300 words', missing: null });
  });

  it('asks for acknowledged findings by default, and for fixed ones where the pack says "resolved"', () => {
    const text = answer(60);
    const findings = [
      { severity: 'must', acknowledged: true },
      { severity: 'should', acknowledged: false },
    ] as const;
    expect(missing(text, context({}, findings))).toEqual(['1 guideline finding to read and acknowledge']);
    expect(missing(text, context({ mustFindings: 'resolved' }, findings))).toEqual([
      '1 “must” guideline finding still in the text (change the text: acknowledging is not enough here); 1 guideline finding to read and acknowledge',
    ]);
    expect(missing(text, context({ mustFindings: 'resolved' }, [findings[1]]))).toEqual([
      '1 guideline finding to read and acknowledge',
    ]);
  });

  it('asks for required elements outside placeholders, and for what must be removed', () => {
    const rules = {
      ownWords: 0,
      placeholders: 'allowed',
      words: { min: 0 },
      require: [
        { what: 'a disclosure line', anyOf: ['I work at', 'my employer'] },
        { what: 'a link to the write-up', link: true },
        { what: 'a question for readers', pattern: '\\?\\s*$', flags: 'm' },
      ],
      remove: [
        { what: 'the customer’s name', anyOf: ['Quillmere'] },
        { what: 'the unpublished figure', pattern: '38\\s*%' },
      ],
    };
    const ctx = context(rules);
    expect(missing('[Disclosure: "I work at [company]"] Quillmere grew 38 %.', ctx)).toEqual([
      'Add a disclosure line',
      'Add a link to the write-up',
      'Add a question for readers',
      'Still in the text: the customer’s name',
      'Still in the text: the unpublished figure',
    ]);
    const fixed =
      'I work at Example Corp. A retailer split its feeds: [the write-up](https://example.com/feeds).\nWould you?';
    expect(missing(fixed, ctx)).toEqual([]);
    // Whole words only: "Quillmeres" is not the name, "MY EMPLOYER" is the phrase.
    expect(missing('MY   EMPLOYER says Quillmeres https://example.com, why?', ctx)).toEqual([]);
  });

  it('names each rule, met or not, for the checklist beside "Ready"', () => {
    const rules = context({
      words: { min: 100, max: 200 },
      mustFindings: 'resolved',
      require: [{ what: 'a disclosure line', anyOf: ['I work'] }],
      remove: [{ what: 'the code name', anyOf: ['Heron'] }],
    });
    expect(describeRules(template, rules.rules)).toEqual([
      '100–200 words',
      'Every [placeholder] replaced with your own words',
      'At least 50% of the words your own',
      'Every “must” guideline finding fixed in the text',
      'Includes a disclosure line',
      'Without the code name',
    ]);
  });
});
