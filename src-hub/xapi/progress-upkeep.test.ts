import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activityIri,
  buildStatement,
  LEARNER_ACCOUNT_HOME,
  type ActivityRef,
  type Statement,
  type StatementInput,
} from '../../src-shared/xapi/statements';
import { HUB_MIGRATIONS_DIR } from '../db/open';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { backfillProgressSql } from './progress';

// Ingest keeps the progress tables batch by batch from the statements in hand; the backfill computes them from
// every stored statement. Whatever mix arrives, in whatever batches, voids included, the two must agree.

const course: ActivityRef = { kind: 'course', packId: 'p', id: 'basics', title: 'Basics' };
const other: ActivityRef = { kind: 'course', packId: 'p', id: 'advanced', title: 'Advanced' };
const module: ActivityRef = { kind: 'module', packId: 'p', id: 'm1', title: 'Module 1' };
const lesson = (n: number): ActivityRef => ({
  kind: 'lesson',
  packId: 'p',
  id: `l${n}`,
  title: `Lesson ${n}`,
});
const quiz: ActivityRef = { kind: 'quiz', packId: 'p', id: 'check', title: 'Check' };
const question = (n: number): ActivityRef => ({
  kind: 'question',
  packId: 'p',
  id: `check/q${n}`,
  title: `Q${n}`,
});

let clock = Date.parse('2026-11-02T09:00:00Z');
function app(learner: string, input: Omit<StatementInput, 'id' | 'timestamp' | 'learner'>, at?: number) {
  clock += 60_000;
  return buildStatement({
    ...input,
    id: randomUUID(),
    timestamp: new Date(at ?? clock),
    learner: { id: learner, name: learner },
  });
}
const answer = (learner: string, n: number, response: string) =>
  app(learner, {
    verb: 'answered',
    object: question(n),
    parents: [quiz, course, module],
    interactionType: 'choice',
    result: { success: response === '1', response },
  });
/** The statement with the course as a grouping context activity, as another LRS client may send it. */
function grouped(statement: Statement, group: ActivityRef): Statement {
  const context = statement['context'] as { contextActivities: Record<string, unknown> };
  context.contextActivities['grouping'] = [
    {
      objectType: 'Activity',
      id: activityIri(group),
      definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'en-US': group.title } },
    },
  ];
  return statement;
}
const scored = (learner: string, passed: boolean, scaled: number, at?: number) =>
  app(
    learner,
    {
      verb: passed ? 'passed' : 'failed',
      object: quiz,
      parents: [course, module],
      result: { score: { scaled, raw: scaled * 4, min: 0, max: 4 }, success: passed, completion: true },
    },
    at,
  );
/** A lesson whose course and own names have no English: the title is the first name in jsonb's key order. */
function unnamedInEnglish(learner: string): Statement {
  const statement = app(learner, { verb: 'completed', object: lesson(4), parents: [other, module] });
  type Activity = { id: string; definition: { name: unknown } };
  const context = statement['context'] as {
    contextActivities: { parent: Activity[]; grouping?: Activity[] };
  };
  const { parent, grouping = [] } = context.contextActivities;
  const courseActivity = [...parent, ...grouping].find((a) => a.id === activityIri(other));
  if (!courseActivity) throw new Error('no course activity');
  // Insertion order says fr-FR first; jsonb orders shorter keys first, so "de" is first.
  courseActivity.definition.name = { 'fr-FR': 'Avancé', de: 'Fortgeschritten' };
  (statement['object'] as { definition: { name: unknown } }).definition.name = {
    'pt-BR': 'Lição',
    es: 'Lección',
  };
  return statement;
}
const voiding = (targetId: string) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: LEARNER_ACCOUNT_HOME, name: 'trainer' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
  object: { objectType: 'StatementRef', id: targetId },
});

