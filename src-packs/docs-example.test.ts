import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './testing/temp-dir';
import { formatProblem } from './problems';
import { validatePackFolder } from './validate';

const tempDir = useTempDirs();
const guide = readFileSync(join(import.meta.dirname, '..', 'docs', 'course-packs.md'), 'utf8');

function codeBlocks(language: string): string[] {
  return [...guide.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(
    (match) => match[1] ?? '',
  );
}

describe('docs/course-packs.md', () => {
  it('has a full example that the validator accepts without a warning', () => {
    const folder = tempDir();
    const [manifest, guidelines] = codeBlocks('yaml');
    const [lesson, quiz, exercise, reflection] = codeBlocks('markdown');
    const files: Record<string, string | Buffer | undefined> = {
      'pack.yaml': manifest,
      'guidelines.yaml': guidelines,
      'modules/01-basics/welcome.md': lesson,
      'modules/01-basics/check.md': quiz,
      'modules/01-basics/first-story.md': exercise,
      'modules/01-basics/what-i-solved.md': reflection,
      'assets/diagram.png': Buffer.from('89504e470d0a1a0a', 'hex'),
    };
    for (const [path, content] of Object.entries(files)) {
      if (content === undefined) throw new Error(`the guide lacks the example for ${path}`);
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), content);
    }
    const report = validatePackFolder(folder);
    expect([...report.problems, ...report.warnings].map(formatProblem)).toEqual([]);
    expect(report.pack?.items.map((item) => item.kind)).toEqual(['lesson', 'quiz', 'exercise', 'reflection']);
    expect(report.pack?.items[2]?.details['completion']).toMatchObject({
      words: { min: 300, max: 600 },
      ownWords: 0.6,
      remove: [{ what: "the customer's name", anyOf: ['Quillmere'] }],
    });
    expect(report.pack?.guidelines?.rules.map((rule) => rule.check.kind)).toEqual([
      'disclosure',
      'internal-links',
    ]);
  });
});
