import { sql, type SQL } from 'drizzle-orm';
import type { HubAnswer } from '../../src-shared/hub/contract';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { NO_TEAM, personCourses } from './completions';
import { doneCountsSql } from '../xapi/progress';
import { syncCourseItems } from './course-items';
import { coursesJson, type CourseStructure } from './course-structure';

/** Rows per page of the people list. */
export const PEOPLE_PAGE_SIZE = 100;
export const ACCOUNT_PREFIX = `account:${LEARNER_ACCOUNT_HOME}|`;

type Rows<T> = { rows: T[] };
export async function rows<T>(db: HubDb, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

/**
 * `counted`: each row of the CTE `pc` (personCourses with counts) with `done` and `modules_done`, the items and
 * modules the person completed in the course. These are kept per IFI in course_progress; a person with more than
 * one IFI in a course (an account and an email) is counted again over the union of their items, so an item done
 * under both counts once.
 */
const COUNTED = sql`multi as (select pc.person_key as key, a.actor_ifi, pc.course_id
      from pc cross join unnest(pc.actors) as a(actor_ifi) where pc.actors is not null),
    ${sql.raw(doneCountsSql('multi'))},
    counted as (select pc.*, coalesce(dc.items, pc.ifi_items) as done, coalesce(mc.modules, pc.ifi_modules) as modules_done
      from pc left join done_count dc on dc.key = pc.person_key and dc.course_id = pc.course_id
      left join modules_count mc on mc.key = pc.person_key and mc.course_id = pc.course_id)`;

/**
 * `totals (course_id, items)` and `modules (course_id, modules)`: a course a published pack holds has that pack's
 * items and modules (course_items); any other course of `courses` (a select of course_id) counts the items anyone
 * was seen acting on, and has no modules known.
 */
function courseTotals(courses: SQL): SQL {
  // Materialized: computed once, not once per person joined to it. An unknown course's items are counted by
  // skipping through the (course_id, item_id) index one item at a time, not by reading every row of the course.
  return sql`totals as materialized (select course_id, count(distinct item_id)::int as items from course_items group by 1
      union all select c.course_id, (with recursive seen(item_id) as (
          select min(ip.item_id) from item_progress ip where ip.course_id = c.course_id
          union all select (select min(ip.item_id) from item_progress ip where ip.course_id = c.course_id and ip.item_id > seen.item_id)
            from seen where seen.item_id is not null)
        select count(item_id)::int from seen)
        from (${courses}) c where not exists (select 1 from course_items ci where ci.course_id = c.course_id)),
    modules as (select course_id, count(distinct module_id)::int as modules from course_items group by 1)`;
}

export const TITLES = sql`titles as (select course_id, max(course_title) as title from course_progress group by course_id)`;

/** Every course anyone started, and every course of a published pack (started or not), with its title. */
function allTitles(structure: CourseStructure): SQL {
  return sql`titles as (select course_id, coalesce(max(pack_title), max(title)) as title from (
      select course_id, course_title as title, null as pack_title from course_progress
      union all select s.c, null, s.t from jsonb_to_recordset(${coursesJson(structure)}::jsonb) as s(c text, t text)) u
    group by course_id)`;
}

export interface ProgressFilter {
  course?: string | undefined;
  team?: string | undefined;
}

/** Per course and team: people enrolled, not started, in progress and completed, and the mean share of items and modules. */
export async function progressOverview(db: HubDb, filter: ProgressFilter): Promise<HubAnswer<'progress'>> {
  const structure = await syncCourseItems(db);
  const courseWhere = filter.course ? sql`where t.course_id = ${filter.course}` : sql``;
  const teamWhere = filter.team ? sql`where e.team = ${filter.team}` : sql``;
  const found = await rows<{
    courseId: string;
    course: string;
    team: string;
    enrolled: number;
    started: number;
    completed: number;
    itemsShare: number | null;
    modulesShare: number | null;
  }>(
    db,
    sql`with ${allTitles(structure)},
      ${courseTotals(sql`select t.course_id from titles t ${courseWhere}`)},
      pc as (${personCourses(filter, { counts: true })}), ${COUNTED},
      enrolled as (select coalesce(team, ${NO_TEAM}) as team, count(*)::int as n from learners group by 1),
      stats as (select c.course_id, coalesce(c.team, ${NO_TEAM}) as team, count(*)::int as started,
          (count(*) filter (where c.completed_at is not null))::int as completed,
          avg(least(1, c.done::float8 / nullif(tt.items, 0))) as share,
          avg(c.modules_done::float8 / nullif(m.modules, 0)) as modules_share
        from counted c left join totals tt on tt.course_id = c.course_id
        left join modules m on m.course_id = c.course_id
        group by 1, 2)
    select t.course_id as "courseId", coalesce(t.title, t.course_id) as course, e.team, e.n as enrolled,
      coalesce(s.started, 0) as started, coalesce(s.completed, 0) as completed, s.share as "itemsShare",
      s.modules_share as "modulesShare"
    from (select * from titles t ${courseWhere}) t cross join (select * from enrolled e ${teamWhere}) e
    left join stats s on s.course_id = t.course_id and s.team = e.team
    order by lower(coalesce(t.title, t.course_id)), e.team = ${NO_TEAM}, e.team`,
  );
  return {
    rows: found.map(({ started, enrolled, completed, ...row }) => ({
      ...row,
      enrolled,
      completed,
      inProgress: started - completed,
      notStarted: Math.max(0, enrolled - started),
    })),
  };
}

/** The enrolled people of a course, one page, with their status, items and modules done and dates; filtered by team and status. */
export async function courseParticipants(
  db: HubDb,
  filter: {
    course: string;
    team?: string | undefined;
    status?: 'not-started' | 'in-progress' | 'completed' | undefined;
    page?: number | undefined;
  },
  size = PEOPLE_PAGE_SIZE,
): Promise<HubAnswer<'participants'>> {
  const where: SQL[] = [sql`true`];
  if (filter.team) where.push(sql`coalesce(l.team, ${NO_TEAM}) = ${filter.team}`);
  if (filter.status === 'not-started') where.push(sql`pc.person_key is null`);
  if (filter.status === 'in-progress') where.push(sql`pc.person_key is not null and pc.completed_at is null`);
  if (filter.status === 'completed') where.push(sql`pc.completed_at is not null`);
  await syncCourseItems(db);
  const base = sql`with ${courseTotals(sql`select ${filter.course}::text as course_id`)},
    pc as (${personCourses({ course: filter.course }, { counts: true })}), ${COUNTED},
    people as (select l.id, l.name, l.email, l.team, l.created_at, pc.started_at, pc.last_at, pc.completed_at,
        least(coalesce(pc.done, 0), coalesce(tt.items, 0)) as done, coalesce(tt.items, 0) as items,
        coalesce(pc.modules_done, 0) as modules_done, m.modules
      from learners l left join counted pc on pc.person_key = l.id
      left join totals tt on tt.course_id = ${filter.course}
      left join modules m on m.course_id = ${filter.course}
      where ${sql.join(where, sql` and `)})`;
  const found = await rows<{
    learnerId: string;
    name: string;
    email: string;
    team: string | null;
    enrolledAt: string;
    startedAt: string | null;
    lastAt: string | null;
    completedAt: string | null;
    done: number;
    items: number;
    modulesDone: number;
    modules: number | null;
    total: number;
  }>(
    db,
    // The total comes with the page (one pass over the people, not two); a page past the end has no row to carry it.
    sql`${base} select id as "learnerId", name, email, team, created_at as "enrolledAt", started_at as "startedAt",
        last_at as "lastAt", completed_at as "completedAt", done::int as done, items::int as items,
        modules_done::int as "modulesDone", modules::int as modules, (count(*) over ())::int as total
      from people order by lower(name), id
      limit ${size} offset ${(filter.page ?? 0) * size}`,
  );
  const total =
    found[0]?.total ??
    (await rows<{ total: number }>(db, sql`${base} select count(*)::int as total from people`))[0]?.total ??
    0;
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    people: found.map(({ total: _, ...p }) => ({
      ...p,
      enrolledAt: new Date(p.enrolledAt).toISOString(),
      startedAt: iso(p.startedAt),
      lastAt: iso(p.lastAt),
      completedAt: iso(p.completedAt),
      status: p.completedAt ? 'completed' : p.startedAt ? 'in-progress' : 'not-started',
    })),
    total,
    pageSize: size,
  };
}

