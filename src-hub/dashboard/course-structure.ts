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
  items: StructureItem[];
  /** Module IRI → its title, for showing. */
  moduleTitles: Map<string, string>;
}

/** The structure of one pack version, from its manifest. */
export function structureOf(manifest: PackManifest): CourseStructure {
  const items: StructureItem[] = [];
  const moduleTitles = new Map<string, string>();
  const packId = manifest.id;
  for (const course of manifest.courses) {
    const courseId = activityIri({ kind: 'course', packId, id: course.id });
    for (const module of course.modules) {
      const moduleId = activityIri({ kind: 'module', packId, id: `${course.id}/${module.id}` });
      moduleTitles.set(moduleId, module.title);
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
  return { items, moduleTitles };
}

/** A published version never changes (its bytes are fixed), so its structure is read once per hub process. */
const cache = new Map<string, Promise<CourseStructure>>();

/** The structure of the latest published version of every pack. */
export async function publishedStructure(db: HubDb): Promise<CourseStructure> {
  const latest = await listLatestPacks(db);
  const parts = await Promise.all(
    latest.map((pack) => {
      const key = `${pack.id}@${pack.version}#${pack.sha256}`;
      let found = cache.get(key);
      if (!found) {
        found = readStructure(db, pack.id, pack.version);
        cache.set(key, found);
        found.catch(() => cache.delete(key));
      }
      return found;
    }),
  );
  return {
    items: parts.flatMap((part) => part.items),
    moduleTitles: new Map(parts.flatMap((part) => [...part.moduleTitles])),
  };
}

async function readStructure(db: HubDb, id: string, version: string): Promise<CourseStructure> {
  const stored = await readPackZip(db, id, version);
  if (!stored) return { items: [], moduleTitles: new Map() };
  const work = await mkdtemp(join(tmpdir(), 'advocate-hub-structure-'));
  try {
    const zipFile = join(work, 'pack.zip');
    await writeFile(zipFile, stored.zip);
    // Checked with the same reader when it was published: read in a worker, so the hub keeps answering.
    const outcome = await checkPackOffThread({ zipFile, folder: join(work, 'pack'), manifestOnly: true });
    if (outcome.kind !== 'report' || !outcome.report.pack) {
      throw new Error(`The published pack ${id} ${version} can no longer be read for its modules.`);
    }
    return structureOf(outcome.report.pack.manifest);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The structure as one JSON parameter for SQL (`jsonb_to_recordset`): course, module, item and kind. */
export function structureJson(structure: CourseStructure): string {
  return JSON.stringify(
    structure.items.map((item) => ({ c: item.courseId, m: item.moduleId, i: item.itemId, k: item.kind })),
  );
}
