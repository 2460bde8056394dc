import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { LEARNER_ACCOUNT_HOME, verbs } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { clampToStorable } from '../../src-shared/hub/time-range';
import type { Completion, CompletionReport } from '../../src-shared/hub/schemas';
import { learners, statements } from '../db/schema/index';

export const COURSE_TYPE = 'http://adlnet.gov/expapi/activities/course';

/** A course completion statement, reduced to what the dashboard shows. */
export interface CompletionStatement {
  actorIfi: string;
  actorName: string | null;
  courseId: string;
  courseTitle: string | null;
  at: Date;
}

export interface KnownLearner {
  id: string;
  name: string;
  email: string;
  team: string | null;
}

export interface CompletionFilter {
  course?: string | undefined;
  team?: string | undefined;
  /** Inclusive, as a date (YYYY-MM-DD, UTC). */
  from?: string | undefined;
  /** Inclusive, as a date (YYYY-MM-DD, UTC). */
  to?: string | undefined;
}

export const NO_TEAM = '(no team)';

/**
 * Course completions by course, person and team. A person who completes a course twice (two devices, or again
 * after a reset) counts once, at their first completion; statements about people the hub never enrolled (an LRS
 * client's) count under their xAPI name and no team.
 */
export function buildReport(
  found: CompletionStatement[],
  known: KnownLearner[],
  filter: CompletionFilter,
): CompletionReport {
  const byIfi = new Map<string, KnownLearner>();
  for (const learner of known) {
    byIfi.set(`account:${LEARNER_ACCOUNT_HOME}|${learner.id}`, learner);
    byIfi.set(`mbox:mailto:${learner.email.toLowerCase()}`, learner);
  }
  const titles = new Map<string, string>();
  for (const s of found) if (s.courseTitle && !titles.has(s.courseId)) titles.set(s.courseId, s.courseTitle);
  const first = new Map<string, Completion>();
  for (const s of [...found].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const learner = byIfi.get(s.actorIfi);
    const personKey = learner ? learner.id : s.actorIfi;
    const key = `${personKey}\n${s.courseId}`;
    if (first.has(key)) continue;
    first.set(key, {
      personKey,
      person: learner?.name ?? s.actorName ?? s.actorIfi,
      email: learner?.email ?? null,
      team: learner?.team ?? null,
      courseId: s.courseId,
      course: titles.get(s.courseId) ?? s.courseId,
      at: s.at.toISOString(),
    });
  }
  const all = [...first.values()];
  const teams = [...new Set(known.map((learner) => learner.team).filter((t): t is string => !!t))].sort();
  const courses = [
    ...new Map(all.map((c) => [c.courseId, { courseId: c.courseId, course: c.course }])).values(),
  ];
  courses.sort((a, b) => a.course.localeCompare(b.course));

  const from = filter.from ? Date.parse(`${filter.from}T00:00:00Z`) : -Infinity;
  const to = filter.to ? Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000 : Infinity;
  const completions = all.filter(
    (c) =>
      (!filter.course || c.courseId === filter.course) &&
      (!filter.team || (c.team ?? NO_TEAM) === filter.team) &&
      Date.parse(c.at) >= from &&
      Date.parse(c.at) < to,
  );
  completions.sort((a, b) => a.at.localeCompare(b.at) || a.person.localeCompare(b.person));

  const byCourse = group(completions, (c) => c.courseId).map(([courseId, list]) => ({
    courseId,
    course: list[0]?.course ?? courseId,
    people: list.length,
    lastAt: latest(list),
  }));
  byCourse.sort((a, b) => b.people - a.people || a.course.localeCompare(b.course));

  const byPerson = group(completions, (c) => c.personKey).map(([personKey, list]) => ({
    personKey,
    person: list[0]?.person ?? personKey,
    email: list[0]?.email ?? null,
    team: list[0]?.team ?? null,
    courses: list.length,
    lastAt: latest(list),
  }));
  byPerson.sort((a, b) => b.courses - a.courses || a.person.localeCompare(b.person));

  const enrolled = new Map<string, number>();
  for (const learner of known) {
    const team = learner.team ?? NO_TEAM;
    enrolled.set(team, (enrolled.get(team) ?? 0) + 1);
  }
  const completedBy = new Map(group(completions, (c) => c.team ?? NO_TEAM));
  const teamNames = new Set([...enrolled.keys(), ...completedBy.keys()]);
  const byTeam = [...teamNames]
    .filter((team) => !filter.team || team === filter.team)
    .map((team) => {
      const list = completedBy.get(team) ?? [];
      return {
        team,
        enrolled: enrolled.get(team) ?? 0,
        people: new Set(list.map((c) => c.personKey)).size,
        completions: list.length,
      };
    })
    .sort((a, b) => (a.team === NO_TEAM ? 1 : b.team === NO_TEAM ? -1 : a.team.localeCompare(b.team)));

  return { completions, byCourse, byPerson, byTeam, courses, teams };
}

function group<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()];
}

function latest(list: Completion[]): string {
  return list.reduce((max, c) => (c.at > max ? c.at : max), '');
}

/** The course completion statements (not voided) in the date range, and every enrolled learner. */
export async function loadCompletions(
  db: HubDb,
  filter: CompletionFilter,
): Promise<{ found: CompletionStatement[]; known: KnownLearner[] }> {
  const where: SQL[] = [
    eq(statements.verbId, verbs.completed.id),
    eq(statements.voided, false),
    sql`${statements.statement}->'object'->'definition'->>'type' = ${COURSE_TYPE}`,
  ];
  // A day either side of the filter's dates: buildReport applies them exactly.
  if (filter.from)
    where.push(gte(statements.timestamp, clampToStorable(Date.parse(filter.from) - 86_400_000)));
  if (filter.to)
    where.push(lt(statements.timestamp, clampToStorable(Date.parse(filter.to) + 2 * 86_400_000)));
  const rows = await db
    .select({
      actorIfi: statements.actorIfi,
      actorName: sql<string | null>`${statements.statement}->'actor'->>'name'`,
      courseId: statements.activityId,
      courseTitle: sql<
        string | null
      >`coalesce(${statements.statement}->'object'->'definition'->'name'->>'en-US', ${statements.statement}->'object'->'definition'->'name'->>'en')`,
      at: statements.timestamp,
    })
    .from(statements)
    .where(and(...where));
  const known = await db
    .select({ id: learners.id, name: learners.name, email: learners.email, team: learners.team })
    .from(learners);
  return {
    found: rows.flatMap((row) => (row.courseId ? [{ ...row, courseId: row.courseId }] : [])),
    known,
  };
}
