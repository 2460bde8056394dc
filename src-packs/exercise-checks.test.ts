import { describe, expect, it } from 'vitest';
import { formatProblem } from './problems';
import { useTempDirs } from './testing/temp-dir';
import { writeTestPack } from './testing/test-pack';
import { validatePackFolder } from './validate';

const tempDir = useTempDirs();

function validate(overrides: Record<string, string>) {
  const folder = tempDir();
  writeTestPack(folder, overrides);
  const report = validatePackFolder(folder);
  return {
    report,
    problems: report.problems.map(formatProblem),
    warnings: report.warnings.map(formatProblem),
  };
}

const exercise = (front: string) =>
  `---\ntitle: Write it\nchannel: blog\ntemplate: |\n  ## Situation\n  [What happened]\n${front}---\nWrite a post.\n`;

describe('completion rules in an exercise', () => {
  it('loads the rules, with defaults for what the pack leaves out', () => {
    const { report, problems } = validate({
      'first/write-it.md': exercise(
        'completion:\n  words: { min: 150, max: 300 }\n  require:\n    - what: a disclosure line\n      anyOf: [I work at]\n',
      ),
    });
    expect(problems).toEqual([]);
    expect(report.pack?.items.find((item) => item.id === 'write-it')?.details['completion']).toEqual({
      words: { min: 150, max: 300 },
      ownWords: 0.5,
      placeholders: 'none',
      mustFindings: 'acknowledged',
      require: [{ what: 'a disclosure line', anyOf: ['I work at'] }],
      remove: [],
    });
  });

  it('reports each bad rule at its line', () => {
    const { problems } = validate({
      'first/write-it.md': exercise(
        [
          'completion:',
          '  words: { min: 300, max: 150 }',
          '  ownWords: 1.5',
          '  mustFindings: ignored',
          '  require:',
          '    - what: a link',
          '      link: true',
          '      anyOf: [http]',
          '    - what: a forecast',
          '      pattern: (?=revenue)',
          '  remove:',
          '    - what: nothing to find',
          '  colour: blue',
          '',
        ].join('\n'),
      ),
    });
    expect(problems).toEqual([
      'first/write-it.md:8: completion.words.max: min must not be more than max',
      'first/write-it.md:9: completion.ownWords: ownWords is a share from 0 to 0.95, like 0.5 for half',
      'first/write-it.md:10: completion.mustFindings: must be one of "acknowledged", "resolved"',
      'first/write-it.md:12: completion.require.0: give exactly one of anyOf (phrases), pattern (a regular expression) or link: true',
      expect.stringMatching(
        /^first\/write-it\.md:16: completion\.require\.1\.pattern: pattern \/\(\?=revenue\)\/ uses a lookahead/,
      ),
      'first/write-it.md:18: completion.remove.0: give exactly one of anyOf (phrases), pattern (a regular expression) or link: true',
      'first/write-it.md:19: completion.colour: is not a known field; check its spelling',
    ]);
  });

  it('refuses rules under which the untouched template would complete the exercise', () => {
    const { problems } = validate({
      'first/write-it.md': exercise(
        'completion:\n  words: { min: 0 }\n  ownWords: 0\n  placeholders: allowed\n',
      ),
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^first\/write-it\.md:7: completion: the template as it stands meets every completion rule/,
      ),
    ]);
  });
});

describe('questions in a quiz', () => {
  it('needs at least one marked question, since written answers never count', () => {
    const { problems } = validate({
      'first/check.md':
        '---\ntitle: Check\nquestions:\n  - id: why\n    type: written\n    prompt: Why?\n    modelAnswer: Because.\n    explanation: Reasons.\n---\nA check.\n',
    });
    expect(problems).toEqual([
      'first/check.md:3: questions: a quiz needs at least one single, multiple or truefalse question: written answers are not marked, so they cannot make a pass mark',
    ]);
  });

  it('lets a question keep its choices in the order written', () => {
    const { problems, report } = validate({
      'first/check.md':
        '---\ntitle: Check\nquestions:\n  - id: one\n    type: single\n    prompt: Pick\n    keepOrder: true\n    choices:\n      - text: A\n      - text: All of the above\n        correct: true\n    explanation: All.\n---\nA check.\n',
    });
    expect(problems).toEqual([]);
    expect(report.pack?.items.find((item) => item.id === 'check')?.details['questions']).toMatchObject([
      { id: 'one', keepOrder: true },
    ]);
  });
});
