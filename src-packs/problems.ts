import { PACK_LIMITS } from '../src-shared/packs/limits';

/** One thing wrong (or worth a look) in a pack, located for the trainer who has to fix it. */
export interface PackProblem {
  /** Path relative to the pack folder, with forward slashes. */
  file: string;
  /** 1-based; 1 when the problem is about the file as a whole. */
  line: number;
  /** The field, like `courses.0.modules.2.items.1.file`, or `(file)` for the file as a whole. */
  field: string;
  message: string;
}

/** `file:line: field: what is wrong`, the form editors and terminals turn into links. */
export function formatProblem(problem: PackProblem): string {
  return `${problem.file}:${problem.line}: ${problem.field}: ${problem.message}`;
}

const byName = new Intl.Collator().compare;

export function sortProblems(problems: PackProblem[]): PackProblem[] {
  return [...problems].sort((a, b) => byName(a.file, b.file) || a.line - b.line || byName(a.field, b.field));
}

/** The first problems in file and line order, and how many there are in all. */
export function firstProblems(
  problems: PackProblem[],
  limit: number = PACK_LIMITS.problemsShown,
): { listed: PackProblem[]; count: number } {
  return { listed: sortProblems(problems).slice(0, limit), count: problems.length };
}

/** The listed problems as `file:line` lines, and "and 39,900 more" when the list was cut. */
export function problemLines(listed: readonly PackProblem[], count: number, noun = 'problem'): string[] {
  const lines = listed.map(formatProblem);
  const more = count - listed.length;
  if (more > 0) lines.push(`and ${more.toLocaleString('en')} more ${noun}${more === 1 ? '' : 's'}`);
  return lines;
}

/** A field's dotted path as problems name it: `modules.0.items`, or `(file)` for the whole file. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(file)' : path.map(String).join('.');
}
