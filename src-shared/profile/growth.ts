import { z } from 'zod';
import { Channel, channels } from '../packs/items';
import { ExpertiseLevel } from './schemas';

export const NextStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('course'), packId: z.string(), courseId: z.string(), title: z.string() }),
  z.object({
    kind: z.literal('exercise'),
    packId: z.string(),
    itemId: z.string(),
    title: z.string(),
    courseTitle: z.string(),
  }),
  z.object({ kind: z.literal('channel'), channel: Channel }),
  z.object({ kind: z.literal('profile') }),
]);
export type NextStep = z.infer<typeof NextStep>;

export const Growth = z.object({
  coursesDone: z.array(z.object({ title: z.string(), completedAt: z.string() })),
  coursesTotal: z.number().int(),
  /** The last twelve months, oldest first, each "YYYY-MM" with the pieces published in it. */
  publishedByMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
  piecesPublished: z.number().int(),
  channelsUsed: z.array(z.object({ channel: Channel, count: z.number().int() })),
  expertise: z.array(
    z.object({
      name: z.string(),
      level: ExpertiseLevel,
      evidence: z.string(),
      evidenceTitles: z.array(z.string()),
    }),
  ),
  /** Best first; the first is the one suggested. */
  nextSteps: z.array(NextStep),
});
export type Growth = z.infer<typeof Growth>;

/** Counts per calendar month (UTC) for the twelve months ending with the month of `now`. */
export function piecesPerMonth(publishedAt: Date[], now: Date): { month: string; count: number }[] {
  const months: { month: string; count: number }[] = [];
  for (let back = 11; back >= 0; back--) {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push({ month: at.toISOString().slice(0, 7), count: 0 });
  }
  const byMonth = new Map(months.map((entry) => [entry.month, entry]));
  for (const at of publishedAt) {
    const entry = byMonth.get(at.toISOString().slice(0, 7));
    if (entry) entry.count += 1;
  }
  return months;
}

export interface GrowthFacts {
  /** Courses not completed, in catalogue order, with whether the person has started each. */
  openCourses: { packId: string; courseId: string; title: string; started: boolean }[];
  /** Exercises not completed, in catalogue order. */
  openExercises: { packId: string; itemId: string; title: string; courseTitle: string; started: boolean }[];
  channelsUsed: Channel[];
  profileStarted: boolean;
}

/**
 * What to do next, best first: finish what is started, then practise (an exercise ends in a real draft),
 * then reach a new audience, then a new course. An empty profile comes first of all.
 */
export function suggestNextSteps(facts: GrowthFacts): NextStep[] {
  const steps: NextStep[] = [];
  if (!facts.profileStarted) steps.push({ kind: 'profile' });
  const byStarted = <T extends { started: boolean }>(list: T[]) =>
    [...list].sort((a, b) => Number(b.started) - Number(a.started));
  const exercise = byStarted(facts.openExercises)[0];
  const course = byStarted(facts.openCourses)[0];
  if (course?.started)
    steps.push({ kind: 'course', packId: course.packId, courseId: course.courseId, title: course.title });
  if (exercise)
    steps.push({
      kind: 'exercise',
      packId: exercise.packId,
      itemId: exercise.itemId,
      title: exercise.title,
      courseTitle: exercise.courseTitle,
    });
  // Internal posts are practice inside the company; the suggestion is an outside audience first.
  const untried = channels.filter((channel) => !facts.channelsUsed.includes(channel));
  const channel = untried.find((candidate) => candidate !== 'internal') ?? untried[0];
  if (channel) steps.push({ kind: 'channel', channel });
  if (course && !course.started)
    steps.push({ kind: 'course', packId: course.packId, courseId: course.courseId, title: course.title });
  return steps;
}
