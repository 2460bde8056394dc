import { inArray, sql } from 'drizzle-orm';
import type { HubDb } from '../db/open';
import { courseItems, courseItemsSources } from '../db/schema/index';
import { publishPack } from '../packs/catalogue';
import { recountCourses } from '../xapi/progress';
import { combined, latestPackStructures, type CourseStructure, type PackStructure } from './course-structure';

type Source = typeof courseItemsSources.$inferSelect;
type ItemRow = typeof courseItems.$inferInsert;

const sameSource = (pack: PackStructure, sources: readonly Source[]) =>
  sources.some((s) => s.packId === pack.packId && s.version === pack.version && s.sha256 === pack.sha256);

/**
 * Brings course_items (what course progress counts) up to the latest published version of every pack, and
 * recounts every actor's items and modules done in the courses whose items changed. The progress reports call
 * this before they read, and publishing calls it once a pack is stored. Returns the packs' structure.
 */
export async function syncCourseItems(db: HubDb): Promise<CourseStructure> {
  const packs = await latestPackStructures(db);
  const readable = packs.filter((pack) => pack.structure !== null);
  const sources = await db.select().from(courseItemsSources);
  if (readable.every((pack) => sameSource(pack, sources))) return combined(packs);
  await db.transaction(async (tx) => {
    // Ingest's recount reads course_items: it waits while they change, and then sees the new ones.
    await tx.execute(sql`lock table course_items in access exclusive mode`);
    // Again under the lock: another hub process may have just done it.
    const current = await tx.select().from(courseItemsSources);
    const stale = readable.filter((pack) => !sameSource(pack, current));
    if (stale.length === 0) return;
    const ids = stale.map((pack) => pack.packId);
    const before = await tx.select().from(courseItems).where(inArray(courseItems.packId, ids));
    const after: ItemRow[] = stale.flatMap((pack) =>
      (pack.structure?.items ?? []).map((item) => ({
        packId: pack.packId,
        courseId: item.courseId,
        moduleId: item.moduleId,
        itemId: item.itemId,
      })),
    );
    await tx.delete(courseItems).where(inArray(courseItems.packId, ids));
    for (let i = 0; i < after.length; i += 1000) {
      await tx
        .insert(courseItems)
        .values(after.slice(i, i + 1000))
        .onConflictDoNothing();
    }
    for (const pack of stale) {
      const source = { packId: pack.packId, version: pack.version, sha256: pack.sha256 };
      await tx
        .insert(courseItemsSources)
        .values(source)
        .onConflictDoUpdate({ target: courseItemsSources.packId, set: source });
    }
    await recountCourses(tx, changedCourses(before, after));
  });
  return combined(packs);
}

/**
 * Publishes a pack zip (publishPack), then brings course_items up to it: from then on, ingest counts each actor's
 * items and modules done against the new version. Both publishing routes (devices' and the dashboard's) use this.
 */
export async function publishAndCount(
  db: HubDb,
  zip: Buffer,
  uploadedBy: string,
  now: Date,
): ReturnType<typeof publishPack> {
  const published = await publishPack(db, zip, uploadedBy, now);
  if (published.created) await syncCourseItems(db);
  return published;
}

/** The courses whose (module, item) pairs differ between the two lists. */
function changedCourses(before: readonly ItemRow[], after: readonly ItemRow[]): string[] {
  const byCourse = (rows: readonly ItemRow[]) => {
    const map = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = map.get(row.courseId) ?? new Set<string>();
      set.add(JSON.stringify([row.moduleId, row.itemId]));
      map.set(row.courseId, set);
    }
    return map;
  };
  const old = byCourse(before);
  const now = byCourse(after);
  return [...new Set([...old.keys(), ...now.keys()])].filter((course) => {
    const a = old.get(course);
    const b = now.get(course);
    return !a || !b || a.size !== b.size || [...a].some((pair) => !b.has(pair));
  });
}
