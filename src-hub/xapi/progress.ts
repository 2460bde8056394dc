import { sql, type SQL } from 'drizzle-orm';
import { LEARNER_ACCOUNT_HOME, verbs } from '../../src-shared/xapi/statements';
import type { HubTx } from '../db/open';
import { executePrepared } from '../db/prepared';
import { anyOf } from './sql-array';

type Json = Record<string, unknown>;

/**
 * The progress tables (course_progress, item_progress, answer_tallies) are what the dashboard reads: they are
 * kept in the ingest transaction, so no report scans the statements table. New statements are added to them;
 * when statements are voided, the rows they fed are rebuilt from the statements that still stand.
 *
 * The SQL below is the one definition of what the facts of statements add up to, whether they come from the
 * statements table (migration 0006's backfill, and the rebuild after a void) or from the rows an INSERT has just
 * returned (ingest: `progressAfterInsert`, in the INSERT's own statement, so a batch is neither sent twice nor
 * read back). progress-upkeep.test.ts and report.test.ts check that ingest and backfill agree.
 */

const COURSE = 'http://adlnet.gov/expapi/activities/course';
const MODULE = 'http://adlnet.gov/expapi/activities/module';
const INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
const ASSESSMENT = 'http://adlnet.gov/expapi/activities/assessment';
const ACCOUNT_PREFIX = `account:${LEARNER_ACCOUNT_HOME}|`;
/** Longer responses (written answers) are not tallied: they are prose, not choices, and would not fit an index. */
const MAX_TALLIED_RESPONSE = 200;
/**
 * A btree entry holds at most ~2,700 bytes: progress keys (two identifiers of up to 2,000 bytes each) longer than
 * this are left out of the reports rather than failing the batch. Real learners and courses are far shorter.
 */
const MAX_KEY_BYTES = 2400;

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
const name = (activity: string) =>
  `coalesce(${activity}->'definition'->'name'->>'en-US', ${activity}->'definition'->'name'->>'en', (select n.value from jsonb_each_text(${activity}->'definition'->'name') n limit 1))`;
const asArray = (value: string) =>
  `coalesce(case when jsonb_typeof(${value}) = 'array' then ${value} end, '[]'::jsonb)`;

/**
 * One row per unvoided activity statement with the course it belongs to (the object, or a context activity): only
 * the plain values the tables are built from.
 */
function facts(where: string, source = 'statements'): string {
  return `facts as (
  select s.actor_ifi, s.verb_id, s."timestamp" as ts, s.activity_id,
    s.statement->'object'->'definition'->>'type' as object_type, ${name(`s.statement->'object'`)} as object_name,
    s.statement->'actor'->>'name' as actor_name, c.course->>'id' as course_id, ${name('c.course')} as course_name,
    (s.statement->'result'->'score'->>'scaled')::float8 as score,
    case when jsonb_typeof(s.statement->'result'->'success') = 'boolean' then (s.statement->'result'->>'success')::boolean end as success,
    s.statement->'result'->>'response' as response,
    coalesce((select a->>'id' from jsonb_array_elements(ctx.parents) a where a->'definition'->>'type' = ${lit(ASSESSMENT)} limit 1), ctx.parents->0->>'id', '') as quiz_id
  from ${source} s
  cross join lateral (select ${asArray(`s.statement->'context'->'contextActivities'->'parent'`)} as parents) p
  cross join lateral (select p.parents as parents, p.parents || ${asArray(`s.statement->'context'->'contextActivities'->'grouping'`)} as acts) ctx
  cross join lateral (select case when s.statement->'object'->'definition'->>'type' = ${lit(COURSE)} then s.statement->'object'
      else (select a from jsonb_array_elements(ctx.acts) a where a->'definition'->>'type' = ${lit(COURSE)} limit 1) end as course) c
  where s.voided = false and s.activity_id is not null and (${where})
)`;
}

const FINISHED = `verb_id in (${lit(verbs.passed.id)}, ${lit(verbs.failed.id)})`;
const SCORE = 'score';

/**
 * `on conflict ... do update` that writes only when a value changes. Most statements change nothing in a row
 * that exists (a lesson opened again keeps its first start and completion), and a row left alone costs no new
 * row version and no index entries.
 */
