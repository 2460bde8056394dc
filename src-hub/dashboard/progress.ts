import { sql, type SQL } from 'drizzle-orm';
import type { HubAnswer } from '../../src-shared/hub/contract';
import { LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { NO_TEAM, personCourses } from './completions';

/** Rows per page of the people list. */
export const PEOPLE_PAGE_SIZE = 100;
const ACCOUNT_PREFIX = `account:${LEARNER_ACCOUNT_HOME}|`;

type Rows<T> = { rows: T[] };
async function rows<T>(db: HubDb, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as Rows<T>).rows;
}

/** The enrolled learner an item_progress row's actor is (by account name or email), else the IFI itself. */
const ITEM_PERSON = sql`coalesce(la.id, lm.id, ip.actor_ifi)`;
const ITEM_LEARNERS = sql`left join learners la on ip.actor_ifi = ${ACCOUNT_PREFIX} || la.id
  left join learners lm on ip.actor_ifi = 'mbox:mailto:' || lm.email`;

/**
 * The items of a course the hub has seen anyone act on, and what each person completed: the share of items a
 * person has done is theirs over the course's (a pack's items no one has opened yet are not known here).
 */
function itemCounts(course: string | undefined): SQL {
  const where = course ? sql`where ip.course_id = ${course}` : sql``;
  return sql`totals as (select ip.course_id, count(distinct ip.item_id)::int as items from item_progress ip ${where}
      group by ip.course_id),
    done as (select ${ITEM_PERSON} as person_key, ip.course_id,
        (count(*) filter (where ip.completed_at is not null))::int as done
      from item_progress ip ${ITEM_LEARNERS} ${where} group by 1, 2)`;
}

const TITLES = sql`titles as (select course_id, max(course_title) as title from course_progress group by course_id)`;

export interface ProgressFilter {
  course?: string | undefined;
  team?: string | undefined;
}

/** Per course and team: people enrolled, not started, in progress and completed, and the mean share of items. */
export async function progressOverview(db: HubDb, filter: ProgressFilter): Promise<HubAnswer<'progress'>> {
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
  }>(
    db,
    sql`with ${TITLES}, ${itemCounts(filter.course)},
      pc as (${personCourses(filter)}),
      enrolled as (select coalesce(team, ${NO_TEAM}) as team, count(*)::int as n from learners group by 1),
      stats as (select pc.course_id, coalesce(pc.team, ${NO_TEAM}) as team, count(*)::int as started,
          (count(*) filter (where pc.completed_at is not null))::int as completed,
          avg(least(1, coalesce(d.done, 0)::float8 / nullif(tt.items, 0))) as share
        from pc left join done d on d.person_key = pc.person_key and d.course_id = pc.course_id
        left join totals tt on tt.course_id = pc.course_id
        group by 1, 2)
    select t.course_id as "courseId", coalesce(t.title, t.course_id) as course, e.team, e.n as enrolled,
      coalesce(s.started, 0) as started, coalesce(s.completed, 0) as completed, s.share as "itemsShare"
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

/** The enrolled people of a course, one page, with their status, share of items and dates; filtered by team and status. */
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
  const base = sql`with ${itemCounts(filter.course)}, pc as (${personCourses({ course: filter.course })}),
    people as (select l.id, l.name, l.email, l.team, l.created_at, pc.started_at, pc.last_at, pc.completed_at,
        coalesce(d.done, 0) as done, coalesce(tt.items, 0) as items
      from learners l left join pc on pc.person_key = l.id
      left join done d on d.person_key = l.id and d.course_id = ${filter.course}
      left join totals tt on tt.course_id = ${filter.course}
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
  }>(
    db,
    sql`${base} select id as "learnerId", name, email, team, created_at as "enrolledAt", started_at as "startedAt",
        last_at as "lastAt", completed_at as "completedAt", done::int as done, items::int as items
      from people order by lower(name), id
      limit ${size} offset ${(filter.page ?? 0) * size}`,
  );
  const [counted] = await rows<{ total: number }>(db, sql`${base} select count(*)::int as total from people`);
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    people: found.map((p) => ({
      ...p,
      enrolledAt: new Date(p.enrolledAt).toISOString(),
      startedAt: iso(p.startedAt),
      lastAt: iso(p.lastAt),
      completedAt: iso(p.completedAt),
      status: p.completedAt ? 'completed' : p.startedAt ? 'in-progress' : 'not-started',
    })),
    total: counted?.total ?? 0,
    pageSize: size,
  };
}

