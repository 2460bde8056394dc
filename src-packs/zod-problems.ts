import type { z } from 'zod';
import { fieldName, type PackProblem } from './problems';
import type { YamlSource } from './yaml-source';

/** Turns zod's issues into located problems, one per unknown key so each gets its own line. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  source: YamlSource,
): PackProblem[] {
  const problems: PackProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({
          file,
          line: source.lineOf(path),
          field: fieldName(path),
          message: 'is not a known field; check its spelling',
        });
      }
      continue;
    }
    problems.push({
      file,
      line: source.lineOf(issue.path),
      field: fieldName(issue.path),
      message: wordsFor(issue),
    });
  }
  return problems;
}

function wordsFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `is required (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    const found = /received (\w+)/.exec(issue.message)?.[1] ?? 'something else';
    return `must be a set of fields, one per line, like "title: Welcome" (this file holds a ${found})`;
  }
  const received = /received (number|boolean|null)/.exec(issue.message)?.[1];
  if (issue.code === 'invalid_type' && issue.expected === 'string' && received) {
    return `must be text, but YAML reads this as a ${received}: put it in quotes`;
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `has an unknown ${String(issue.discriminator)}`;
  }
  return issue.message;
}
