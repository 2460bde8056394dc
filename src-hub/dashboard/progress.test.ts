import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activityIri,
  buildStatement,
  type ActivityRef,
  type StatementInput,
} from '../../src-shared/xapi/statements';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { personProgress } from './person';
import { courseParticipants, progressOverview, questionAnalysis, responseText } from './progress';

const course: ActivityRef = { kind: 'course', packId: 'p', id: 'basics', title: 'Basics' };
const module: ActivityRef = { kind: 'module', packId: 'p', id: 'm1', title: 'Module 1' };
const lesson: ActivityRef = { kind: 'lesson', packId: 'p', id: 'why', title: 'Why' };
const quiz: ActivityRef = { kind: 'quiz', packId: 'p', id: 'check', title: 'Check' };
const question = (n: number): ActivityRef => ({
  kind: 'question',
  packId: 'p',
  id: `check/q${n}`,
  title: `Q${n}`,
});
const COURSE = activityIri(course);

let clock = Date.parse('2026-11-02T09:00:00Z');
/** A statement as the app records it, a minute after the one before. */
function app(learner: string, input: Omit<StatementInput, 'id' | 'timestamp' | 'learner'>) {
  clock += 60_000;
  return buildStatement({
    ...input,
    id: randomUUID(),
    timestamp: new Date(clock),
    learner: { id: learner, name: learner },
  });
}
function answer(learner: string, n: number, response: string, attempt: string) {
  return app(learner, {
    verb: 'answered',
    object: question(n),
    parents: [quiz, course, module],
    registration: attempt,
    interactionType: 'choice',
    result: { success: response === '1', response },
  });
}
function result(learner: string, passed: boolean, scaled: number, attempt: string) {
  return app(learner, {
    verb: passed ? 'passed' : 'failed',
    object: quiz,
    parents: [course, module],
    registration: attempt,
    result: { score: { scaled, raw: scaled * 2, min: 0, max: 2 }, success: passed, completion: true },
  });
}