describe.each(testBackends)('progress kept at ingest on %s', (backend) => {
  let hub: TestHub;
  let trainer: ReturnType<typeof xapiFetch>;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    trainer = xapiFetch(hub, (await hub.credential('trainer')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const send = async (...batch: unknown[]) =>
    expect((await trainer('/xapi/statements', { body: batch })).status).toBe(200);

  it('equals the backfill over the stored statements, whatever the batches and voids', async () => {
    const tie = Date.parse('2026-11-03T09:00:00Z');
    const adaFirstLesson = app('ada', { verb: 'completed', object: lesson(1), parents: [course, module] });
    const bobPass = scored('bob', true, 0.9);
    const voidedLater = answer('cy', 1, '2');
    const voidsFirst = voiding(randomUUID());
    const arrivesVoided = { ...answer('cy', 2, '1'), id: voidsFirst.object.id };
    await send(
      app('ada', { verb: 'attempted', object: lesson(1), parents: [course, module] }),
      adaFirstLesson,
      app('ada', { verb: 'attempted', object: quiz, parents: [course, module] }),
      answer('ada', 1, '1'),
      answer('ada', 2, '3'),
      scored('ada', false, 0.5),
      // Not about a course: neither counted nor a reason for a query.
      app('ada', { verb: 'attempted', object: { kind: 'lesson', packId: 'q', id: 'loose', title: 'Loose' } }),
      unnamedInEnglish('gus'),
      { ...mbox('dee@example.com'), object: { objectType: 'Agent', mbox: 'mailto:x@example.com' } },
    );
    // Later batches: repeats that change nothing, a better and a worse score, answers in another batch.
    await send(
      app('ada', { verb: 'attempted', object: lesson(1), parents: [course, module] }),
      { ...adaFirstLesson, id: randomUUID() },
      scored('ada', true, 1),
      scored('ada', false, 0.25),
      answer('ada', 1, '2'),
      answer('ada', 1, '1'),
      app('ada', { verb: 'completed', object: course, result: { completion: true } }),
      // Two finished attempts at the same instant; and a course reached only through a grouping activity.
      scored('eve', false, 0.3, tie),
      grouped(app('eve', { verb: 'completed', object: lesson(2), parents: [module] }), other),
    );
    await send(
      bobPass,
      scored('eve', false, 0.3, tie),
      answer('bob', 1, 'x'.repeat(201)),
      { ...answer('bob', 2, '1'), result: { response: '1' } },
      { ...mbox('dee@example.com'), ...answer('dee', 1, '1'), actor: mbox('dee@example.com').actor },
      app('fay', { verb: 'answered', object: question(3), result: { success: true, response: '1' } }),
    );
    // Voids: of a statement counted in an earlier batch, of one in the same batch, and before its target.
    await send(voidedLater, answer('cy', 3, '1'));
    await send(voiding(voidedLater.id), voiding(bobPass.id), voidsFirst);
    const inBatch = app('cy', { verb: 'completed', object: course, result: { completion: true } });
    await send(inBatch, voiding(inBatch.id));
    await send(arrivesVoided, app('cy', { verb: 'attempted', object: lesson(1), parents: [course, module] }));

    const db = hub.database.db;
    const tables = ['course_progress', 'item_progress', 'answer_tallies'];
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) {
        const result = (await db.execute(
          sql.raw(`select * from ${table} order by 1, 2${table === 'answer_tallies' ? ', 3' : ''}`),
        )) as unknown as { rows: unknown[] };
        out[table] = result.rows;
      }
      return out;
    };
    const kept = await snapshot();
    expect(kept['course_progress']?.length).toBeGreaterThan(3);
    expect(kept['item_progress']?.length).toBe(6);
    expect(kept['answer_tallies']?.length).toBe(4);
    // The voided statements count nowhere: Cy's voided answer, Bob's voided pass, Cy's course voided at once.
    const cy = kept['course_progress']?.filter((row) =>
      (row as { actor_ifi: string }).actor_ifi.endsWith('|cy'),
    );
    expect(cy).toHaveLength(1);
    expect((cy?.[0] as { completed_at: unknown }).completed_at).toBeNull();
    const gus = (table: string) =>
      kept[table]?.find((row) => (row as { actor_ifi: string }).actor_ifi.endsWith('|gus')) as Record<
        string,
        unknown
      >;
    expect(gus('course_progress')['course_title']).toBe('Fortgeschritten');
    expect(gus('item_progress')['item_title']).toBe('Lección');
    for (const table of tables) await db.execute(sql.raw(`delete from ${table}`));
    for (const statement of backfillProgressSql()) await db.execute(sql.raw(statement));
    expect(await snapshot()).toEqual(kept);
    // Migration 0006 filled existing hubs with the SQL of its day: it must still agree with today's upkeep.
    const migration = readFileSync(join(HUB_MIGRATIONS_DIR, '0006_progress.sql'), 'utf8');
    const backfills = migration.split('--> statement-breakpoint').filter((part) => part.includes('facts as'));
    expect(backfills.length).toBeGreaterThan(0);
    // Migration 0007 then counted each course's items and modules done with the SQL of its day.
    const recount = readFileSync(join(HUB_MIGRATIONS_DIR, '0007_course_counts.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .filter((part) => part.includes('done_item as'));
    expect(recount).toHaveLength(1);
    for (const table of tables) await db.execute(sql.raw(`delete from ${table}`));
    for (const statement of [...backfills, ...recount]) await db.execute(sql.raw(statement));
    expect(await snapshot()).toEqual(kept);
  });
});

function mbox(email: string) {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: email, mbox: `mailto:${email}` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { id: 'https://example.com/activities/x', definition: { name: { 'en-US': 'X' } } },
  };
}