/** Item analysis for a course's quiz questions: how many answers, the share correct, the wrong answer most given. */
export async function questionAnalysis(db: HubDb, course: string): Promise<HubAnswer<'questions'>> {
  const found = await rows<{
    questionId: string;
    question: string;
    quizId: string;
    quiz: string;
    answers: number;
    correct: number;
    topWrong: string | null;
    topWrongAnswers: number | null;
    choices: unknown;
  }>(
    db,
    sql`select t.question_id as "questionId", coalesce(max(t.question_title), t.question_id) as question,
        t.quiz_id as "quizId", coalesce(max(a.definition->'name'->>'en-US'), max(a.definition->'name'->>'en'), t.quiz_id) as quiz,
        sum(t.answers)::int as answers, (coalesce(sum(t.answers) filter (where t.success), 0))::int as correct,
        (select w.response from answer_tallies w where w.question_id = t.question_id and not w.success
          order by w.answers desc, w.response limit 1) as "topWrong",
        (select max(w.answers) from answer_tallies w where w.question_id = t.question_id and not w.success) as "topWrongAnswers",
        (select q.definition->'choices' from xapi_activities q where q.id = t.question_id) as choices
      from answer_tallies t left join xapi_activities a on a.id = t.quiz_id
      where t.course_id = ${course}
      group by t.question_id, t.quiz_id order by t.quiz_id, t.question_id`,
  );
  return {
    questions: found.map(({ correct, answers, choices, ...q }) => ({
      ...q,
      topWrongText: q.topWrong === null ? null : responseText(q.topWrong, choices),
      answers,
      correctShare: answers > 0 ? correct / answers : 0,
    })),
  };
}

/**
 * A choice response (`b` or `b[,]d`) in the words learners saw, from the question's stored interaction
 * definition; null when the definition has no such choices (older statements answered by position).
 */
export function responseText(response: string, choices: unknown): string | null {
  if (!Array.isArray(choices)) return null;
  const words = new Map<string, string>();
  for (const choice of choices as unknown[]) {
    if (typeof choice !== 'object' || choice === null) continue;
    const { id, description } = choice as { id?: unknown; description?: unknown };
    if (typeof id !== 'string' || typeof description !== 'object' || description === null) continue;
    const texts = Object.values(description as Record<string, unknown>).filter((t) => typeof t === 'string');
    if (typeof texts[0] === 'string') words.set(id, texts[0]);
  }
  const parts = response.split('[,]').map((id) => words.get(id));
  return parts.every((part) => part !== undefined) ? parts.join('; ') : null;
}
