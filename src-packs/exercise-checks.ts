import { completionRulesOf } from '../src-shared/packs/completion';
import { exerciseRequirements } from '../src-shared/training/exercise-completion';
import type { PackProblem } from './problems';
import type { YamlSource } from './yaml-source';

/**
 * Checks an exercise's completion rules against its own template: the template as it stands must not meet
 * every rule, or an untouched draft would complete the exercise. (A `require` the template already meets
 * is fine: an exercise that asks to edit a draft in place may require that its lesson survives.)
 */
export function exerciseChecks(
  details: Readonly<Record<string, unknown>>,
  file: string,
  source: YamlSource,
): PackProblem[] {
  const template = typeof details['template'] === 'string' ? details['template'] : '';
  const rules = completionRulesOf(details);
  const problems: PackProblem[] = [];
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
  return problems;
}
