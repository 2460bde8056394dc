import { completionRulesOf } from '../src-shared/packs/completion';
import { exerciseRequirements } from '../src-shared/training/exercise-completion';
import { withoutPlaceholders } from '../src-shared/training/template-text';
import type { PackProblem } from './problems';
import type { YamlSource } from './yaml-source';

/**
 * Checks of an exercise's completion rules against its own template. The one that matters: the template as
 * it stands must not meet every rule, or an untouched draft would complete the exercise.
 */
export function exerciseChecks(
  details: Readonly<Record<string, unknown>>,
  file: string,
  source: YamlSource,
): { problems: PackProblem[]; warnings: PackProblem[] } {
  const template = typeof details['template'] === 'string' ? details['template'] : '';
  const rules = completionRulesOf(details);
  const problems: PackProblem[] = [];
  const warnings: PackProblem[] = [];
  const untouched = exerciseRequirements(template, { template, rules, findings: [] });
  if (untouched.every((requirement) => requirement.met)) {
    const field = details['completion'] === undefined ? 'template' : 'completion';
    problems.push({
      file,
      line: source.lineOf([field]),
      field,
      message:
        'the template as it stands meets every completion rule, so an untouched draft would complete the exercise: ask for more words (words.min), a share of the learner’s own words (ownWords), or what they must add (require)',
    });
  }
  // A required element the template already holds outside its placeholders asks nothing of the learner.
  const prose = withoutPlaceholders(template);
  rules.require.forEach((check, index) => {
    const alone = exerciseRequirements(prose, {
      template,
      rules: { ...rules, require: [check], remove: [] },
      findings: [],
    });
    if (alone.find((requirement) => requirement.id === 'require-0')?.met) {
      warnings.push({
        file,
        line: source.lineOf(['completion', 'require', index]),
        field: `completion.require.${index}`,
        message: `the template already contains ${check.what} outside its placeholders, so this asks nothing`,
      });
    }
  });
  return { problems, warnings };
}
