import { posix } from 'node:path';
import { frontMatterByKind, type Question } from '../src-shared/packs/items';
import { PACK_LIMITS } from '../src-shared/packs/limits';
import type { ManifestItem } from '../src-shared/packs/manifest';
import { exerciseChecks } from './exercise-checks';
import { splitFrontMatter, type FrontMatterSplit } from './front-matter';
import { markdownReferences, resolvePackReference } from './links';
import type { PackProblem } from './problems';
import { readPackText } from './sizes';
import { parseYaml, type YamlSource } from './yaml-source';
import { problemsFromIssues } from './zod-problems';

export const MANIFEST_FILE = 'pack.yaml';

/** What reading one item file needs to know about the pack, and where it reports. */
export interface ItemContext {
  folder: string;
  files: ReadonlySet<string>;
  manifestSource: YamlSource;
  problems: PackProblem[];
  warnings: PackProblem[];
  /** Pack files the item links to or shows, collected to find unused assets. */
  referenced: Set<string>;
}

export interface ItemFile {
  title: string;
  /** Markdown after the front matter. */
  body: string;
  /** The validated front matter but its title. */
  details: Record<string, unknown>;
}

/** Reads and checks the file a manifest item names; null when it has a problem. */
export function loadItemFile(
  item: ManifestItem,
  where: readonly (string | number)[],
  context: ItemContext,
): ItemFile | null {
  const { problems } = context;
  if (!context.files.has(item.file)) {
    problems.push({
      file: MANIFEST_FILE,
      line: context.manifestSource.lineOf([...where, 'file']),
      field: [...where, 'file'].join('.'),
      message: `names ${item.file}, which is not in the pack`,
    });
    return null;
  }
  const read = readPackText(context.folder, item.file, PACK_LIMITS.markdownBytes, `this ${item.kind}`);
  if (!read.ok) {
    problems.push(read.problem);
    return null;
  }
  const text = read.text;
  const front = readFrontMatter(item, text, problems);
  if (front === null) return null;
  const { split, source, data } = front;
  const bodyFirstLine = text.replace(/\r\n/g, '\n').split('\n').length - split.body.split('\n').length + 1;
  if (item.kind === 'lesson' && split.body.trim() === '') {
    problems.push({
      file: item.file,
      line: bodyFirstLine,
      field: '(body)',
      message: 'a lesson needs some Markdown after its front matter',
    });
  }
  if (item.kind === 'quiz') {
    const { questions } = data as unknown as { questions: Question[] };
    problems.push(...duplicateQuestionIds(questions, item.file, source));
  }
  if (item.kind === 'exercise')
    problems.push(...exerciseChecks(data as Record<string, unknown>, item.file, source));
  checkReferences(item.file, split.body, bodyFirstLine, context);
  const { title, ...details } = data as { title: string } & Record<string, unknown>;
  return { title, body: split.body, details };
}

/** The item's front matter, split from its body, parsed and checked against its kind's fields. */
function readFrontMatter(
  item: ManifestItem,
  text: string,
  problems: PackProblem[],
): { split: FrontMatterSplit; source: YamlSource; data: unknown } | null {
  const split = splitFrontMatter(text);
  if (!split) {
    problems.push({
      file: item.file,
      line: 1,
      field: '(front matter)',
      message: `must start with front matter between --- lines, with at least a title (the ${item.kind} format is in docs/course-packs.md)`,
    });
    return null;
  }
  const parsed = parseYaml(split.yaml, item.file, {
    firstLine: split.yamlFirstLine,
    maxBytes: PACK_LIMITS.frontMatterBytes,
    label: 'the front matter',
  });
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const front = frontMatterByKind[item.kind].safeParse(parsed.source.data ?? {});
  if (!front.success) {
    problems.push(...problemsFromIssues(front.error.issues, item.file, parsed.source));
    return null;
  }
  return { split, source: parsed.source, data: front.data };
}

/** Links and images: outside the pack is a problem, missing in it a warning. */
function checkReferences(file: string, body: string, bodyFirstLine: number, context: ItemContext): void {
  for (const reference of markdownReferences(body)) {
    const target = resolvePackReference(file, reference.href);
    if (target === null) continue;
    const line = bodyFirstLine + reference.line - 1;
    const field = `(${reference.kind})`;
    if (target.startsWith('..') || posix.isAbsolute(target)) {
      context.problems.push({ file, line, field, message: `${reference.href} points outside the pack` });
    } else if (!context.files.has(target)) {
      const missing = reference.kind === 'image' ? 'missing asset' : 'broken link';
      context.warnings.push({
        file,
        line,
        field,
        message: `${reference.href} is not in the pack (${missing})`,
      });
    } else {
      context.referenced.add(target);
    }
  }
}

function duplicateQuestionIds(
  questions: readonly Question[],
  file: string,
  source: YamlSource,
): PackProblem[] {
  const seen = new Set<string>();
  const problems: PackProblem[] = [];
  questions.forEach((question, q) => {
    if (seen.has(question.id)) {
      problems.push({
        file,
        line: source.lineOf(['questions', q, 'id']),
        field: `questions.${q}.id`,
        message: `"${question.id}" is already the id of another question in this quiz`,
      });
    }
    seen.add(question.id);
  });
  return problems;
}
