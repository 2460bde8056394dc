import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatement, LEARNER_ACCOUNT_HOME, type Statement } from '../../src-shared/xapi/statements';
import { backfillProgressSql } from '../xapi/progress';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { allCompletions, completionReport, NO_TEAM, type CompletionFilter } from './completions';
import { csvField, toCsv } from './csv';

function courseDone(learnerId: string, courseId: string, at: string): Statement {
  return buildStatement({
    id: randomUUID(),
    timestamp: new Date(at),
    learner: { id: learnerId, name: 'Someone' },
    verb: 'completed',
    object: { kind: 'course', packId: 'p', id: courseId, title: courseId.toUpperCase() },
    result: { completion: true },
  });
}
/** The same completion, with the actor identified by email (an LRS client's way). */
function byEmail(statement: Statement, email: string): Statement {
  return { ...statement, actor: { objectType: 'Agent', name: 'Someone', mbox: `mailto:${email}` } };
}
const voiding = (targetId: string) => ({
  actor: { objectType: 'Agent', account: { homePage: LEARNER_ACCOUNT_HOME, name: 'trainer' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
  object: { objectType: 'StatementRef', id: targetId },
});

describe.each(testBackends)('the completions report on %s', (backend) => {
  let hub: TestHub;
  let trainer: ReturnType<typeof xapiFetch>;
  const adaFirst = courseDone('ada', 'c1', '2026-11-02T10:00:00Z');
  const adaAgain = courseDone('ada', 'c1', '2026-11-20T10:00:00Z');
  beforeAll(async () => {
    hub = await startTestHub(backend);
    await hub.enrolDevice('ada@example.com', 'ada', { team: 'Platform' });
    await hub.enrolDevice('bob@example.com', 'bob', { team: 'Sales' });
    await hub.enrolDevice('cy@example.com', 'cy');
    trainer = xapiFetch(hub, (await hub.credential('trainer')).auth);
    // Ada's repeat comes in its own, later batch: the first completion is already counted.
    const sent = [
      [adaFirst, byEmail(courseDone('x', 'c2', '2026-11-10T10:00:00Z'), 'ADA@example.com')],
      [courseDone('bob', 'c1', '2026-11-05T23:59:59Z')],
      [byEmail(courseDone('x', 'c2', '2026-11-06T10:00:00Z'), 'stranger@example.com')],
      [adaAgain],
    ];
    for (const batch of sent) expect((await trainer('/xapi/statements', { body: batch })).status).toBe(200);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const report = (filter: CompletionFilter) => completionReport(hub.database.db, filter);

  it('counts each person once per course, by course, person and team', async () => {
    const all = await report({});
    expect(all.byCourse).toEqual([
      {
        courseId: expect.stringMatching(/\/c1$/),
        course: 'C1',
        people: 2,
        lastAt: '2026-11-05T23:59:59.000Z',
      },
      {
        courseId: expect.stringMatching(/\/c2$/),
        course: 'C2',
        people: 2,
        lastAt: '2026-11-10T10:00:00.000Z',
      },
    ]);
    expect(all.byPerson.map((p) => [p.person, p.team, p.courses])).toEqual([
      ['ada', 'Platform', 2],
      ['bob', 'Sales', 1],
      ['Someone', null, 1],
    ]);
    expect(all.byTeam).toEqual([
      { team: 'Platform', enrolled: 1, people: 1, completions: 2 },
      { team: 'Sales', enrolled: 1, people: 1, completions: 1 },
      { team: NO_TEAM, enrolled: 1, people: 1, completions: 1 },
    ]);
    expect(all.teams).toEqual(['Platform', 'Sales']);
    expect(all.courses.map((c) => c.course)).toEqual(['C1', 'C2']);
    expect([all.completionsTotal, all.peopleTotal, all.completions.length]).toEqual([4, 3, 4]);
  });

  it('filters by course, team and an inclusive date range, after counting each first completion once', async () => {
    const c2 = (await report({})).courses[1]?.courseId as string;
    expect((await report({ course: c2 })).completions.map((c) => c.person)).toEqual(['Someone', 'ada']);
    expect((await report({ team: 'Sales' })).byPerson.map((p) => p.person)).toEqual(['bob']);
    expect((await report({ team: NO_TEAM })).byPerson.map((p) => p.person)).toEqual(['Someone']);
    const range = await report({ from: '2026-11-05', to: '2026-11-06' });
    expect(range.completions.map((c) => `${c.person}:${c.course}`)).toEqual(['bob:C1', 'Someone:C2']);
    // Ada's first C1 completion is before the range: her later repeat is not a new completion.
    expect((await report({ from: '2026-11-15' })).completions).toEqual([]);
    expect((await report({ from: '2026-11-15' })).byCourse).toEqual([]);
  });

  it('pages the lists and streams every completion for the CSV', async () => {
    const second = await report({ page: 1, peoplePage: 1 });
    expect([second.completions, second.byPerson, second.completionsTotal]).toEqual([[], [], 4]);
    const streamed = [];
    for await (const page of allCompletions(hub.database.db, {}, 3)) streamed.push(...page);
    expect(streamed).toEqual((await report({})).completions);
  });

  it('corrects the report when a completion is voided, and the backfill agrees with ingest', async () => {
    expect((await trainer('/xapi/statements', { body: voiding(adaFirst.id) })).status).toBe(200);
    expect((await report({ from: '2026-11-15' })).completions.map((c) => c.person)).toEqual(['ada']);
    expect((await trainer('/xapi/statements', { body: voiding(adaAgain.id) })).status).toBe(200);
    expect((await report({})).byPerson.map((p) => [p.person, p.courses])).toEqual([
      ['ada', 1],
      ['bob', 1],
      ['Someone', 1],
    ]);
    const db = hub.database.db;
    const snapshot = async () =>
      (
        (await db.execute(sql`select * from course_progress order by actor_ifi, course_id`)) as unknown as {
          rows: unknown[];
        }
      ).rows;
    const kept = await snapshot();
    await db.execute(sql`delete from course_progress`);
    await db.execute(sql`delete from item_progress`);
    await db.execute(sql`delete from answer_tallies`);
    for (const statement of backfillProgressSql()) await db.execute(sql.raw(statement));
    expect(await snapshot()).toEqual(kept);
    // That migration 0006's backfill agrees with today's upkeep is checked in progress-upkeep.test.ts.
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(toCsv(['a', 'b'], [['1', null]])).toBe('a,b\r\n1,\r\n');
  });
});