// Hand-computed: Ada (Platform) finishes the course after failing the quiz once; Bob (Platform) has only opened
// the lesson; Cy (Sales) has not begun. The course has two items the hub has seen: the lesson and the quiz.
describe.each(testBackends)('programme progress on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    await hub.enrolDevice('ada@example.com', 'ada', { team: 'Platform' });
    await hub.enrolDevice('bob@example.com', 'bob', { team: 'Platform' });
    await hub.enrolDevice('cy@example.com', 'cy', { team: 'Sales' });
    const trainer = xapiFetch(hub, (await hub.credential('trainer')).auth);
    const [first, second] = [randomUUID(), randomUUID()];
    const sent = [
      app('ada', { verb: 'attempted', object: lesson, parents: [course, module] }),
      app('ada', {
        verb: 'completed',
        object: lesson,
        parents: [course, module],
        result: { completion: true },
      }),
      app('ada', { verb: 'attempted', object: quiz, parents: [course, module] }),
      answer('ada', 1, '1', first),
      answer('ada', 2, '2', first),
      result('ada', false, 0.5, first),
      answer('ada', 1, '1', second),
      answer('ada', 2, '1', second),
      result('ada', true, 1, second),
      app('ada', { verb: 'completed', object: course, result: { completion: true } }),
      app('bob', { verb: 'attempted', object: lesson, parents: [course, module] }),
    ];
    expect((await trainer('/xapi/statements', { body: sent })).status).toBe(200);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('counts people not started, in progress and completed per course and team, with the share of items', async () => {
    const { rows } = await progressOverview(hub.database.db, {});
    expect(rows).toEqual([
      {
        courseId: COURSE,
        course: 'Basics',
        team: 'Platform',
        enrolled: 2,
        notStarted: 0,
        inProgress: 1,
        completed: 1,
        itemsShare: 0.5,
        modulesShare: null,
      },
      {
        courseId: COURSE,
        course: 'Basics',
        team: 'Sales',
        enrolled: 1,
        notStarted: 1,
        inProgress: 0,
        completed: 0,
        itemsShare: null,
        modulesShare: null,
      },
    ]);
    expect((await progressOverview(hub.database.db, { team: 'Sales' })).rows.map((r) => r.team)).toEqual([
      'Sales',
    ]);
  });

  it('lists who has not started, with when they enrolled, and everyone’s share of items', async () => {
    const waiting = await courseParticipants(hub.database.db, { course: COURSE, status: 'not-started' });
    expect(waiting.people.map((p) => [p.learnerId, p.team, p.status])).toEqual([
      ['cy', 'Sales', 'not-started'],
    ]);
    expect(waiting.people[0]?.enrolledAt).toEqual(expect.any(String));
    const platform = await courseParticipants(hub.database.db, { course: COURSE, team: 'Platform' });
    expect(platform.people.map((p) => [p.learnerId, p.status, p.done, p.items])).toEqual([
      ['ada', 'completed', 2, 2],
      ['bob', 'in-progress', 0, 2],
    ]);
    expect(platform.total).toBe(2);
  });

  it('exports a course’s people as CSV, filtered as on the page', async () => {
    const { key, secret } = await hub.credential('trainer', 'Tom');
    const login = await fetch(`${hub.url}/dashboard/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, secret }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csv = await fetch(
      `${hub.url}/dashboard/api/participants.csv?course=${encodeURIComponent(COURSE)}&team=Platform`,
      { headers: { cookie } },
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).split('\r\n')).toEqual([
      'person,email,team,status,items_done,items,modules_done,modules,enrolled_at,started_at,completed_at',
      expect.stringMatching(/^ada,ada@example\.com,Platform,completed,2,2,0,,\S+Z,\S+Z,\S+Z$/),
      expect.stringMatching(/^bob,bob@example\.com,Platform,in-progress,0,2,0,,\S+Z,\S+Z,$/),
      '',
    ]);
  });

  it('shows one person’s courses, items, quiz attempts and scores', async () => {
    const ada = await personProgress(hub.database.db, 'ada');
    expect(ada?.courses.map((c) => [c.course, c.completedAt !== null])).toEqual([['Basics', true]]);
    expect(
      ada?.courses[0]?.items.map((i) => [
        i.item,
        i.completedAt !== null,
        i.attempts,
        i.bestScore,
        i.lastScore,
      ]),
    ).toEqual([
      ['Why', true, 0, null, null],
      ['Check', true, 2, 1, 1],
    ]);
    expect(await personProgress(hub.database.db, 'nobody')).toBeNull();
  });

  it('analyses each question: the share answered right and the wrong choice most picked', async () => {
    const { questions } = await questionAnalysis(hub.database.db, COURSE);
    expect(
      questions.map((q) => [q.question, q.quiz, q.answers, q.correctShare, q.topWrong, q.topWrongAnswers]),
    ).toEqual([
      ['Q1', 'Check', 2, 1, null, null],
      ['Q2', 'Check', 2, 0.5, '2', 1],
    ]);
    // These answers were sent by position, with no choices in the question's definition: no words to show.
    expect(questions.map((q) => q.topWrongText)).toEqual([null, null]);
  });
});

describe('a wrong answer in learners’ words', () => {
  const choices = [
    { id: 'a', description: { 'en-GB': 'Ask first' } },
    { id: 'b', description: { 'en-GB': 'Post it anyway' } },
    { id: 'c', description: { 'en-GB': 'Delete the thread' } },
  ];
  it('names each choice of a response from the question’s definition', () => {
    expect(responseText('b', choices)).toBe('Post it anyway');
    expect(responseText('b[,]c', choices)).toBe('Post it anyway; Delete the thread');
  });
  it('gives nothing when the definition cannot name every part', () => {
    expect(responseText('2', choices)).toBeNull();
    expect(responseText('a[,]z', choices)).toBeNull();
    expect(responseText('a', undefined)).toBeNull();
    expect(responseText('a', [{ id: 'a' }])).toBeNull();
  });
});
