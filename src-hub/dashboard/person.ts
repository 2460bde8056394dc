import { desc, eq, sql } from 'drizzle-orm';
import type { HubAnswer } from '../../src-shared/hub/contract';
import type { ItemKind } from '../../src-shared/packs/manifest';
import { verbs } from '../../src-shared/xapi/statements';
import type { HubDb } from '../db/open';
import { issuedCredentials } from '../db/schema/index';
import { COURSE_TYPE } from './completions';
import { publishedStructure, type CourseStructure } from './course-structure';
import { totalTime } from './duration';
import { ACCOUNT_PREFIX, rows, TITLES } from './progress';

type PersonAnswer = HubAnswer<'person'>;
type CourseAnswer = PersonAnswer['courses'][number];

const MODULE_TYPE = 'http://adlnet.gov/expapi/activities/module';
/** The activity types the app gives items (statements.ts); a reflection shares the lesson's, so reads as one. */
const KIND_OF_TYPE: Record<string, ItemKind> = {
  'http://adlnet.gov/expapi/activities/lesson': 'lesson',
  'http://adlnet.gov/expapi/activities/assessment': 'quiz',
  'http://adlnet.gov/expapi/activities/performance': 'exercise',
};
const FINISHING_VERBS = [verbs.completed.id, verbs.passed.id, verbs.failed.id];

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());
const arrayOf = (path: string) =>
  sql.raw(`(case when jsonb_typeof(${path}) = 'array' then ${path} else '[]'::jsonb end)`);

/**
 * One enrolled learner: each course's progress (modules, exercises, time spent), each item's completion, quiz
 * attempts and scores, and the certificates the hub issued them. Null when no one enrolled has that id.
 */