function onConflictUpdate(table: string, key: string, set: Record<string, string>): string {
  const columns = Object.keys(set);
  return `on conflict (${key}) do update set
  ${columns.map((column) => `${column} = ${set[column]}`).join(',\n  ')}
where (${columns.map((column) => `${table}.${column}`).join(', ')})
  is distinct from (${columns.map((column) => set[column]).join(', ')})`;
}

function courseProgressSql(upsert: boolean): string {
  return `insert into course_progress (actor_ifi, course_id, account_name, mbox_email, actor_name, course_title, started_at, last_at, completed_at)
select actor_ifi, course_id,
  case when left(actor_ifi, ${ACCOUNT_PREFIX.length}) = ${lit(ACCOUNT_PREFIX)} then substr(actor_ifi, ${ACCOUNT_PREFIX.length + 1}) end,
  case when left(actor_ifi, 12) = 'mbox:mailto:' then substr(actor_ifi, 13) end,
  max(actor_name), max(course_name), min(ts), max(ts),
  min(ts) filter (where verb_id = ${lit(verbs.completed.id)} and object_type = ${lit(COURSE)})
from facts where course_id is not null and octet_length(actor_ifi) + octet_length(course_id) <= ${MAX_KEY_BYTES}
group by actor_ifi, course_id${
    upsert
      ? `\n${onConflictUpdate('course_progress', 'actor_ifi, course_id', {
          actor_name: 'coalesce(excluded.actor_name, course_progress.actor_name)',
          course_title: 'coalesce(excluded.course_title, course_progress.course_title)',
          started_at: 'least(course_progress.started_at, excluded.started_at)',
          last_at: 'greatest(course_progress.last_at, excluded.last_at)',
          completed_at: 'least(course_progress.completed_at, excluded.completed_at)',
        })}`
      : ''
  }`;
}

function itemProgressSql(upsert: boolean): string {
  return `insert into item_progress (actor_ifi, item_id, course_id, item_title, started_at, completed_at, attempts, best_score, last_score, last_scored_at)
select actor_ifi, activity_id, min(course_id), max(object_name), min(ts),
  min(ts) filter (where verb_id in (${lit(verbs.completed.id)}, ${lit(verbs.passed.id)})),
  (count(*) filter (where ${FINISHED}))::int,
  max(${SCORE}) filter (where ${FINISHED}),
  (array_agg(${SCORE} order by ts desc) filter (where ${FINISHED} and ${SCORE} is not null))[1],
  max(ts) filter (where ${FINISHED} and ${SCORE} is not null)
from facts
where course_id is not null and octet_length(actor_ifi) + octet_length(activity_id) <= ${MAX_KEY_BYTES}
  and object_type is distinct from ${lit(COURSE)}
  and object_type is distinct from ${lit(MODULE)} and object_type is distinct from ${lit(INTERACTION)}
group by actor_ifi, activity_id${
    upsert
      ? `\n${onConflictUpdate('item_progress', 'actor_ifi, item_id', {
          // The backfill takes the least course (and quiz) an item or answer was seen in; so does every batch.
          course_id: 'least(item_progress.course_id, excluded.course_id)',
          item_title: 'coalesce(excluded.item_title, item_progress.item_title)',
          started_at: 'least(item_progress.started_at, excluded.started_at)',
          completed_at: 'least(item_progress.completed_at, excluded.completed_at)',
          attempts: 'item_progress.attempts + excluded.attempts',
          best_score: 'greatest(item_progress.best_score, excluded.best_score)',
          last_score: `case when excluded.last_scored_at is not null and (item_progress.last_scored_at is null
    or excluded.last_scored_at >= item_progress.last_scored_at) then excluded.last_score else item_progress.last_score end`,
          last_scored_at: 'greatest(item_progress.last_scored_at, excluded.last_scored_at)',
        })}
returning actor_ifi, completed_at`
      : ''
  }`;
}

