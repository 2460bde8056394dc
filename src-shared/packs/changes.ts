import { z } from 'zod';
import { ItemKind } from './manifest';

/** One item or course an update added, removed or changed. */
export const ChangedEntry = z.object({
  id: z.string(),
  title: z.string(),
  /** Items only: which kind, and in which course. Courses leave both out. */
  kind: ItemKind.optional(),
  courseId: z.string().optional(),
});
export type ChangedEntry = z.infer<typeof ChangedEntry>;

export const ChangeSet = z.object({
  added: z.array(ChangedEntry),
  removed: z.array(ChangedEntry),
  changed: z.array(ChangedEntry),
});
export type ChangeSet = z.infer<typeof ChangeSet>;

/** What one update of an installed pack changed, kept until the next update of it. */
export const PackUpdate = z.object({
  packId: z.string(),
  packTitle: z.string(),
  from: z.string(),
  to: z.string(),
  at: z.iso.datetime(),
  courses: ChangeSet,
  items: ChangeSet,
  /** Courses whose notice in Learn the learner has dismissed. */
  dismissedCourses: z.array(z.string()),
});
export type PackUpdate = z.infer<typeof PackUpdate>;

/** The notice a course shows once after its pack was updated: only what changed in that course. */
export const CourseUpdateNotice = z
  .object({
    packId: z.string(),
    courseId: z.string(),
    from: z.string(),
    to: z.string(),
    at: z.iso.datetime(),
    summary: z.string(),
    added: z.array(ChangedEntry),
    changed: z.array(ChangedEntry),
  })
  .nullable();
export type CourseUpdateNotice = z.infer<typeof CourseUpdateNotice>;

const newNouns: Record<ItemKind, [string, string]> = {
  lesson: ['new lesson', 'new lessons'],
  quiz: ['new knowledge check', 'new knowledge checks'],
  exercise: ['new exercise', 'new exercises'],
  reflection: ['new reflection', 'new reflections'],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "1 new course, 1 new lesson, 2 changed, 1 removed": an update in a line. Changed and removed count items
 * and courses alike; "no changes to the content" when only the version number moved.
 */
export function describeChanges(courses: ChangeSet, items: ChangeSet): string {
  const parts: string[] = [];
  if (courses.added.length > 0) parts.push(count(courses.added.length, ['new course', 'new courses']));
  for (const kind of ItemKind.options) {
    const added = items.added.filter((entry) => entry.kind === kind).length;
    if (added > 0) parts.push(count(added, newNouns[kind]));
  }
  const changed = courses.changed.length + items.changed.length;
  if (changed > 0) parts.push(`${changed} changed`);
  const removed = courses.removed.length + items.removed.length;
  if (removed > 0) parts.push(`${removed} removed`);
  return parts.length > 0 ? parts.join(', ') : 'no changes to the content';
}

/** "Updated to 1.2.0 — 1 new lesson, 2 changed". */
export function describeUpdate(update: Pick<PackUpdate, 'to' | 'courses' | 'items'>): string {
  return `Updated to ${update.to} — ${describeChanges(update.courses, update.items)}`;
}

/** What a course's notice says, or null when the update left the course alone or it was dismissed. */
export function courseNotice(update: PackUpdate, courseId: string): CourseUpdateNotice {
  if (update.dismissedCourses.includes(courseId)) return null;
  const inCourse = (entries: ChangedEntry[]) => entries.filter((entry) => entry.courseId === courseId);
  const items = {
    added: inCourse(update.items.added),
    removed: inCourse(update.items.removed),
    changed: inCourse(update.items.changed),
  };
  const courses = {
    added: update.courses.added.filter((entry) => entry.id === courseId),
    removed: [],
    changed: update.courses.changed.filter((entry) => entry.id === courseId),
  };
  const touched = items.added.length + items.removed.length + items.changed.length + courses.changed.length;
  // A course that is new as a whole has nothing "updated" to tell: everything in it is new anyway.
  if (touched === 0 || courses.added.length > 0) return null;
  return {
    packId: update.packId,
    courseId,
    from: update.from,
    to: update.to,
    at: update.at,
    summary: describeChanges(courses, items),
    added: items.added,
    changed: items.changed,
  };
}
