import { describe, expect, it } from 'vitest';
import { compilePattern, MAX_PATTERN_PROGRAM, patternSpans } from './guideline-patterns';
import { checkGuidelines, GuidelineSet } from './guidelines';

function setOf(patterns: { regex: string; flags?: string }[][]) {
  return GuidelineSet.safeParse({
    id: 'set',
    title: 'Set',
    rules: patterns.map((list, index) => ({
      id: `rule-${index}`,
      title: 'No forecasts',
      explanation: 'Why.',
      howToFollow: 'How.',
      severity: 'should',
      check: { kind: 'patterns', patterns: list },
    })),
  });
}

function spansOf(regex: string, text: string, flags = '') {
  const compiled = compilePattern(regex, flags);
  if (!compiled.ok) throw new Error(compiled.problem);
  return patternSpans(compiled.regex, text).map(({ start, end }) => text.slice(start, end));
}

describe('patterns that backtrack exponentially in JavaScript', () => {
  // Each took from a minute to hours on this draft with the RegExp engine (so the test timed out); RE2 takes
  // milliseconds.
  const draft = `${'a'.repeat(30)}!`;

  it.each([String.raw`(\w+\s?)+$`, '((a+))+$', '(a|a)*$', '(.*a){12}$'])(
    'checks a 31-character draft against %s at once',
    (regex) => {
      const set = setOf([[{ regex, flags: 'i' }]]);
      expect(set.success).toBe(true);
      const findings = checkGuidelines(draft, { channel: 'blog' }, [set.data as GuidelineSet]);
      expect(findings.map((finding) => finding.excerpt)).toEqual([]);
    },
  );

  it('still finds what they match', () => {
    expect(spansOf('(a|a)*$', 'xaaa')).toEqual(['aaa']);
    expect(spansOf(String.raw`(\w+\s?)+$`, 'one two three')).toEqual(['one two three']);
  });
});

describe('JavaScript patterns on RE2', () => {
  it('keeps the flags i, m, s and u', () => {
    expect(spansOf('^next quarter', 'Next quarter\nnext quarter', 'im')).toEqual([
      'Next quarter',
      'next quarter',
    ]);
    expect(spansOf('expect.*growth', 'expect\ngrowth', 's')).toEqual(['expect\ngrowth']);
    expect(spansOf('expect.*growth', 'expect\ngrowth')).toEqual([]);
    expect(spansOf(String.raw`\p{Lu}\p{Ll}+`, 'Zürich and Ölsen', 'u')).toEqual(['Zürich', 'Ölsen']);
  });

  it('reads \\u escapes and named groups as JavaScript does', () => {
    expect(spansOf(String.raw`caf\u00e9`, 'a café')).toEqual(['café']);
    expect(spansOf(String.raw`(?<amount>\$\d+)`, 'costs $40')).toEqual(['$40']);
  });

  it('returns UTF-16 offsets, as the editor marks them', () => {
    const text = '😀 Ünïcode 😀 revenue';
    const compiled = compilePattern('revenue');
    expect(compiled.ok && patternSpans(compiled.regex, text, 10)).toEqual([
      { start: 10 + text.indexOf('revenue'), end: 10 + text.length },
    ]);
  });

  it.each([
    ['price(?= target)', 'uses a lookahead such as (?=…) or (?!…), which the linear-time checker cannot run'],
    ['(?<!not )guaranteed', 'uses a lookbehind such as (?<=…) or (?<!…)'],
    [String.raw`(\w+) \1`, 'uses a backreference such as \\1'],
    [String.raw`(?<w>\w+) \k<w>`, 'uses a named backreference such as \\k<name>'],
    ['a{1001}', 'is not a pattern the checker can run (invalid repeat count: `{1001}`)'],
    [String.raw`[\p{L}]{1000}\w{1000}`, `compiles to 2002 steps; the limit is ${MAX_PATTERN_PROGRAM}`],
  ])('refuses %s, saying why', (regex, words) => {
    const compiled = compilePattern(regex);
    expect(compiled.ok).toBe(false);
    expect(!compiled.ok && compiled.problem).toContain(words);
  });

  it('does not take an escaped parenthesis or backslash for a lookahead or backreference', () => {
    expect(compilePattern(String.raw`\(?=\)`).ok).toBe(true);
    expect(compilePattern(String.raw`\\1`).ok).toBe(true);
  });
});

describe('the patterns of a set together', () => {
  it('refuses a set whose patterns compile to more than 20,000 steps, at the pattern that goes over', () => {
    const big = { regex: String.raw`[\p{L}]{950}\w{950}` };
    const result = setOf([Array.from({ length: 11 }, () => big)]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [
        ['rules', 0, 'check', 'patterns', 10, 'regex'],
        expect.stringMatching(/steps; the limit is 20000 in all$/),
      ],
    ]);
  });

  it('skips a stored pattern RE2 cannot run instead of failing every rule', () => {
    const installedBefore = {
      id: 'old',
      title: 'Installed before the RE2 check',
      rules: [
        {
          id: 'old-rule',
          title: 'Old',
          explanation: 'Why.',
          howToFollow: 'How.',
          severity: 'must' as const,
          check: { kind: 'patterns' as const, patterns: [{ regex: 'a(?=b)' }, { regex: 'revenue' }] },
        },
      ],
    };
    const findings = checkGuidelines('ab revenue', { channel: 'blog' }, [installedBefore]);
    expect(findings.map((finding) => finding.excerpt)).toEqual(['revenue']);
  });
});

describe('a group named flag', () => {
  it('marks only the group, the rest of the match being context', () => {
    expect(
      spansOf(String.raw`(?<flag>we'll grow revenue)(?:\s+\d)`, "So we'll grow revenue 40%.", 'i'),
    ).toEqual(["we'll grow revenue"]);
    expect(spansOf(String.raw`we'll grow revenue(?:\s+\d)`, "So we'll grow revenue 40%.", 'i')).toEqual([
      "we'll grow revenue 4",
    ]);
  });
});
