import { and, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { AppDatabase } from '../db/open';
import { courses, items, modules, packs } from '../db/schema';

/** An item with what surrounds it: its pack, its course (title, summary, pass mark) and its module. */
export function findItemInContext(db: AppDatabase, packId: string, itemId: string) {
  const row = db
    .select({
      item: items,
      packFolder: packs.folder,
      pack: {
        id: packs.id,
        version: packs.version,
        language: packs.language,
        title: packs.title,
        summary: packs.summary,
      },
      courseTitle: courses.title,
      courseSummary: courses.summary,
      coursePassMark: courses.passMark,
      moduleTitle: modules.title,
      moduleSummary: modules.summary,
    })
    .from(items)
    .innerJoin(packs, eq(packs.id, items.packId))
    .innerJoin(courses, and(eq(courses.packId, items.packId), eq(courses.id, items.courseId)))
    .innerJoin(
      modules,
      and(
        eq(modules.packId, items.packId),
        eq(modules.courseId, items.courseId),
        eq(modules.id, items.moduleId),
      ),
    )
    .where(and(eq(items.packId, packId), eq(items.id, itemId)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', `There is no item "${itemId}" in the pack "${packId}".`);
  return row;
}
