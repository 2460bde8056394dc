import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Channel } from '../../src-shared/packs/items';
import { piecesPerMonth, suggestNextSteps, type Growth } from '../../src-shared/profile/growth';
import { withEvidence } from '../../src-shared/profile/visibility';
import type { DatabaseHandle } from '../db/open';
import { courseCompletions, courses, drafts, itemProgress, items } from '../db/schema';
import type { Portfolio } from './portfolio';
import type { ProfileStore } from './profile';

export interface GrowthDeps {
  database: DatabaseHandle;
  now: () => Date;
  profile: ProfileStore;
  portfolio: Portfolio;
}

/** Where the person stands: what they finished, what they published where, and what to do next. */
export function computeGrowth(deps: GrowthDeps): Growth {
  const { db } = deps.database;
  const allCourses = db.select().from(courses).orderBy(asc(courses.packId), asc(courses.position)).all();
  const completions = db.select().from(courseCompletions).all();
  const done = new Set(completions.map((c) => `${c.packId}/${c.courseId}`));
  const titles = new Map(allCourses.map((c) => [`${c.packId}/${c.id}`, c.title]));
  const progress = db.select().from(itemProgress).all();
  const startedCourses = new Set(progress.map((p) => `${p.packId}/${p.courseId}`));
  const completedItems = new Set(progress.filter((p) => p.completedAt).map((p) => `${p.packId}/${p.itemId}`));
  const startedItems = new Set(progress.map((p) => `${p.packId}/${p.itemId}`));

  const exercises = db
    .select({ packId: items.packId, itemId: items.id, courseId: items.courseId, title: items.title })
    .from(items)
    .where(eq(items.kind, 'exercise'))
    .orderBy(asc(items.packId), asc(items.position))
    .all();

  const published = db
    .select({ channel: drafts.channel, publishedAt: drafts.publishedAt, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(and(eq(drafts.status, 'published'), isNull(drafts.deletedAt)))
    .all();
  const perChannel = new Map<Channel, number>();
  for (const piece of published) perChannel.set(piece.channel, (perChannel.get(piece.channel) ?? 0) + 1);

  const profile = deps.profile.get();
  return {
    coursesDone: completions
      .map((c) => ({
        title: titles.get(`${c.packId}/${c.courseId}`) ?? c.courseId,
        completedAt: c.completedAt.toISOString(),
      }))
      .sort((a, b) => a.completedAt.localeCompare(b.completedAt)),
    coursesTotal: allCourses.length,
    publishedByMonth: piecesPerMonth(
      published.map((piece) => piece.publishedAt ?? piece.updatedAt),
      deps.now(),
    ),
    piecesPublished: published.length,
    channelsUsed: [...perChannel]
      .map(([channel, count]) => ({ channel, count }))
      .sort((a, b) => b.count - a.count),
    // The person's own view: every area, evidence resolved against the whole portfolio.
    expertise: withEvidence(profile.expertise, deps.portfolio.list()),
    nextSteps: suggestNextSteps({
      openCourses: allCourses
        .filter((c) => !done.has(`${c.packId}/${c.id}`))
        .map((c) => ({
          packId: c.packId,
          courseId: c.id,
          title: c.title,
          started: startedCourses.has(`${c.packId}/${c.id}`),
        })),
      openExercises: exercises
        .filter((e) => !completedItems.has(`${e.packId}/${e.itemId}`))
        .map((e) => ({
          packId: e.packId,
          itemId: e.itemId,
          title: e.title,
          courseTitle: titles.get(`${e.packId}/${e.courseId}`) ?? e.courseId,
          started: startedItems.has(`${e.packId}/${e.itemId}`),
        })),
      channelsUsed: [...perChannel.keys()],
      profileStarted: profile.updatedAt !== null,
    }),
  };
}
