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

export function sortProblems(problems: PackProblem[]): PackProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.field.localeCompare(b.field),
  );
}
