import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, posix } from 'node:path';
import { frontMatterByKind, type Question } from '../../src-shared/packs/items';
import { ManifestItem, PackManifest, type ItemKind } from '../../src-shared/packs/manifest';
import type { GuidelineSet } from '../../src-shared/writing/guideline-rules';
import { loadGuidelines } from './guidelines';
import { splitFrontMatter } from './front-matter';
import { markdownReferences, resolvePackReference } from './links';
import { sortProblems, type PackProblem } from './problems';
import { parseYaml, type YamlSource } from './yaml-source';
import { ALLOWED_EXTENSIONS } from './zip/rules';
import { problemsFromIssues } from './zod-problems';

export const MANIFEST_FILE = 'pack.yaml';
/** What a pack may contain: the same list the zip reader accepts. */
export const PACK_FILE_TYPES = ALLOWED_EXTENSIONS;
const ASSET_TYPES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.pdf']);

export interface LoadedItem {
  id: string;
  kind: ItemKind;
  file: string;
  courseId: string;
  moduleId: string;
  title: string;
  /** Markdown after the front matter. */
  body: string;
  minutes: number | null;
  /** Quizzes: the item's pass mark, or its course's. */
  passMark: number | null;
  /** The validated front matter (questions for quizzes, template and channel for exercises). */
  details: Record<string, unknown>;
}

export interface LoadedPack {
  manifest: PackManifest;
  items: LoadedItem[];
  /** Images and PDFs, relative paths. */
  assets: string[];
  /** The company's guidelines, when the manifest names a file. */
  guidelines: GuidelineSet | null;
}

export interface PackReport {
  problems: PackProblem[];
  warnings: PackProblem[];
  /** Present when there are no problems. */
  pack: LoadedPack | null;
}

/** Reads and checks a pack folder, collecting every problem rather than stopping at the first. */
export function validatePackFolder(folder: string): PackReport {
  const problems: PackProblem[] = [];
  const warnings: PackProblem[] = [];
  const files = listPackFiles(folder);
  for (const file of files) {
    if (!PACK_FILE_TYPES.includes(extname(file).toLowerCase())) {
      problems.push({
        file,
        line: 1,
        field: '(file)',
        message: `this type of file is not allowed in a pack (allowed: ${PACK_FILE_TYPES.join(' ')})`,
      });
    }
  }
  if (!files.includes(MANIFEST_FILE)) {
    problems.push({
      file: MANIFEST_FILE,
      line: 1,
      field: '(file)',
      message: 'is missing: a pack needs a pack.yaml manifest at its top level',
    });
    return finish(problems, warnings, null);
  }
  const parsed = parseYaml(readFileSync(join(folder, MANIFEST_FILE), 'utf8'), MANIFEST_FILE);
  if (!parsed.ok) return finish([...problems, ...parsed.problems], warnings, null);
  const manifest = PackManifest.safeParse(parsed.source.data);
  if (!manifest.success) {
    problems.push(...problemsFromIssues(manifest.error.issues, MANIFEST_FILE, parsed.source));
    // Check the item files the broken manifest still names clearly, so one run reports everything.
    for (const { item, where } of rawItems(parsed.source.data)) {
      loadItem(folder, files, item, parsed.source, where, problems, warnings, new Set());
    }
    return finish(problems, warnings, null);
  }
  problems.push(...duplicateIds(manifest.data, parsed.source));

  const items: LoadedItem[] = [];
  const referenced = new Set<string>();
  manifest.data.courses.forEach((course, c) =>
    course.modules.forEach((module, m) =>
      module.items.forEach((item, i) => {
        const where = ['courses', c, 'modules', m, 'items', i];
        const loaded = loadItem(folder, files, item, parsed.source, where, problems, warnings, referenced);
        if (loaded) {
          items.push({
            ...loaded,
            courseId: course.id,
            moduleId: module.id,
            passMark: item.kind === 'quiz' ? (item.passMark ?? course.passMark) : null,
          });
        }
      }),
    ),
  );
  const guidelines =
    manifest.data.guidelines === undefined
      ? null
      : loadGuidelines(folder, files, manifest.data.guidelines, {
          manifestLine: parsed.source.lineOf(['guidelines']),
          itemIds: new Set(items.map((item) => item.id)),
          problems,
          warnings,
        });
  const assets = files.filter((file) => ASSET_TYPES.has(extname(file).toLowerCase()));
  for (const asset of assets) {
    if (!referenced.has(asset))
      warnings.push({ file: asset, line: 1, field: '(file)', message: 'is not used by any item' });
  }
  return finish(problems, warnings, { manifest: manifest.data, items, assets, guidelines });
}

function finish(problems: PackProblem[], warnings: PackProblem[], pack: LoadedPack | null): PackReport {
  return {
    problems: sortProblems(problems),
    warnings: sortProblems(warnings),
    pack: problems.length === 0 ? pack : null,
  };
}

