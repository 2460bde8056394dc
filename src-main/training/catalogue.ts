import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, posix } from 'node:path';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import type { Question } from '../../src-shared/packs/items';
import type { ItemKind } from '../../src-shared/packs/manifest';
import { isMarked } from '../../src-shared/training/quiz';
import type {
  CourseDetail,
  CourseSummary,
  ItemDetail,
  ItemStatus,
  PackSummary,
} from '../../src-shared/training/schemas';
import type { DatabaseHandle } from '../db/open';
import { certificates, courseCompletions, courses, itemProgress, items, modules, packs } from '../db/schema';
import { markdownReferences, resolvePackReference } from '../../src-packs/links';
import { findItemInContext } from './item-query';

export interface CatalogueDeps {
  database: DatabaseHandle;
  dataDir: string;
}

const ASSET_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};
/** Images and PDFs travel inside the API reply as data: URLs (the page's CSP allows no other source). */
const MAX_INLINE_IMAGE_BYTES = 8 * 1024 * 1024;

export function createCatalogue(deps: CatalogueDeps) {
  const { db } = deps.database;

  function listPacks(): PackSummary[] {
    return db
      .select({
        id: packs.id,
        version: packs.version,
        title: packs.title,
        summary: packs.summary,
        source: packs.source,
        installedAt: packs.installedAt,
        // drizzle leaves columns unqualified in a one-table select, so the correlation is spelled out.
        courses: sql<number>`(SELECT count(*) FROM courses c WHERE c.pack_id = "packs"."id")`,
        items: sql<number>`(SELECT count(*) FROM items i WHERE i.pack_id = "packs"."id")`,
      })
      .from(packs)
      .orderBy(asc(packs.title))
      .all()
      .map((row) => ({ ...row, installedAt: row.installedAt.toISOString() }));
  }

  function listCourses(): CourseSummary[] {
    const progress = progressIndex();
    return db
      .select({
        packId: courses.packId,
        packTitle: packs.title,
        id: courses.id,
        title: courses.title,
        summary: courses.summary,
        modules: sql<number>`(SELECT count(*) FROM ${modules} WHERE ${modules.packId} = ${courses.packId} AND ${modules.courseId} = ${courses.id})`,
        items: sql<number>`(SELECT count(*) FROM ${items} WHERE ${items.packId} = ${courses.packId} AND ${items.courseId} = ${courses.id})`,
        minutes: sql<number>`(SELECT coalesce(sum(${items.minutes}), 0) FROM ${items} WHERE ${items.packId} = ${courses.packId} AND ${items.courseId} = ${courses.id})`,
      })
      .from(courses)
      .innerJoin(packs, eq(packs.id, courses.packId))
      .orderBy(asc(packs.title), asc(courses.position))
      .all()
      .map((course) => {
        const { completedItems, resumeItemId, completed, completedAt } = progress(course.packId, course.id);
        return { ...course, completedItems, resumeItemId, completed, completedAt };
      });
  }

  /**
   * How far the learner is in each course, from progress rows that outlive pack upgrades. Three queries
   * for any number of courses (item ids only, never bodies), grouped here: the catalogue opens fast even
   * with a hundred packs installed (see bench/catalogue.bench.ts).
   */
  function progressIndex(packId?: string) {
    const itemIds = db
      .select({ packId: items.packId, courseId: items.courseId, id: items.id })
      .from(items)
      .where(packId === undefined ? undefined : eq(items.packId, packId))
      .orderBy(asc(items.packId), asc(items.position))
      .all();
    const progressRows = db
      .select()
      .from(itemProgress)
      .where(packId === undefined ? undefined : eq(itemProgress.packId, packId))
      .all();
    const completions = new Map(
      db
        .select()
        .from(courseCompletions)
        .where(packId === undefined ? undefined : eq(courseCompletions.packId, packId))
        .all()
        .map((row) => [`${row.packId}/${row.courseId}`, row.completedAt.toISOString()]),
    );
    const idsByCourse = groupBy(itemIds, (row) => `${row.packId}/${row.courseId}`);
    const progressByPack = groupBy(progressRows, (row) => row.packId);

    return (coursePackId: string, courseId: string) => {
      const ids = (idsByCourse.get(`${coursePackId}/${courseId}`) ?? []).map((row) => row.id);
      const inCourse = new Set(ids);
      const rows = new Map(
        (progressByPack.get(coursePackId) ?? [])
          .filter((row) => inCourse.has(row.itemId))
          .map((row) => [row.itemId, row]),
      );
      const status = (id: string): ItemStatus => {
        const row = rows.get(id);
        return row?.completedAt ? 'completed' : row ? 'started' : 'not-started';
      };
      const lastOpenedUnfinished = [...rows.values()]
        .filter((row) => !row.completedAt)
        .sort((a, b) => b.lastOpenedAt.getTime() - a.lastOpenedAt.getTime())[0];
      return {
        status,
        completedItems: ids.filter((id) => status(id) === 'completed').length,
        totalItems: ids.length,
        resumeItemId: lastOpenedUnfinished?.itemId ?? ids.find((id) => status(id) !== 'completed') ?? null,
        completed: completions.has(`${coursePackId}/${courseId}`),
        completedAt: completions.get(`${coursePackId}/${courseId}`) ?? null,
      };
    };
  }

  function getCourse(packId: string, courseId: string): CourseDetail {
    const course = db
      .select({ course: courses, packTitle: packs.title })
      .from(courses)
      .innerJoin(packs, eq(packs.id, courses.packId))
      .where(and(eq(courses.packId, packId), eq(courses.id, courseId)))
      .get();
    if (!course) throw new AppError('NOT_FOUND', `There is no course "${courseId}" in the pack "${packId}".`);
    const moduleRows = db
      .select()
      .from(modules)
      .where(and(eq(modules.packId, packId), eq(modules.courseId, courseId)))
      .orderBy(asc(modules.position))
      .all();
    const itemRows = courseItems(packId, courseId);
    const progress = progressIndex(packId)(packId, courseId);
    return {
      packId,
      packTitle: course.packTitle,
      id: course.course.id,
      title: course.course.title,
      summary: course.course.summary,
      passMark: course.course.passMark,
      completedItems: progress.completedItems,
      totalItems: progress.totalItems,
      resumeItemId: progress.resumeItemId,
      completed: progress.completed,
      completedAt: progress.completedAt,
      certificate: currentCertificate(packId, courseId),
      modules: moduleRows.map((module) => ({
        id: module.id,
        title: module.title,
        summary: module.summary,
        items: itemRows
          .filter((item) => item.moduleId === module.id)
          .map((item) => ({
            id: item.id,
            kind: item.kind,
            title: item.title,
            minutes: item.minutes,
            status: progress.status(item.id),
          })),
      })),
    };
  }

  function currentCertificate(packId: string, courseId: string): CourseDetail['certificate'] {
    return (
      db
        .select({ id: certificates.id, learnerName: certificates.learnerName })
        .from(certificates)
        .where(
          and(
            eq(certificates.packId, packId),
            eq(certificates.courseId, courseId),
            isNull(certificates.replacedBy),
          ),
        )
        .get() ?? null
    );
  }

  function courseItems(packId: string, courseId: string) {
    return db
      .select()
      .from(items)
      .where(and(eq(items.packId, packId), eq(items.courseId, courseId)))
      .orderBy(asc(items.position))
      .all();
  }

  /** The minutes of the course's items not yet done: marking one done takes its minutes off. */
  function minutesLeft(packId: string, courseId: string, siblings: { id: string; minutes: number | null }[]) {
    const progress = progressIndex(packId)(packId, courseId);
    return siblings
      .filter((sibling) => progress.status(sibling.id) !== 'completed')
      .reduce((total, sibling) => total + (sibling.minutes ?? 0), 0);
  }

  function getItem(packId: string, itemId: string): ItemDetail {
    const row = findItemInContext(db, packId, itemId);
    const { item } = row;
    const siblings = courseItems(packId, item.courseId);
    const index = siblings.findIndex((sibling) => sibling.id === item.id);
    const neighbour = (offset: number) => {
      const other = siblings[index + offset];
      return other ? { id: other.id, title: other.title, kind: other.kind } : null;
    };
    const itemsByFile = new Map(
      db
        .select({ id: items.id, file: items.file })
        .from(items)
        .where(eq(items.packId, packId))
        .all()
        .map((other) => [other.file, other.id]),
    );
    const images: Record<string, string> = {};
    const itemLinks: Record<string, string> = {};
    const attachments: Record<string, { name: string; dataUrl: string }> = {};
    for (const reference of markdownReferences(item.body)) {
      const target = resolvePackReference(item.file, reference.href);
      if (target === null || target.startsWith('..')) continue;
      if (reference.kind === 'image') {
        const dataUrl = assetDataUrl(join(deps.dataDir, row.packFolder), target);
        if (dataUrl) images[reference.href] = dataUrl;
      } else if (extname(target).toLowerCase() === '.pdf') {
        const dataUrl = assetDataUrl(join(deps.dataDir, row.packFolder), target);
        if (dataUrl) attachments[reference.href] = { name: basename(target), dataUrl };
      } else {
        const linked = itemsByFile.get(posix.normalize(target));
        if (linked) itemLinks[reference.href] = linked;
      }
    }
    return {
      packId,
      id: item.id,
      kind: item.kind,
      title: item.title,
      courseId: item.courseId,
      courseTitle: row.courseTitle,
      moduleTitle: row.moduleTitle,
      body: item.body,
      minutes: item.minutes,
      passMark: item.passMark,
      ...quizFields(item.kind, item.details),
      images,
      itemLinks,
      attachments,
      previous: neighbour(-1),
      next: neighbour(1),
      minutesLeftInCourse: minutesLeft(packId, item.courseId, siblings),
    };
  }

  return { listPacks, listCourses, getCourse, getItem };
}

export type Catalogue = ReturnType<typeof createCatalogue>;

/**
 * A quiz's questions never travel with the item: which choice is right, the true/false answer and the model
 * answer reach the window only after the learner answers (startQuiz, answerQuestion).
 */
function quizFields(kind: ItemKind, details: Record<string, unknown>): Pick<ItemDetail, 'details' | 'quiz'> {
  if (kind !== 'quiz') return { details, quiz: null };
  const questions = (details['questions'] ?? []) as Question[];
  return { details: {}, quiz: { questions: questions.length, marked: questions.filter(isMarked).length } };
}

function assetDataUrl(packFolder: string, relative: string): string | null {
  const type = ASSET_TYPES[extname(relative).toLowerCase()];
  const file = join(packFolder, relative);
  if (!type || !existsSync(file) || statSync(file).size > MAX_INLINE_IMAGE_BYTES) return null;
  return `data:${type};base64,${readFileSync(file).toString('base64')}`;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
