import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ItemKind } from '../src-shared/packs/manifest';
import { PackManifest } from '../src-shared/packs/manifest';
import { PACK_LIMITS } from '../src-shared/packs/limits';
import type { GuidelineSet } from '../src-shared/writing/guideline-rules';
import { loadGuidelines } from './guidelines';
import { loadItemFile, MANIFEST_FILE, type ItemContext } from './item-file';
import { duplicateIds, rawItems } from './manifest-checks';
import { firstProblems, type PackProblem } from './problems';
import { readPackText } from './sizes';
import { parseYaml } from './yaml-source';
import { ALLOWED_EXTENSIONS } from './zip/rules';
import { problemsFromIssues } from './zod-problems';

export { MANIFEST_FILE } from './item-file';
/** What a pack may contain: the same list the zip reader accepts. */
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
  /** The first problems in file and line order (at most PACK_LIMITS.problemsShown). */
  problems: PackProblem[];
  /** How many problems there are in all. */
  problemCount: number;
  warnings: PackProblem[];
  warningCount: number;
  /** Present when there are no problems. */
  pack: LoadedPack | null;
}

export interface ValidateOptions {
  /** Items read so far, of how many; called once per item. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads and checks a pack folder, collecting every problem rather than stopping at the first. Each file is
 * refused by its size before it is read, and each check is linear in what it reads.
 */
export function validatePackFolder(folder: string, options: ValidateOptions = {}): PackReport {
  const problems: PackProblem[] = [];
  const warnings: PackProblem[] = [];
  const files = listPackFiles(folder);
  for (const file of files) {
    if (!ALLOWED_EXTENSIONS.includes(extname(file).toLowerCase())) {
      problems.push({
        file,
        line: 1,
        field: '(file)',
        message: `this type of file is not allowed in a pack (allowed: ${ALLOWED_EXTENSIONS.join(' ')})`,
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
  const read = readPackText(folder, MANIFEST_FILE, PACK_LIMITS.manifestBytes);
  if (!read.ok) return finish([...problems, read.problem], warnings, null);
  const parsed = parseYaml(read.text, MANIFEST_FILE, { maxBytes: PACK_LIMITS.manifestBytes });
  if (!parsed.ok) return finish([...problems, ...parsed.problems], warnings, null);
  const context: ItemContext = {
    folder,
    files: new Set(files),
    manifestSource: parsed.source,
    problems,
    warnings,
    referenced: new Set(),
  };
  const manifest = PackManifest.safeParse(parsed.source.data);
  if (!manifest.success) {
    problems.push(...problemsFromIssues(manifest.error.issues, MANIFEST_FILE, parsed.source));
    // Check the item files the broken manifest still names clearly, so one run reports everything.
    for (const { item, where } of rawItems(parsed.source.data)) loadItemFile(item, where, context);
    return finish(problems, warnings, null);
  }
  problems.push(...duplicateIds(manifest.data, parsed.source));
  const items = loadItems(manifest.data, context, options);
  const guidelines =
    manifest.data.guidelines === undefined
      ? null
      : loadGuidelines(folder, context.files, manifest.data.guidelines, {
          manifestLine: parsed.source.lineOf(['guidelines']),
          itemIds: new Set(items.map((item) => item.id)),
          problems,
          warnings,
        });
  const assets = files.filter((file) => ASSET_TYPES.has(extname(file).toLowerCase()));
  for (const asset of assets) {
    if (!context.referenced.has(asset))
      warnings.push({ file: asset, line: 1, field: '(file)', message: 'is not used by any item' });
  }
  return finish(problems, warnings, { manifest: manifest.data, items, assets, guidelines });
}

function loadItems(manifest: PackManifest, context: ItemContext, options: ValidateOptions): LoadedItem[] {
  const items: LoadedItem[] = [];
  const total = manifest.courses.reduce(
    (sum, course) => sum + course.modules.reduce((inner, module) => inner + module.items.length, 0),
    0,
  );
  let done = 0;
  options.onProgress?.(0, total);
  manifest.courses.forEach((course, c) =>
    course.modules.forEach((module, m) =>
      module.items.forEach((item, i) => {
        const loaded = loadItemFile(item, ['courses', c, 'modules', m, 'items', i], context);
        if (loaded) {
          items.push({
            ...loaded,
            id: item.id,
            kind: item.kind,
            file: item.file,
            minutes: item.minutes ?? null,
            courseId: course.id,
            moduleId: module.id,
            passMark: item.kind === 'quiz' ? (item.passMark ?? course.passMark) : null,
          });
        }
        options.onProgress?.((done += 1), total);
      }),
    ),
  );
  return items;
}

function finish(problems: PackProblem[], warnings: PackProblem[], pack: LoadedPack | null): PackReport {
  const shownProblems = firstProblems(problems);
  const shownWarnings = firstProblems(warnings);
  return {
    problems: shownProblems.listed,
    problemCount: shownProblems.count,
    warnings: shownWarnings.listed,
    warningCount: shownWarnings.count,
    pack: problems.length === 0 ? pack : null,
  };
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
