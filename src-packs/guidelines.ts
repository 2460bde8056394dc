import { PACK_LIMITS } from '../src-shared/packs/limits';
import { GuidelineSet } from '../src-shared/writing/guideline-rules';
import type { PackProblem } from './problems';
import { readPackText } from './sizes';
import { parseYaml } from './yaml-source';
import { problemsFromIssues } from './zod-problems';

export interface GuidelinesContext {
  /** The line of `guidelines:` in pack.yaml, for a file that is missing. */
  manifestLine: number;
  /** Item ids of the pack, which a rule's `lesson` must name. */
  itemIds: ReadonlySet<string>;
  problems: PackProblem[];
  warnings: PackProblem[];
}

/**
 * Reads and checks the guideline set a pack names in `guidelines:`. Problems carry the file and line of the
 * field at fault; a rule whose `lesson` is not an item of the pack is a problem too, because the studio
 * links every finding to the lesson that teaches its rule.
 */
export function loadGuidelines(
  folder: string,
  files: ReadonlySet<string>,
  file: string,
  context: GuidelinesContext,
): GuidelineSet | null {
  const { problems } = context;
  if (!files.has(file)) {
    problems.push({
      file: 'pack.yaml',
      line: context.manifestLine,
      field: 'guidelines',
      message: `names ${file}, which is not in the pack`,
    });
    return null;
  }
  const read = readPackText(folder, file, PACK_LIMITS.guidelinesBytes);
  if (!read.ok) {
    problems.push(read.problem);
    return null;
  }
  const parsed = parseYaml(read.text, file, { maxBytes: PACK_LIMITS.guidelinesBytes });
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const set = GuidelineSet.safeParse(parsed.source.data);
  if (!set.success) {
    problems.push(...problemsFromIssues(set.error.issues, file, parsed.source));
    return null;
  }
  let lessonsFound = true;
  set.data.rules.forEach((rule, index) => {
    if (rule.lesson !== undefined && !context.itemIds.has(rule.lesson)) {
      lessonsFound = false;
      problems.push({
        file,
        line: parsed.source.lineOf(['rules', index, 'lesson']),
        field: `rules.${index}.lesson`,
        message: `"${rule.lesson}" is not the id of an item in this pack; name the lesson that teaches the rule`,
      });
    }
  });
  return lessonsFound ? set.data : null;
}