export async function personProgress(db: HubDb, learnerId: string): Promise<PersonAnswer | null> {
  const [learner] = await rows<{
    id: string;
    name: string;
    email: string;
    team: string | null;
    created_at: string;
  }>(db, sql`select id, name, email, team, created_at from learners where id = ${learnerId}`);
  if (!learner) return null;
  const ifis = sql.join(
    [`${ACCOUNT_PREFIX}${learner.id}`, `mbox:mailto:${learner.email.toLowerCase()}`].map(
      (ifi) => sql`${ifi}`,
    ),
    sql`, `,
  );
  const [structure, courses, items, durations, credentials] = await Promise.all([
    publishedStructure(db),
    rows<{ courseId: string; course: string; startedAt: string; lastAt: string; completedAt: string | null }>(
      db,
      sql`with ${TITLES} select cp.course_id as "courseId", coalesce(t.title, cp.course_id) as course,
          min(cp.started_at) as "startedAt", max(cp.last_at) as "lastAt", min(cp.completed_at) as "completedAt"
        from course_progress cp left join titles t on t.course_id = cp.course_id
        where cp.actor_ifi in (${ifis}) group by cp.course_id, t.title order by min(cp.started_at)`,
    ),
    rows<{
      itemId: string;
      courseId: string;
      item: string;
      type: string | null;
      startedAt: string;
      completedAt: string | null;
      attempts: number;
      bestScore: number | null;
      lastScore: number | null;
    }>(
      db,
      sql`select ip.item_id as "itemId", min(ip.course_id) as "courseId", coalesce(max(ip.item_title), ip.item_id) as item,
          max(a.definition->>'type') as type, min(ip.started_at) as "startedAt", min(ip.completed_at) as "completedAt",
          sum(ip.attempts)::int as attempts, max(ip.best_score) as "bestScore",
          (array_agg(ip.last_score order by ip.last_scored_at desc nulls last))[1] as "lastScore"
        from item_progress ip left join xapi_activities a on a.id = ip.item_id
        where ip.actor_ifi in (${ifis}) group by ip.item_id order by min(ip.started_at)`,
    ),
    // Time is read from the items' own finishing statements: a course's or module's duration would count it twice.
    rows<{ courseId: string | null; duration: string | null }>(
      db,
      sql`select (select a->>'id' from jsonb_array_elements(
            ${arrayOf(`s.statement->'context'->'contextActivities'->'parent'`)}
            || ${arrayOf(`s.statement->'context'->'contextActivities'->'grouping'`)}) a
          where a->'definition'->>'type' = ${COURSE_TYPE} limit 1) as "courseId",
          s.statement->'result'->>'duration' as duration
        from statements s
        where s.actor_ifi in (${ifis}) and not s.voided
          and s.verb_id in (${sql.join(
            FINISHING_VERBS.map((verb) => sql`${verb}`),
            sql`, `,
          )})
          and s.statement->'object'->'definition'->>'type' is distinct from ${COURSE_TYPE}
          and s.statement->'object'->'definition'->>'type' is distinct from ${MODULE_TYPE}`,
    ),
    db
      .select()
      .from(issuedCredentials)
      .where(eq(issuedCredentials.learnerId, learner.id))
      .orderBy(desc(issuedCredentials.issuedAt)),
  ]);
  const kinds = new Map(structure.items.map((item) => [item.itemId, item.kind]));
  return {
    learnerId: learner.id,
    name: learner.name,
    email: learner.email,
    team: learner.team,
    enrolledAt: new Date(learner.created_at).toISOString(),
    courses: courses.map((c): CourseAnswer => {
      const own = items
        .filter((i) => i.courseId === c.courseId)
        .map(({ courseId: _, type, ...i }) => ({
          ...i,
          kind: kinds.get(i.itemId) ?? (type ? (KIND_OF_TYPE[type] ?? null) : null),
          startedAt: new Date(i.startedAt).toISOString(),
          completedAt: iso(i.completedAt),
        }));
      const done = new Set(own.filter((i) => i.completedAt !== null).map((i) => i.itemId));
      return {
        courseId: c.courseId,
        course: c.course,
        startedAt: new Date(c.startedAt).toISOString(),
        lastAt: new Date(c.lastAt).toISOString(),
        completedAt: iso(c.completedAt),
        ...moduleCounts(structure, c.courseId, done),
        exercisesDone: own.filter((i) => i.kind === 'exercise' && i.completedAt !== null).length,
        exercises: exerciseCount(structure, c.courseId),
        time: totalTime(durations.filter((d) => d.courseId === c.courseId).map((d) => d.duration)),
        items: own,
      };
    }),
    credentials: credentials.map((row) => {
      const credential = row.credential as {
        issuer?: { name?: unknown };
        credentialSubject?: { achievement?: { name?: unknown } };
      };
      const name = credential.credentialSubject?.achievement?.name;
      const issuer = credential.issuer?.name;
      return {
        id: row.id,
        achievementId: row.achievementId,
        name: typeof name === 'string' ? name : row.achievementId,
        issuerName: typeof issuer === 'string' ? issuer : '',
        issuedAt: row.issuedAt.toISOString(),
        revokedAt: iso(row.revokedAt),
      };
    }),
  };
}

/** Modules of the course whose every item is done; null modules when no published pack holds the course. */
function moduleCounts(
  structure: CourseStructure,
  courseId: string,
  done: Set<string>,
): { modulesDone: number; modules: number | null } {
  const modules = new Map<string, boolean>();
  for (const item of structure.items) {
    if (item.courseId !== courseId) continue;
    modules.set(item.moduleId, (modules.get(item.moduleId) ?? true) && done.has(item.itemId));
  }
  if (modules.size === 0) return { modulesDone: 0, modules: null };
  return { modulesDone: [...modules.values()].filter(Boolean).length, modules: modules.size };
}

function exerciseCount(structure: CourseStructure, courseId: string): number | null {
  const own = structure.items.filter((item) => item.courseId === courseId);
  return own.length === 0 ? null : own.filter((item) => item.kind === 'exercise').length;
}
