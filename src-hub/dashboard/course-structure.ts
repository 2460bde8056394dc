import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackOffThread } from '../../src-packs/off-thread';
import type { ItemKind, PackManifest } from '../../src-shared/packs/manifest';
import { activityIri } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { listLatestPacks, readPackZip } from '../packs/catalogue';

/** One item of a published course, by the activity IRI its statements carry. */
export interface StructureItem {
  courseId: string;
  moduleId: string;
  itemId: string;
  kind: ItemKind;
}

/**
 * The modules and items of every course in the latest published version of each pack, as activity IRIs: a
 * module is done when all its items are (as the app completes a course when all its items are). Courses no
 * published pack holds are not here; their reports fall back to the items the hub has seen.
 */
export interface CourseStructure {
  /** Every course, started by anyone or not, with its title in the pack. */
  courses: { courseId: string; title: string }[];
  items: StructureItem[];
}

/** The structure of one pack version, from its manifest. */
export function structureOf(manifest: PackManifest): CourseStructure {
  const items: StructureItem[] = [];
  const courses: CourseStructure['courses'] = [];
  const packId = manifest.id;
  for (const course of manifest.courses) {
    const courseId = activityIri({ kind: 'course', packId, id: course.id });
    courses.push({ courseId, title: course.title });
    for (const module of course.modules) {
      const moduleId = activityIri({ kind: 'module', packId, id: `${course.id}/${module.id}` });
      for (const item of module.items) {
        items.push({
          courseId,
          moduleId,
          itemId: activityIri({ kind: item.kind, packId, id: item.id }),
          kind: item.kind,
        });
      }
    }
  }
  return { courses, items };
}

/** A published version never changes (its bytes are fixed), so its structure is read once per hub process. */
const cache = new Map<string, CourseStructure>();
const EMPTY: CourseStructure = { courses: [], items: [] };

/** The latest published version of a pack, and its structure: null when it could not be read this time. */
export interface PackStructure {
  packId: string;
  version: string;
  sha256: string;
  structure: CourseStructure | null;
}

/**
 * The structure of the latest published version of every pack. Packs not read yet are read one after another
 * (each in a worker), never all at once. When the worker fails (out of time or memory on a busy hub) the
 * structure is null, and the pack is read again next time.
 */
export async function latestPackStructures(db: HubDb): Promise<PackStructure[]> {
  const found: PackStructure[] = [];
  for (const pack of await listLatestPacks(db)) {
    const key = `${pack.id}@${pack.version}#${pack.sha256}`;
    let structure = cache.get(key) ?? null;
    if (!structure) {
      try {
        structure = await readStructure(db, pack.id, pack.version);
        cache.set(key, structure);
      } catch {
        structure = null;
      }
    }
    found.push({ packId: pack.id, version: pack.version, sha256: pack.sha256, structure });
  }
  return found;
}

/** The packs' structures as one (a pack that could not be read adds nothing: its courses count as unknown). */
export function combined(packs: readonly PackStructure[]): CourseStructure {
  const parts = packs.map((pack) => pack.structure ?? EMPTY);
  return { courses: parts.flatMap((part) => part.courses), items: parts.flatMap((part) => part.items) };
}

/** The structure of the latest published version of every pack. */
export async function publishedStructure(db: HubDb): Promise<CourseStructure> {
  return combined(await latestPackStructures(db));
}

/** A pack that can no longer be read (a later hub's stricter checks) has no structure: its courses count as unknown. */
async function readStructure(db: HubDb, id: string, version: string): Promise<CourseStructure> {
  const stored = await readPackZip(db, id, version);
  if (!stored) return EMPTY;
  const work = await mkdtemp(join(tmpdir(), 'advocate-hub-structure-'));
  try {
    const zipFile = join(work, 'pack.zip');
    await writeFile(zipFile, stored.zip);
    // Checked with the same reader when it was published: read in a worker, so the hub keeps answering.
    const outcome = await checkPackOffThread({ zipFile, folder: join(work, 'pack'), manifestOnly: true });
    if (outcome.kind !== 'report' || !outcome.report.pack) return EMPTY;
    return structureOf(outcome.report.pack.manifest);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The courses as one JSON parameter for SQL (`jsonb_to_recordset`): id and title. */
export function coursesJson(structure: CourseStructure): string {
  return JSON.stringify(structure.courses.map((course) => ({ c: course.courseId, t: course.title })));
}
