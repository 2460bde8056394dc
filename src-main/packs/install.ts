import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import { PACK_LIMITS } from '../../src-shared/packs/limits';
import { describeChanges } from '../../src-shared/packs/changes';
import { compareSemver } from '../../src-shared/packs/semver';
import type { DatabaseHandle } from '../db/open';
import {
  courseCompletions,
  courses,
  guidelineSets,
  itemProgress,
  items,
  modules,
  packs,
  quizAttempts,
  reflectionNotes,
} from '../db/schema';
import { indexPack, unindexPack } from '../training/search';
import { diffPackContent, installedContent, loadedContent, recordPackUpdate } from './changes';
import { checkPackOffThread, PackCheckFailed } from '../../src-packs/off-thread';
import type { PackCheckJob, PackCheckOutcome } from '../../src-packs/pack-check';
import { formatProblem, problemLines } from '../../src-packs/problems';
import { MANIFEST_FILE, type LoadedPack } from '../../src-packs/validate';
import { parseYaml } from '../../src-packs/yaml-source';

export type PackSource = 'bundled' | 'imported' | 'hub';

export interface PackStoreDeps {
  database: DatabaseHandle;
  dataDir: string;
  now: () => Date;
}

export interface InstallResult {
  id: string;
  version: string;
  title: string;
  /** The version this install replaced, if it was an upgrade. */
  upgradedFrom: string | null;
  /** What the upgrade changed, in a line ("1 new lesson, 2 changed"); null for a first install. */
  changes: string | null;
  items: number;
  warnings: string[];
}

export type ImportProgress = (
  phase: 'extracting' | 'checking' | 'installing',
  done: number,
  total: number,
) => void;

export const PACKS_DIR = 'packs';

/** Installs a pack folder (copied, so the trainer's folder stays theirs). */
export async function installPackFolder(
  deps: PackStoreDeps,
  folder: string,
  source: PackSource,
  onProgress: ImportProgress = () => undefined,
): Promise<InstallResult> {
  return withStaging(deps, async (staging) => {
    onProgress('extracting', 0, 1);
    cpSync(folder, staging, {
      recursive: true,
      filter: (path) => !/(^|[/\\])\.[^/\\]+$/.test(path.slice(folder.length)),
    });
    onProgress('extracting', 1, 1);
    const outcome = await checkOffThread({ folder: staging }, onProgress);
    return installChecked(deps, staging, outcome, source, onProgress);
  });
}

/** Installs a pack zip after unpacking it safely (see zip/extract.ts for what is refused). */
export async function installPackZip(
  deps: PackStoreDeps,
  zipFile: string,
  source: PackSource,
  onProgress: ImportProgress = () => undefined,
): Promise<InstallResult> {
  return withStaging(deps, async (staging) => {
    const outcome = await checkOffThread({ zipFile, folder: staging }, onProgress);
    return installChecked(deps, staging, outcome, source, onProgress);
  });
}

/** Unpacking and validation run in a worker; a pack too heavy to check there is refused like an invalid one. */
async function checkOffThread(job: PackCheckJob, onProgress: ImportProgress): Promise<PackCheckOutcome> {
  try {
    return await checkPackOffThread(job, onProgress);
  } catch (error) {
    if (error instanceof PackCheckFailed && error.reason !== 'crash') {
      throw new AppError('PACK_INVALID', error.message, { limit: error.reason });
    }
    throw error;
  }
}