function loadItem(
  folder: string,
  files: readonly string[],
  item: ManifestItem,
  manifestSource: YamlSource,
  where: (string | number)[],
  problems: PackProblem[],
  warnings: PackProblem[],
  referenced: Set<string>,
): Omit<LoadedItem, 'courseId' | 'moduleId' | 'passMark'> | null {
  if (!files.includes(item.file)) {
    problems.push({
      file: MANIFEST_FILE,
      line: manifestSource.lineOf([...where, 'file']),
      field: [...where, 'file'].join('.'),
      message: `names ${item.file}, which is not in the pack`,
    });
    return null;
  }
  const text = readFileSync(join(folder, item.file), 'utf8');
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
  const parsed = parseYaml(split.yaml, item.file, split.yamlFirstLine);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const front = frontMatterByKind[item.kind].safeParse(parsed.source.data ?? {});
  if (!front.success) {
    problems.push(...problemsFromIssues(front.error.issues, item.file, parsed.source));
    return null;
  }
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
    problems.push(
      ...duplicateQuestionIds(
        (front.data as unknown as { questions: Question[] }).questions,
        item.file,
        parsed.source,
      ),
    );
  }
  for (const reference of markdownReferences(split.body)) {
    const target = resolvePackReference(item.file, reference.href);
    if (target === null) continue;
    const line = bodyFirstLine + reference.line - 1;
    if (target.startsWith('..') || posix.isAbsolute(target)) {
      problems.push({
        file: item.file,
        line,
        field: `(${reference.kind})`,
        message: `${reference.href} points outside the pack`,
      });
    } else if (!files.includes(target)) {
      warnings.push({
        file: item.file,
        line,
        field: `(${reference.kind})`,
        message: `${reference.href} is not in the pack (${reference.kind === 'image' ? 'missing asset' : 'broken link'})`,
      });
    } else {
      referenced.add(target);
    }
  }
  const { title, ...details } = front.data as { title: string } & Record<string, unknown>;
  return {
    id: item.id,
    kind: item.kind,
    file: item.file,
    title,
    body: split.body,
    minutes: item.minutes ?? null,
    details,
  };
}

function duplicateIds(manifest: PackManifest, source: YamlSource): PackProblem[] {
  const problems: PackProblem[] = [];
  const seenCourses = new Map<string, number>();
  const seenItems = new Map<string, string>();
  manifest.courses.forEach((course, c) => {
    if (seenCourses.has(course.id)) {
      problems.push({
        file: MANIFEST_FILE,
        line: source.lineOf(['courses', c, 'id']),
        field: `courses.${c}.id`,
        message: `"${course.id}" is already the id of another course`,
      });
    }
    seenCourses.set(course.id, c);
    const seenModules = new Set<string>();
    course.modules.forEach((module, m) => {
      if (seenModules.has(module.id)) {
        problems.push({
          file: MANIFEST_FILE,
          line: source.lineOf(['courses', c, 'modules', m, 'id']),
          field: `courses.${c}.modules.${m}.id`,
          message: `"${module.id}" is already the id of another module in this course`,
        });
      }
      seenModules.add(module.id);
      module.items.forEach((item, i) => {
        const field = `courses.${c}.modules.${m}.items.${i}.id`;
        const earlier = seenItems.get(item.id);
        if (earlier) {
          problems.push({
            file: MANIFEST_FILE,
            line: source.lineOf(['courses', c, 'modules', m, 'items', i, 'id']),
            field,
            message: `"${item.id}" is already used by ${earlier}; item ids must be unique in the pack, because progress is kept by id`,
          });
        } else {
          seenItems.set(item.id, field);
        }
      });
    });
  });
  return problems;
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

/** Items of a manifest that failed validation but still have a usable kind and file. */
function rawItems(data: unknown): { item: ManifestItem; where: (string | number)[] }[] {
  const found: { item: ManifestItem; where: (string | number)[] }[] = [];
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  list(record(data)['courses']).forEach((course, c) =>
    list(record(course)['modules']).forEach((module, m) =>
      list(record(module)['items']).forEach((raw, i) => {
        const item = ManifestItem.safeParse(raw);
        if (item.success) found.push({ item: item.data, where: ['courses', c, 'modules', m, 'items', i] });
      }),
    ),
  );
  return found;
}

/** Every file under the folder, relative with forward slashes, skipping dotfiles. */
export function listPackFiles(folder: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(folder, prefix)).sort()) {
    if (entry.startsWith('.')) continue;
    const relative = prefix === '' ? entry : `${prefix}/${entry}`;
    const stat = statSync(join(folder, relative));
    if (stat.isDirectory()) files.push(...listPackFiles(folder, relative));
    else files.push(relative);
  }
  return files;
}

export function isPackFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
