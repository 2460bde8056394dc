import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { ItemKind } from '../../src-shared/packs/manifest';
import {
  courseNotice,
  PackUpdate,
  type ChangedEntry,
  type ChangeSet,
  type CourseUpdateNotice,
} from '../../src-shared/packs/changes';
import type { LoadedPack } from '../../src-packs/validate';
import { courses, items, modules, packs } from '../db/schema';
import type { PackStoreDeps } from './install';

/** What a pack's content is, for comparing two versions of it: its courses and their items. */
export interface PackContent {
  courses: {
    id: string;
    title: string;
    summary: string | null;
    passMark: number | null;
    /** Module ids and titles in order: a course whose outline moved has changed. */
    outline: string;
  }[];
  items: {
    id: string;
    courseId: string;
    kind: ItemKind;
    title: string;
    /** Body, minutes, pass mark and front matter, as one comparable text. */
    content: string;
  }[];
}

/** JSON with keys sorted, so two equal front matters compare equal however they were read. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function itemContent(item: {
  body: string;
  minutes: number | null;
  passMark: number | null;
  details: Record<string, unknown>;
}): string {
  return stableJson([item.body, item.minutes, item.passMark, item.details]);
}

/** The installed version's content, read from the catalogue before an update replaces it. */
export function installedContent(deps: PackStoreDeps, packId: string): PackContent {
  const { db } = deps.database;
  const courseRows = db
    .select()
    .from(courses)
    .where(eq(courses.packId, packId))
    .orderBy(asc(courses.position))
    .all();
  const moduleRows = db
    .select()
    .from(modules)
    .where(eq(modules.packId, packId))
    .orderBy(asc(modules.position))
    .all();
  const itemRows = db.select().from(items).where(eq(items.packId, packId)).orderBy(asc(items.position)).all();
  return {
    courses: courseRows.map((course) => ({
      id: course.id,
      title: course.title,
      summary: course.summary,
      passMark: course.passMark,
      outline: stableJson(
        moduleRows.filter((m) => m.courseId === course.id).map((m) => [m.id, m.title, m.summary]),
      ),
    })),
    items: itemRows.map((item) => ({
      id: item.id,
      courseId: item.courseId,
      kind: item.kind,
      title: item.title,
      content: itemContent(item),
    })),
  };
}

/** The content of a pack that was just checked, in the same terms. */
export function loadedContent(pack: LoadedPack): PackContent {
  return {
    courses: pack.manifest.courses.map((course) => ({
      id: course.id,
      title: course.title,
      summary: course.summary ?? null,
      passMark: course.passMark ?? null,
      outline: stableJson(course.modules.map((m) => [m.id, m.title, m.summary ?? null])),
    })),
    items: pack.items.map((item) => ({
      id: item.id,
      courseId: item.courseId,
      kind: item.kind,
      title: item.title,
      content: itemContent(item),
    })),
  };
}

function diff<T extends { id: string }>(
  before: T[],
  after: T[],
  same: (a: T, b: T) => boolean,
  entry: (value: T) => ChangedEntry,
): ChangeSet {
  const old = new Map(before.map((value) => [value.id, value]));
  const fresh = new Set(after.map((value) => value.id));
  const added: ChangedEntry[] = [];
  const changed: ChangedEntry[] = [];
  for (const value of after) {
    const previous = old.get(value.id);
    if (!previous) added.push(entry(value));
    else if (!same(previous, value)) changed.push(entry(value));
  }
  const removed = before.filter((value) => !fresh.has(value.id)).map(entry);
  return { added, removed, changed };
}

/**
 * What changed between two versions of a pack. Items and courses are matched by id (progress is too), so
 * a renamed lesson is "changed", not one removed and one new.
 */
export function diffPackContent(
  before: PackContent,
  after: PackContent,
): { courses: ChangeSet; items: ChangeSet } {
  return {
    courses: diff(
      before.courses,
      after.courses,
      (a, b) =>
        a.title === b.title &&
        a.summary === b.summary &&
        a.passMark === b.passMark &&
        a.outline === b.outline,
      (course) => ({ id: course.id, title: course.title }),
    ),
    items: diff(
      before.items,
      after.items,
      (a, b) =>
        a.title === b.title && a.kind === b.kind && a.courseId === b.courseId && a.content === b.content,
      (item) => ({ id: item.id, title: item.title, kind: item.kind, courseId: item.courseId }),
    ),
  };
}

const UPDATE_FILE = 'update.json';

function updateFile(deps: Pick<PackStoreDeps, 'dataDir'>, packId: string): string {
  // Beside the pack's version folders: it goes when the pack is removed.
  return join(deps.dataDir, 'packs', packId, UPDATE_FILE);
}

function writeUpdate(deps: Pick<PackStoreDeps, 'dataDir'>, update: PackUpdate): void {
  const file = updateFile(deps, update.packId);
  writeFileSync(`${file}.tmp`, JSON.stringify(update, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** Keeps what an update changed (replacing the last one); a first install has nothing to tell. */
export function recordPackUpdate(
  deps: PackStoreDeps,
  packId: string,
  packTitle: string,
  from: string | null,
  to: string,
  changes: { courses: ChangeSet; items: ChangeSet } | null,
): PackUpdate | null {
  if (from === null || changes === null) {
    rmSync(updateFile(deps, packId), { force: true });
    return null;
  }
  const update: PackUpdate = {
    packId,
    packTitle,
    from,
    to,
    at: deps.now().toISOString(),
    ...changes,
    dismissedCourses: [],
  };
  writeUpdate(deps, update);
  return update;
}

/** The last update of an installed pack, if it is still the installed version; unreadable files count as none. */
export function readPackUpdate(deps: PackStoreDeps, packId: string): PackUpdate | null {
  const file = updateFile(deps, packId);
  if (!existsSync(file)) return null;
  let parsed: ReturnType<typeof PackUpdate.safeParse>;
  try {
    parsed = PackUpdate.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const installed = deps.database.db
    .select({ version: packs.version })
    .from(packs)
    .where(eq(packs.id, packId))
    .get();
  return installed?.version === parsed.data.to ? parsed.data : null;
}

/** The last update of every installed pack that has one, for the Packs screen. */
export function listPackUpdates(deps: PackStoreDeps): PackUpdate[] {
  const installed = deps.database.db.select({ id: packs.id }).from(packs).orderBy(asc(packs.id)).all();
  return installed.flatMap(({ id }) => readPackUpdate(deps, id) ?? []);
}

/** The notice a course shows after its pack's last update, until dismissed. */
export function getCourseUpdateNotice(
  deps: PackStoreDeps,
  packId: string,
  courseId: string,
): CourseUpdateNotice {
  const update = readPackUpdate(deps, packId);
  return update ? courseNotice(update, courseId) : null;
}

/** The learner has read the notice: the course no longer shows it (the Packs screen still says what changed). */
export function dismissCourseUpdate(deps: PackStoreDeps, packId: string, courseId: string): void {
  const update = readPackUpdate(deps, packId);
  if (!update) throw new AppError('NOT_FOUND', `“${packId}” has no update to dismiss.`);
  if (update.dismissedCourses.includes(courseId)) return;
  writeUpdate(deps, { ...update, dismissedCourses: [...update.dismissedCourses, courseId] });
}
