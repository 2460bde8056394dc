// Hostile packs get a clear problem in seconds. The old validator took 40 s on the 40,000 keys, crashed its
// process on the deep nesting, and threw on the alias bomb; each test here would fail (or time out) on it.
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './testing/temp-dir';
import {
  aliasBomb,
  catastrophicPatterns,
  deepFlowNesting,
  guidelinePatterns,
  hugeLesson,
  manyStrayKeys,
  oneKeyRepeated,
} from './testing/hostile-packs';
import { problemLines } from './problems';
import { testPackFiles, writeTestPack } from './testing/test-pack';
import { validatePackFolder } from './validate';

const tempDir = useTempDirs();
const manifest = String(testPackFiles['pack.yaml']);
const MiB = 1024 * 1024;

function validate(overrides: Record<string, string | Buffer | null>) {
  const folder = tempDir();
  writeTestPack(folder, overrides);
  const report = validatePackFolder(folder);
  return { ...report, lines: problemLines(report.problems, report.problemCount) };
}

describe('a hostile pack.yaml', () => {
  it('lists the first 100 of 40,000 unknown keys, each on its line, and counts the rest', () => {
    const report = validate(manyStrayKeys(40_000));
    expect(report.problemCount).toBe(40_000);
    expect(report.lines).toHaveLength(101);
    expect(report.lines[0]).toBe('pack.yaml:29: stray0: is not a known field; check its spelling');
    expect(report.lines[99]).toBe('pack.yaml:128: stray99: is not a known field; check its spelling');
    expect(report.lines[100]).toBe('and 39,900 more problems');
    expect(report.pack).toBeNull();
  });

  it('names each repeat of a key with the line of the first', () => {
    const report = validate(oneKeyRepeated(40_000));
    expect(report.problemCount).toBe(39_999);
    expect(report.lines[0]).toBe('pack.yaml:30: again: repeats a key already on line 29');
  });

  it('refuses a manifest over the size limit without parsing it, saying both sizes', () => {
    const report = validate({ 'pack.yaml': manifest + '# padding\n'.repeat(160_000) });
    expect(report.lines).toEqual(['pack.yaml:1: (file): pack.yaml is 1.5 MiB; the limit is 1 MiB']);
  });

  it('stops a billion laughs at the alias that goes over the limit', () => {
    const report = validate(aliasBomb());
    expect(report.lines).toEqual([
      'pack.yaml:33: lol4.0: aliases (*name) repeat more than 10,000 values in all; write the values out instead',
    ]);
  });

  it('refuses lists nested 100,000 deep at the line they are on', () => {
    const report = validate(deepFlowNesting(100_000));
    expect(report.lines).toEqual(['pack.yaml:4: (yaml): nests lists and mappings more than 64 levels deep']);
  });

  it('refuses mappings nested 70 deep', () => {
    const nested = Array.from({ length: 70 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:\n`).join('');
    const report = validate({ 'pack.yaml': `${manifest}deep:\n${nested.replace(/^/gm, '  ')}` });
    expect(report.lines).toEqual([
      expect.stringMatching(
        /^pack\.yaml:9\d: deep(\.k\d+)+: nests lists and mappings more than 64 levels deep$/,
      ),
    ]);
  });

  it.each([
    [
      'an alias to no anchor',
      'extra: *nowhere\n',
      'pack.yaml:29: extra: *nowhere names no anchor &nowhere above it',
    ],
    [
      'an alias inside its own anchor',
      'extra: &loop [*loop]\n',
      'pack.yaml:29: extra.0: *loop is inside the value &loop names',
    ],
    ['a second document', 'extra: 1\n---\nmore: 2\n', 'pack.yaml:30: (yaml): holds a second YAML document'],
    ['a syntax error', 'extra: [unclosed\n', expect.stringMatching(/^pack\.yaml:\d+: \(yaml\): /)],
  ])('makes %s a located problem, not an exception', (_title, tail, line) => {
    expect(validate({ 'pack.yaml': manifest + tail }).lines).toEqual([line]);
  });

  it('refuses more than 1,000 anchors and aliases', () => {
    const anchors = Array.from({ length: 1001 }, (_, i) => `a${i}: &a${i} x\n`).join('');
    expect(validate({ 'pack.yaml': manifest + anchors }).lines).toEqual([
      'pack.yaml:1029: a1000: uses more than 1000 anchors (&name) and aliases (*name)',
    ]);
  });

  it('still reads a few aliases', () => {
    const withAlias = manifest
      .replace('title: Basics', 'title: &basics Basics')
      .replace('title: First module', 'title: *basics');
    const report = validate({ 'pack.yaml': withAlias });
    expect(report.lines).toEqual([]);
    expect(report.pack?.manifest.courses[0]?.modules[0]?.title).toBe('Basics');
  });
});

describe('hostile items', () => {
  it('refuses a 49 MiB lesson by its size before reading it', () => {
    const report = validate(hugeLesson(49 * MiB));
    expect(report.lines).toEqual(['first/hello.md:1: (file): this lesson is 49 MiB; the limit is 2 MiB']);
  });

  it('refuses front matter over its limit', () => {
    const front = `---\ntitle: Hello\n${'# padding\n'.repeat(60_000)}---\nBody\n`;
    expect(validate({ 'first/hello.md': front }).lines).toEqual([
      'first/hello.md:2: (file): the front matter is 586.0 KiB; the limit is 512 KiB',
    ]);
  });

  it('locates 50,000 broken links in a long lesson, listing the first 100 warnings', () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `See [page ${i}](missing-${i}.md).\n`).join('');
    const report = validate({ 'first/hello.md': `---\ntitle: Hello\n---\n${body}` });
    expect(report.problemCount).toBe(0);
    // Every link, and the diagram the lesson no longer shows.
    expect(report.warningCount).toBe(50_001);
    expect(problemLines(report.warnings, report.warningCount, 'warning').slice(-2)).toEqual([
      'first/hello.md:102: (link): missing-98.md is not in the pack (broken link)',
      'and 49,901 more warnings',
    ]);
  });
});

describe('guideline patterns in a pack', () => {
  it('accepts patterns that backtrack in JavaScript, since they run on RE2', () => {
    const report = validate(guidelinePatterns(catastrophicPatterns));
    expect(report.lines).toEqual([]);
    expect(report.pack?.guidelines?.rules[1]?.id).toBe('forward-looking');
  });

  it('names the file and line of a pattern RE2 cannot run', () => {
    const report = validate(guidelinePatterns(['revenue', 'price(?= target)']));
    expect(report.lines).toEqual([
      'guidelines.yaml:24: rules.1.check.patterns.1.regex: Rule "forward-looking": pattern /price(?= target)/ uses a lookahead such as (?=…) or (?!…), which the linear-time checker cannot run; match the words themselves, or use a terms rule for whole words',
    ]);
  });

  it('refuses a guidelines.yaml over its size limit', () => {
    const files = guidelinePatterns(['revenue']);
    const padded = `${files['guidelines.yaml']}${'# padding\n'.repeat(120_000)}`;
    expect(validate({ ...files, 'guidelines.yaml': padded }).lines).toEqual([
      'guidelines.yaml:1: (file): guidelines.yaml is 1.1 MiB; the limit is 1 MiB',
    ]);
  });
});
