import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './testing/temp-dir';
import { formatProblem } from './problems';
import {
  testGuidelinesYaml,
  testPackFiles,
  testPackWithGuidelines,
  writeTestPack,
} from './testing/test-pack';
import { validatePackFolder } from './validate';

const tempDir = useTempDirs();

function validate(overrides: Record<string, string | null> = {}) {
  const folder = tempDir();
  writeTestPack(folder, overrides);
  const report = validatePackFolder(folder);
  return {
    ...report,
    lines: report.problems.map(formatProblem),
    warningLines: report.warnings.map(formatProblem),
  };
}

const manifest = String(testPackFiles['pack.yaml'] ?? '');

describe('validatePackFolder', () => {
  it('loads a valid pack with every item, its course pass mark and its assets', () => {
    const report = validate();
    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.pack?.manifest.id).toBe('test-pack');
    expect(report.pack?.items.map((item) => [item.id, item.kind, item.title])).toEqual([
      ['hello', 'lesson', 'Hello'],
      ['check', 'quiz', 'Check'],
      ['write-it', 'exercise', 'Write it'],
      ['think', 'reflection', 'Think'],
    ]);
    expect(report.pack?.items[1]?.passMark).toBe(0.75);
    expect(report.pack?.items[2]?.details).toEqual({ channel: 'blog', template: '## Situation\n' });
    expect(report.pack?.assets).toEqual(['assets/diagram.png']);
  });

  it('reports every problem, each as file:line: field: what is wrong', () => {
    const report = validate({
      'pack.yaml': manifest
        .replace('version: 1.2.0', 'version: one')
        .replace('language: en', 'language: English')
        .replace('            minutes: 3', '            minutes: 3\n            colour: blue'),
      'first/check.md': String(testPackFiles['first/check.md'] ?? '').replace('        correct: true\n', ''),
    });
    expect(report.lines).toEqual([
      'first/check.md:7: questions.0.choices: mark exactly one choice correct: true',
      'pack.yaml:2: version: use a semantic version, like "1.2.0"',
      'pack.yaml:7: language: use a language tag, like "en" or "en-GB"',
      'pack.yaml:20: courses.0.modules.0.items.0.colour: is not a known field; check its spelling',
    ]);
    expect(report.pack).toBeNull();
  });

  it('names a missing field, an unknown item kind and a bad id on their own lines', () => {
    const report = validate({
      'pack.yaml': manifest
        .replace('title: Test pack\n', '')
        .replace('kind: reflection', 'kind: podcast')
        .replace('id: write-it', 'id: Write It'),
    });
    expect(report.lines).toContain('pack.yaml:1: title: is required (expected string)');
    expect(report.lines).toContain(
      'pack.yaml:26: courses.0.modules.0.items.3.kind: must be one of "lesson", "quiz", "exercise", "reflection"',
    );
    expect(
      report.lines.find((line) => line.startsWith('pack.yaml:22: courses.0.modules.0.items.2.id:')),
    ).toBeDefined();
  });

  it('explains a value YAML reads as a number where text is expected', () => {
    const report = validate({ 'pack.yaml': manifest.replace('version: 1.2.0', 'version: 1.2') });
    expect(report.lines).toEqual([
      'pack.yaml:2: version: must be text, but YAML reads this as a number: put it in quotes',
    ]);
  });

  it('says so when pack.yaml is not YAML at all', () => {
    const binary = validate({ 'pack.yaml': '\u0000\u0001PK\u0003\u0004 {[' });
    expect(binary.lines[0]).toMatch(/^pack\.yaml:1: \((yaml|file)\): /);
    const list = validate({ 'pack.yaml': '- just\n- a list\n' });
    expect(list.lines).toEqual([
      'pack.yaml:1: (file): must be a set of fields, one per line, like "title: Welcome" (this file holds a array)',
    ]);
  });

  it('points at the YAML syntax error', () => {
    const report = validate({
      'pack.yaml': manifest.replace('summary: A small pack for tests.', 'summary: [unclosed'),
    });
    expect(report.lines[0]).toMatch(/^pack\.yaml:\d+: \(yaml\): /);
  });

  it('refuses duplicate item ids, because progress is kept by id', () => {
    const report = validate({ 'pack.yaml': manifest.replace('id: think', 'id: hello') });
    expect(report.lines).toEqual([
      'pack.yaml:26: courses.0.modules.0.items.3.id: "hello" is already used by courses.0.modules.0.items.0.id; item ids must be unique in the pack, because progress is kept by id',
    ]);
  });

  it('says when an item file is missing, lacks front matter, or has a bad front matter field', () => {
    const report = validate({
      'first/think.md': null,
      'first/hello.md': 'No front matter here.\n',
      'first/write-it.md': '---\ntitle: Write it\nchannel: myspace\ntemplate: x\n---\nBody\n',
    });
    expect(report.lines).toEqual([
      'first/hello.md:1: (front matter): must start with front matter between --- lines, with at least a title (the lesson format is in docs/course-packs.md)',
      'first/write-it.md:3: channel: must be one of "blog", "forum", "linkedin", "x", "internal"',
      'pack.yaml:28: courses.0.modules.0.items.3.file: names first/think.md, which is not in the pack',
    ]);
  });

  it('warns about broken links, missing and unused assets without failing', () => {
    const report = validate({
      'first/hello.md':
        '---\ntitle: Hello\n---\nSee [gone](nowhere.md).\n\n![Missing](../assets/missing.png)\n',
      'assets/unused.pdf': '%PDF',
    });
    expect(report.problems).toEqual([]);
    expect(report.warningLines).toEqual([
      'assets/diagram.png:1: (file): is not used by any item',
      'assets/unused.pdf:1: (file): is not used by any item',
      'first/hello.md:4: (link): nowhere.md is not in the pack (broken link)',
      'first/hello.md:6: (image): ../assets/missing.png is not in the pack (missing asset)',
    ]);
    expect(report.pack).not.toBeNull();
  });

  it('refuses files of other types and links that leave the pack', () => {
    const report = validate({
      'tools/setup.exe': 'MZ',
      'first/think.md': '---\ntitle: Think\n---\nRead [this](../../secrets.md).\n',
    });
    expect(report.lines).toEqual([
      'first/think.md:4: (link): ../../secrets.md points outside the pack',
      expect.stringMatching(/^tools\/setup\.exe:1: \(file\): this type of file is not allowed in a pack/),
    ]);
  });

  it('asks for a manifest when there is none', () => {
    const folder = tempDir();
    writeTestPack(folder, { 'pack.yaml': null });
    expect(validatePackFolder(join(folder)).problems.map(formatProblem)).toEqual([
      'pack.yaml:1: (file): is missing: a pack needs a pack.yaml manifest at its top level',
    ]);
  });
});