/** The version in a pack folder's manifest, read without validating the whole pack; null if unreadable. */
export function peekPackVersion(folder: string): { id: string; version: string } | null {
  const file = join(folder, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  if (statSync(file).size > PACK_LIMITS.manifestBytes) return null;
  const parsed = parseYaml(readFileSync(file, 'utf8'), MANIFEST_FILE);
  if (!parsed.ok) return null;
  const data = parsed.source.data as { id?: unknown; version?: unknown } | null;
  return typeof data?.id === 'string' && typeof data.version === 'string'
    ? { id: data.id, version: data.version }
    : null;
}

export function installedVersion(deps: PackStoreDeps, id: string): string | null {
  const row = deps.database.db.select({ version: packs.version }).from(packs).where(eq(packs.id, id)).get();
  return row?.version ?? null;
}

/**
 * Removes a pack and its files. The learner's progress is kept (it is keyed by item id, so importing the
 * pack again picks it up) unless they ask to forget it; certificates and sent records always stay.
 */
export function removePack(deps: PackStoreDeps, id: string, forgetProgress = false): void {
  const row = deps.database.db.select().from(packs).where(eq(packs.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', `No course pack "${id}" is installed.`);
  deps.database.db.transaction((tx) => {
    tx.delete(packs).where(eq(packs.id, id)).run();
    unindexPack(deps.database.sqlite, id);
    if (forgetProgress) {
      for (const table of [itemProgress, quizAttempts, reflectionNotes, courseCompletions]) {
        tx.delete(table).where(eq(table.packId, id)).run();
      }
    }
  });
  rmSync(join(deps.dataDir, PACKS_DIR, id), { recursive: true, force: true });
}

/** Every import works in its own staging folder, which is gone afterwards whether it worked or not. */
async function withStaging<T>(deps: PackStoreDeps, work: (staging: string) => Promise<T>): Promise<T> {
  const root = join(deps.dataDir, PACKS_DIR);
  mkdirSync(root, { recursive: true });
  const staging = join(root, `.staging-${randomUUID()}`);
  try {
    return await work(staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function installChecked(
  deps: PackStoreDeps,
  staging: string,
  outcome: PackCheckOutcome,
  source: PackSource,
  onProgress: ImportProgress,
): Promise<InstallResult> {
  if (outcome.kind === 'zip-refused') {
    throw new AppError('PACK_INVALID', outcome.message, { zipProblem: outcome.code, entry: outcome.entry });
  }
  const { report } = outcome;
  if (!report.pack) {
    const count = report.problemCount;
    const first = report.problems[0];
    throw new AppError(
      'PACK_INVALID',
      `The pack has ${count.toLocaleString('en')} problem${count === 1 ? '' : 's'}. The first: ${first ? formatProblem(first) : ''}`,
      {
        problems: problemLines(report.problems, count),
        warnings: problemLines(report.warnings, report.warningCount, 'warning'),
      },
    );
  }
  const pack = report.pack;
  const { id, version, title } = pack.manifest;
  const previous = installedVersion(deps, id);
  if (previous !== null) refuseDowngrade(title, version, previous);
  onProgress('installing', 0, 1);
  // Read before the rows are replaced: what the learner had is what the update is measured against.
  const changes = previous === null ? null : diffPackContent(installedContent(deps, id), loadedContent(pack));

  const folder = `${PACKS_DIR}/${id}/${version}`;
  const target = join(deps.dataDir, folder);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(deps.dataDir, PACKS_DIR, id), { recursive: true });
  renameSync(staging, target);
  try {
    writePackRows(deps, pack, folder, source);
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
  if (previous !== null && previous !== version) {
    rmSync(join(deps.dataDir, PACKS_DIR, id, previous), { recursive: true, force: true });
  }
  const update = recordPackUpdate(deps, id, title, previous, version, changes);
  onProgress('installing', 1, 1);
  return {
    id,
    version,
    title,
    upgradedFrom: previous,
    changes: update ? describeChanges(update.courses, update.items) : null,
    items: pack.items.length,
    warnings: problemLines(report.warnings, report.warningCount, 'warning'),
  };
}

function refuseDowngrade(title: string, version: string, installed: string): void {
  const order = compareSemver(version, installed);
  if (order < 0) {
    throw new AppError(
      'CONFLICT',
      `“${title}” ${installed} is installed; version ${version} is older, so it was not imported.`,
      { installed, offered: version },
    );
  }
  if (order === 0) {
    throw new AppError('CONFLICT', `“${title}” ${version} is already installed.`, {
      installed,
      offered: version,
    });
  }
}

/** Replaces the pack's catalogue rows in one transaction; progress rows are keyed by item id and stay. */
function writePackRows(deps: PackStoreDeps, pack: LoadedPack, folder: string, source: PackSource): void {
  const { manifest } = pack;
  deps.database.db.transaction((tx) => {
    tx.delete(items).where(eq(items.packId, manifest.id)).run();
    tx.delete(modules).where(eq(modules.packId, manifest.id)).run();
    tx.delete(courses).where(eq(courses.packId, manifest.id)).run();
    const row = {
      id: manifest.id,
      version: manifest.version,
      title: manifest.title,
      summary: manifest.summary,
      language: manifest.language,
      authors: manifest.authors,
      folder,
      source,
      installedAt: deps.now(),
    };
    tx.insert(packs).values(row).onConflictDoUpdate({ target: packs.id, set: row }).run();
    manifest.courses.forEach((course, c) => {
      tx.insert(courses)
        .values({
          packId: manifest.id,
          id: course.id,
          title: course.title,
          summary: course.summary ?? null,
          passMark: course.passMark,
          position: c,
        })
        .run();
      course.modules.forEach((module, m) => {
        tx.insert(modules)
          .values({
            packId: manifest.id,
            courseId: course.id,
            id: module.id,
            title: module.title,
            summary: module.summary ?? null,
            position: m,
          })
          .run();
      });
    });
    tx.delete(guidelineSets).where(eq(guidelineSets.packId, manifest.id)).run();
    if (pack.guidelines) {
      const { id, title } = pack.guidelines;
      tx.insert(guidelineSets).values({ packId: manifest.id, id, title, definition: pack.guidelines }).run();
    }
    pack.items.forEach((item, position) => {
      tx.insert(items)
        .values({
          packId: manifest.id,
          id: item.id,
          courseId: item.courseId,
          moduleId: item.moduleId,
          kind: item.kind,
          title: item.title,
          file: item.file,
          body: item.body,
          minutes: item.minutes,
          passMark: item.passMark,
          details: item.details,
          position,
        })
        .run();
    });
    indexPack(
      deps.database.sqlite,
      manifest.id,
      pack.items.map((item) => ({ itemId: item.id, title: item.title, body: item.body })),
    );
  });
}