/** One enrolled learner: each course's progress, and each item's completion, quiz attempts and scores. */
export async function personProgress(db: HubDb, learnerId: string): Promise<HubAnswer<'person'> | null> {
  const [learner] = await rows<{
    id: string;
    name: string;
    email: string;
    team: string | null;
    created_at: string;
  }>(db, sql`select id, name, email, team, created_at from learners where id = ${learnerId}`);
  if (!learner) return null;
  const ifis = [`${ACCOUNT_PREFIX}${learner.id}`, `mbox:mailto:${learner.email.toLowerCase()}`];
  const ifiList = sql.join(
    ifis.map((ifi) => sql`${ifi}`),
    sql`, `,
  );
  const courses = await rows<{
    courseId: string;
    course: string;
    startedAt: string;
    lastAt: string;
    completedAt: string | null;
  }>(
    db,
    sql`with ${TITLES} select cp.course_id as "courseId", coalesce(t.title, cp.course_id) as course,
        min(cp.started_at) as "startedAt", max(cp.last_at) as "lastAt", min(cp.completed_at) as "completedAt"
      from course_progress cp left join titles t on t.course_id = cp.course_id
      where cp.actor_ifi in (${ifiList}) group by cp.course_id, t.title order by min(cp.started_at)`,
  );
  const items = await rows<{
    itemId: string;
    courseId: string;
    item: string;
    startedAt: string;
    completedAt: string | null;
    attempts: number;
    bestScore: number | null;
    lastScore: number | null;
  }>(
    db,
    sql`select item_id as "itemId", min(course_id) as "courseId", coalesce(max(item_title), item_id) as item,
        min(started_at) as "startedAt", min(completed_at) as "completedAt", sum(attempts)::int as attempts,
        max(best_score) as "bestScore", (array_agg(last_score order by last_scored_at desc nulls last))[1] as "lastScore"
      from item_progress where actor_ifi in (${ifiList}) group by item_id order by min(started_at)`,
  );
  const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    learnerId: learner.id,
    name: learner.name,
    email: learner.email,
    team: learner.team,
    enrolledAt: new Date(learner.created_at).toISOString(),
    courses: courses.map((c) => ({
      ...c,
      startedAt: new Date(c.startedAt).toISOString(),
      lastAt: new Date(c.lastAt).toISOString(),
      completedAt: iso(c.completedAt),
      items: items
        .filter((i) => i.courseId === c.courseId)
        .map(({ courseId: _, ...i }) => ({
          ...i,
          startedAt: new Date(i.startedAt).toISOString(),
          completedAt: iso(i.completedAt),
        })),
    })),
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
  }>(
    db,
    sql`select t.question_id as "questionId", coalesce(max(t.question_title), t.question_id) as question,
        t.quiz_id as "quizId", coalesce(max(a.definition->'name'->>'en-US'), max(a.definition->'name'->>'en'), t.quiz_id) as quiz,
        sum(t.answers)::int as answers, (coalesce(sum(t.answers) filter (where t.success), 0))::int as correct,
        (select w.response from answer_tallies w where w.question_id = t.question_id and not w.success
          order by w.answers desc, w.response limit 1) as "topWrong",
        (select max(w.answers) from answer_tallies w where w.question_id = t.question_id and not w.success) as "topWrongAnswers"
      from answer_tallies t left join xapi_activities a on a.id = t.quiz_id
      where t.course_id = ${course}
      group by t.question_id, t.quiz_id order by t.quiz_id, t.question_id`,
  );
  return {
    questions: found.map(({ correct, answers, ...q }) => ({
      ...q,
      answers,
      correctShare: answers > 0 ? correct / answers : 0,
    })),
  };
}