function answerTalliesSql(upsert: boolean): string {
  return `insert into answer_tallies (question_id, response, success, quiz_id, course_id, question_title, answers)
select activity_id, response, success, min(quiz_id), coalesce(min(course_id), ''), max(object_name), count(*)::int
from facts
where verb_id = ${lit(verbs.answered.id)} and object_type = ${lit(INTERACTION)}
  and success is not null and length(response) <= ${MAX_TALLIED_RESPONSE}
  and octet_length(activity_id) + octet_length(response) <= ${MAX_KEY_BYTES}
group by activity_id, response, success${
    upsert
      ? `\n${onConflictUpdate('answer_tallies', 'question_id, response, success', {
          answers: 'answer_tallies.answers + excluded.answers',
          quiz_id: 'least(answer_tallies.quiz_id, excluded.quiz_id)',
          // '' is "no course": any course seen wins over it, as min() skips the missing ones.
          course_id: `case when answer_tallies.course_id = '' then excluded.course_id
    when excluded.course_id = '' then answer_tallies.course_id
    else least(answer_tallies.course_id, excluded.course_id) end`,
          question_title: 'coalesce(excluded.question_title, answer_tallies.question_title)',
        })}`
      : ''
  }`;
}

type Part = 'course' | 'item' | 'tally';
const PARTS: Record<Part, (upsert: boolean) => string> = {
  course: courseProgressSql,
  item: itemProgressSql,
  tally: answerTalliesSql,
};

/** The facts CTE and one CTE writing each table from them. */
function progressCtes(factsCte: string, upsert: boolean, parts: Part[]): string {
  return [factsCte, ...parts.map((part, i) => `w${i} as (${PARTS[part](upsert)})`)].join(',\n');
}

/** One statement: the facts are computed once, and each table is written from them. */
function progressSql(factsCte: string, upsert: boolean, parts: Part[]): string {
  return `with ${progressCtes(factsCte, upsert, parts)}\nselect 1`;
}

/**
 * The SQL that fills the progress tables from every statement stored (what migrations 0006 and 0007 ran once):
 * the tables, then each course's items and modules done.
 */
export function backfillProgressSql(): string[] {
  return [progressSql(facts('true'), false, ['course', 'item', 'tally']), recountSql('true')];
}

/**
 * CTEs that add the statements an INSERT ... RETURNING * named `source` has just stored to the progress tables,
 * for a WITH list that begins with that INSERT: the batch is used as PostgreSQL already holds it.
 * `CHANGED_ACTORS` selects, in the same statement, the actors one of whose completed items changed: their items
 * and modules done are recounted by `recountActors` once the statement has run.
 */
export function progressAfterInsert(source: string): string {
  return progressCtes(facts('true', source), true, ['course', 'item', 'tally']);
}
export const CHANGED_ACTORS = 'select distinct actor_ifi from w1 where completed_at is not null';
/**
 * CTEs for the same WITH list. `locked` locks those actors' course_progress rows until the transaction ends: a
 * second transaction changing the same actor's items waits for this one, and its recount (a later statement, so a
 * later snapshot) sees this one's items as well as its own. Select from `locked` for it to run.
 * `course_items_held` is never read: naming course_items takes its share lock when the statement is parsed, before
 * any row is locked. New published items (syncCourseItems) lock course_items, then rows of course_progress; an
 * ingest that locked rows first and then waited for course_items to recount would deadlock with it.
 */
export const LOCK_CHANGED_ACTORS = `locked as (select 1 from course_progress
  where actor_ifi in (${CHANGED_ACTORS}) order by actor_ifi, course_id for update),
  course_items_held as (select 1 from course_items limit 0)`;

/**
 * CTEs counting, for each (key, course_id) of `targets` (a CTE of key, actor_ifi, course_id: one actor, or every
 * IFI a person has), the items completed under any of its actors and the modules all of whose items are:
 * `done_count (key, course_id, items)` and `modules_count (key, course_id, modules)`. An item counts when
 * course_items lists it in that course, or when course_items does not know the course (no published pack holds
 * it: then any item seen counts, and no module is known).
 */
export function doneCountsSql(targets: string): string {
  return `done_item as (select distinct t.key, ip.course_id, ip.item_id from ${targets} t
    join item_progress ip on ip.actor_ifi = t.actor_ifi and ip.course_id = t.course_id
    where ip.completed_at is not null
      and (exists (select 1 from course_items ci where ci.course_id = ip.course_id and ci.item_id = ip.item_id)
        or not exists (select 1 from course_items ci where ci.course_id = ip.course_id))),
  done_count as (select key, course_id, count(*)::int as items from done_item group by 1, 2),
  module_size as (select course_id, module_id, count(*) as n from course_items
    where course_id in (select course_id from ${targets}) group by 1, 2),
  module_done as (select d.key, d.course_id, ci.module_id, count(*) as n from done_item d
    join course_items ci on ci.course_id = d.course_id and ci.item_id = d.item_id group by 1, 2, 3),
  modules_count as (select md.key, md.course_id, count(*)::int as modules from module_done md
    join module_size ms on ms.course_id = md.course_id and ms.module_id = md.module_id and ms.n = md.n group by 1, 2)`;
}