describe('guidelines in a pack', () => {
  const guidelines = testGuidelinesYaml;
  const withGuidelines = String(testPackWithGuidelines['pack.yaml']);

  it('loads the set the manifest names', () => {
    const report = validate({ 'pack.yaml': withGuidelines, 'guidelines.yaml': guidelines });
    expect(report.lines).toEqual([]);
    expect(report.pack?.guidelines?.id).toBe('test-guidelines');
    expect(report.pack?.guidelines?.rules[0]?.check.kind).toBe('disclosure');
  });

  it('is null when the manifest names none', () => {
    expect(validate().pack?.guidelines).toBeNull();
  });

  it('reports a missing file on the manifest line that names it', () => {
    const report = validate({ 'pack.yaml': withGuidelines });
    expect(report.lines).toEqual([
      'pack.yaml:29: guidelines: names guidelines.yaml, which is not in the pack',
    ]);
  });

  it('reports bad rules with their file and line, and lessons that are not in the pack', () => {
    const report = validate({
      'pack.yaml': withGuidelines,
      'guidelines.yaml': guidelines
        .replace('severity: must', 'severity: always')
        .replace('lesson: hello', 'lesson: no-such-lesson')
        .replace('kind: disclosure', 'kind: disclosure\n      employers: [Acme]'),
    });
    expect(report.lines).toEqual([
      'guidelines.yaml:9: rules.0.severity: must be one of "must", "should"',
      'guidelines.yaml:12: rules.0.check.employers: is not a known field; check its spelling',
    ]);
    const lessons = validate({
      'pack.yaml': withGuidelines,
      'guidelines.yaml': guidelines.replace('lesson: hello', 'lesson: no-such-lesson'),
    });
    expect(lessons.lines).toEqual([
      'guidelines.yaml:8: rules.0.lesson: "no-such-lesson" is not the id of an item in this pack; name the lesson that teaches the rule',
    ]);
    expect(lessons.pack).toBeNull();
  });

  it('refuses a guidelines file that is not YAML by its name', () => {
    const report = validate({
      'pack.yaml': `${manifest}guidelines: first/hello.md\n`,
    });
    expect(report.lines).toEqual(['pack.yaml:29: guidelines: a guidelines file is YAML (.yaml or .yml)']);
  });
});