/** Sets items_done and modules_done of the course_progress rows `where` picks (SQL text over course_progress). */
function recountSql(where: string): string {
  return `with targets as (select actor_ifi as key, actor_ifi, course_id from course_progress where ${where}),
  ${doneCountsSql('targets')}
update course_progress cp set items_done = coalesce(dc.items, 0), modules_done = coalesce(mc.modules, 0)
from targets t left join done_count dc on dc.key = t.key and dc.course_id = t.course_id
  left join modules_count mc on mc.key = t.key and mc.course_id = t.course_id
where cp.actor_ifi = t.actor_ifi and cp.course_id = t.course_id
  and (cp.items_done, cp.modules_done) is distinct from (coalesce(dc.items, 0), coalesce(mc.modules, 0))`;
}

/**
 * Recounts the items and modules done of these actors, in every course. The caller holds their course_progress
 * rows (ingest locked them with LOCK_CHANGED_ACTORS; a rebuild deleted and wrote them again), so no other
 * transaction changes these actors' items between this count and the commit.
 */
export async function recountActors(tx: HubTx, actorIfis: string[]): Promise<void> {
  const actors = [...new Set(actorIfis)].sort();
  if (actors.length > 0) await run(tx, recountSql, anyOf('actor_ifi', actors, 'text'));
}

/** Recounts every actor's items and modules done in these courses (their published items changed). */
export async function recountCourses(tx: HubTx, courseIds: string[]): Promise<void> {
  const courses = [...new Set(courseIds)].sort();
  if (courses.length > 0) await run(tx, recountSql, anyOf('course_id', courses, 'text'));
}

/**
 * Whether a statement can add to the progress tables: one about an activity that is a course or names one, or an
 * answer. A batch with none skips the upkeep; the SQL above decides what each one adds.
 */
export function feedsProgress(statement: Json, activityId: string | null, verbId: string): boolean {
  if (activityId === null) return false;
  if (verbId === verbs.answered.id) return true;
  const object = statement['object'];
  const contextActivities = field(field(statement, 'context'), 'contextActivities');
  return [
    object,
    ...arrayOrEmpty(field(contextActivities, 'parent')),
    ...arrayOrEmpty(field(contextActivities, 'grouping')),
  ].some((activity) => text(field(field(activity, 'definition'), 'type')) === COURSE);
}

async function run(tx: HubTx, build: (where: string) => string, where: SQL): Promise<void> {
  // The templates are plain text around one bound condition: split at a marker and splice the condition in. The
  // text is the same every time, so PostgreSQL parses and plans it once per connection.
  const [before, after] = build('\u0000').split('\u0000') as [string, string];
  await executePrepared(tx, sql`${sql.raw(before)}${where}${sql.raw(after)}`);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)[key]
    : undefined;
}

/** `->>`: a string as it is, null for null or missing, other JSON as its text. */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function arrayOrEmpty(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Rebuilds the rows fed by voided statements: their actors' progress and their questions' tallies. */
export async function rebuildProgress(tx: HubTx, actorIfis: string[], questionIds: string[]): Promise<void> {
  const actors = [...new Set(actorIfis)].sort();
  if (actors.length > 0) {
    // course_items before any row, as ingest does (LOCK_CHANGED_ACTORS): the recount below reads it.
    await tx.execute(sql`lock table course_items in access share mode`);
    await tx.execute(sql`delete from course_progress where ${anyOf('actor_ifi', actors, 'text')}`);
    await tx.execute(sql`delete from item_progress where ${anyOf('actor_ifi', actors, 'text')}`);
    await run(
      tx,
      (w) => progressSql(facts(w), false, ['course', 'item']),
      anyOf('s.actor_ifi', actors, 'text'),
    );
    await recountActors(tx, actors);
  }
  const questions = [...new Set(questionIds)].sort();
  if (questions.length > 0) {
    await tx.execute(sql`delete from answer_tallies where ${anyOf('question_id', questions, 'text')}`);
    await run(tx, (w) => progressSql(facts(w), false, ['tally']), anyOf('s.activity_id', questions, 'text'));
  }
}
