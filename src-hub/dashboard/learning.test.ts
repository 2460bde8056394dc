import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import {
  activityIri,
  buildStatement,
  type ActivityRef,
  type StatementInput,
} from '../../src-shared/xapi/statements';
import { revokeBadge } from '../credentials/store';
import { setIssuerProfile } from '../credentials/issuer';
import { publishPack } from '../packs/catalogue';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mapPages, pagesOf } from './csv';
import { durationSeconds, totalTime } from './duration';
import { personProgress } from './person';
import { courseParticipants, progressOverview } from './progress';

// The published pack: Basics has three modules. First: hello (lesson), check (quiz). Second: write-it
// (exercise), think (reflection). Third: later (lesson), which no one has opened (the hub has seen 4 of 5 items).
// Advanced, which no one has started, is listed all the same: everyone enrolled has not started it.
const MANIFEST = `id: test-pack
version: 1.3.0
title: Test pack
summary: A small pack for tests.
authors:
  - name: Test Trainer
language: en
courses:
  - id: basics
    title: Basics
    modules:
      - id: first
        title: First module
        items:
          - { id: hello, kind: lesson, file: first/hello.md }
          - { id: check, kind: quiz, file: first/check.md }
      - id: second
        title: Second module
        items:
          - { id: write-it, kind: exercise, file: first/write-it.md }
          - { id: think, kind: reflection, file: first/think.md }
      - id: third
        title: Third module
        items:
          - { id: later, kind: lesson, file: first/later.md }
  - id: advanced
    title: Advanced
    modules:
      - id: deep
        title: Deep
        items:
          - { id: deep-dive, kind: lesson, file: first/deep.md }
`;

const ref = (kind: ActivityRef['kind'], id: string, title: string, packId = 'test-pack'): ActivityRef => ({
  kind,
  packId,
  id,
  title,
});
const basics = ref('course', 'basics', 'Basics');
const first = ref('module', 'basics/first', 'First module');
const second = ref('module', 'basics/second', 'Second module');
const hello = ref('lesson', 'hello', 'Hello');
const check = ref('quiz', 'check', 'Check');
const writeIt = ref('exercise', 'write-it', 'Write it');
const think = ref('reflection', 'think', 'Think');
// A course no published pack holds: its share of items counts what the hub has seen; its modules are unknown.
const solo = ref('course', 'solo', 'Solo', 'unpublished');
const intro = ref('lesson', 'intro', 'Intro', 'unpublished');
const BASICS = activityIri(basics);
const SOLO = activityIri(solo);

let clock = Date.parse('2026-11-02T09:00:00Z');
type Step = Omit<StatementInput, 'id' | 'timestamp' | 'learner'> & { duration?: string };
function steps(learner: string, list: Step[]) {
  return list.map(({ duration, ...input }) => {
    clock += 60_000;
    const statement = buildStatement({
      ...input,
      id: randomUUID(),
      timestamp: new Date(clock),
      learner: { id: learner, name: learner },
    });
    if (duration === undefined) return statement;
    return { ...statement, result: { ...(statement['result'] as object), duration } };
  });
}
const inFirst = { parents: [basics, first] };
const inSecond = { parents: [basics, second] };
const done = (object: ActivityRef, where: { parents: ActivityRef[] }, duration?: string): Step => ({
  verb: 'completed',
  object,
  ...where,
  result: { completion: true },
  ...(duration ? { duration } : {}),
});
const quiz = (passed: boolean, scaled: number, duration?: string): Step => ({
  verb: passed ? 'passed' : 'failed',
  object: check,
  ...inFirst,
  result: { score: { scaled, raw: scaled * 2, min: 0, max: 2 }, success: passed, completion: true },
  ...(duration ? { duration } : {}),
});

describe('streamed CSV pages', () => {
  it('reads pages until one comes back short, and none past an exact fit', async () => {
    const asked: number[] = [];
    const rows = ['a', 'b', 'c', 'd'];
    const read = async (size: number) => {
      const pages: string[][][] = [];
      for await (const page of mapPages(
        pagesOf(async (page, n) => {
          asked.push(page);
          return rows.slice(page * n, page * n + n);
        }, size),
        (row) => [row],
      ))
        pages.push(page as string[][]);
      return pages;
    };
    expect(await read(3)).toEqual([[['a'], ['b'], ['c']], [['d']]]);
    expect(asked).toEqual([0, 1]);
    asked.length = 0;
    expect(await read(2)).toEqual([
      [['a'], ['b']],
      [['c'], ['d']],
    ]);
    expect(asked).toEqual([0, 1, 2]);
  });
});

const work = mkdtempSync(join(tmpdir(), 'advocate-hub-learning-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ISO 8601 durations', () => {
  it('reads xAPI durations in seconds, and nothing else', () => {
    expect(durationSeconds('PT1M30S')).toBe(90);
    expect(durationSeconds('P1DT2H')).toBe(93_600);
    expect(durationSeconds('P2W')).toBe(1_209_600);
    expect(durationSeconds('PT0.5S')).toBe(0.5);
    expect(durationSeconds('PT0S')).toBe(0);
    expect(durationSeconds('90 seconds')).toBeNull();
    expect(durationSeconds('P')).toBeNull();
  });

  it('adds up what was measured, and says when nothing was', () => {
    expect(totalTime([null, null])).toEqual({ seconds: null, timed: 0, finished: 2 });
    expect(totalTime([])).toEqual({ seconds: null, timed: 0, finished: 0 });
    expect(totalTime(['PT0S', null])).toEqual({ seconds: 0, timed: 1, finished: 2 });
    expect(totalTime(['PT2M', 'PT1M30S', null])).toEqual({ seconds: 210, timed: 2, finished: 3 });
  });
});

// Hand-computed. Ada (Platform): every item of the first two modules, the quiz failed once then passed, and the
// course completed (before "later" was added) → 4 of 5 items, 2 of 3 modules, certificate issued. Her timed
// statements: hello PT2M, check failed PT1M30S, check passed PT1M, write-it PT10M = 870 s, 4 of her 5 finished
// item statements (think has none); the course's own PT1H is not added (it spans the items). She opened Solo's
// intro. Bob (Platform): hello, check passed, write-it → 3 of 5, 1 of 3 modules, no durations. Cy (Sales): hello
// → 1 of 5, 0 modules. Dee (Sales): nothing.
describe.each(testBackends)('learning, not just completions, on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    const folder = join(work, backend);
    writeTestPack(folder, {
      'pack.yaml': MANIFEST,
      'first/later.md': '---\ntitle: Later\n---\nComing later.\n',
      'first/deep.md': '---\ntitle: Deep dive\n---\nMore.\n',
    });
    await buildPackZip(folder, `${folder}.zip`);
    await publishPack(hub.database.db, readFileSync(`${folder}.zip`), 'test', new Date());
    await setIssuerProfile(
      hub.database.db,
      { name: 'Acme Corp', url: null, image: null },
      'test',
      new Date(),
    );
    const send = async (email: string, id: string, team: string, statements: unknown[]) => {
      const device = await hub.enrolDevice(email, id, { team });
      if (statements.length === 0) return;
      const sent = await xapiFetch(hub, device.auth)('/xapi/statements', { body: statements });
      expect(sent.status).toBe(200);
    };
    await send(
      'ada@example.com',
      'ada',
      'Platform',
      steps('ada', [
        { verb: 'attempted', object: hello, ...inFirst },
        done(hello, inFirst, 'PT2M'),
        { verb: 'attempted', object: check, ...inFirst },
        quiz(false, 0.5, 'PT1M30S'),
        quiz(true, 1, 'PT1M'),
        done(writeIt, inSecond, 'PT10M'),
        done(think, inSecond),
        { verb: 'completed', object: basics, result: { completion: true }, duration: 'PT1H' },
        { verb: 'attempted', object: intro, parents: [solo] },
      ]),
    );
    await send(
      'bob@example.com',
      'bob',
      'Platform',
      steps('bob', [done(hello, inFirst), quiz(true, 1), done(writeIt, inSecond)]),
    );
    await send('cy@example.com', 'cy', 'Sales', steps('cy', [done(hello, inFirst)]));
    await send('dee@example.com', 'dee', 'Sales', []);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('gives the mean share of modules done per course and team, from the published pack', async () => {
    const { rows } = await progressOverview(hub.database.db, {});
    expect(rows.map((r) => [r.course, r.team, r.enrolled, r.notStarted, r.inProgress, r.completed])).toEqual([
      ['Advanced', 'Platform', 2, 2, 0, 0],
      ['Advanced', 'Sales', 2, 2, 0, 0],
      ['Basics', 'Platform', 2, 0, 1, 1],
      ['Basics', 'Sales', 2, 1, 1, 0],
      ['Solo', 'Platform', 2, 1, 1, 0],
      ['Solo', 'Sales', 2, 2, 0, 0],
    ]);
    const [advanced, , platform, sales, soloPlatform, soloSales] = rows;
    expect([advanced?.itemsShare, advanced?.modulesShare]).toEqual([null, null]);
    // Items: (4/5 + 3/5) / 2 and 1/5; modules: (2/3 + 1/3) / 2 and 0/3.
    expect(platform?.itemsShare).toBeCloseTo(0.7, 10);
    expect(platform?.modulesShare).toBeCloseTo(0.5, 10);
    expect(sales?.itemsShare).toBeCloseTo(0.2, 10);
    expect(sales?.modulesShare).toBe(0);
    // Solo: no pack, so its one item seen counts and its modules are unknown; no one in Sales started it.
    expect([soloPlatform?.itemsShare, soloPlatform?.modulesShare]).toEqual([0, null]);
    expect([soloSales?.itemsShare, soloSales?.modulesShare]).toEqual([null, null]);
  });

  it('lists each person’s items and modules done of the published pack’s, and who has not started', async () => {
    const platform = await courseParticipants(hub.database.db, { course: BASICS, team: 'Platform' });
    expect(platform.people.map((p) => [p.learnerId, p.done, p.items, p.modulesDone, p.modules])).toEqual([
      ['ada', 4, 5, 2, 3],
      ['bob', 3, 5, 1, 3],
    ]);
    const waiting = await courseParticipants(hub.database.db, {
      course: BASICS,
      team: 'Sales',
      status: 'not-started',
    });
    expect(waiting.people.map((p) => [p.learnerId, p.status, p.modulesDone, p.modules])).toEqual([
      ['dee', 'not-started', 0, 3],
    ]);
    // A page at a time: the second page of one holds Bob, and the total counts both.
    const second = await courseParticipants(
      hub.database.db,
      { course: BASICS, team: 'Platform', page: 1 },
      1,
    );
    expect([second.people.map((p) => p.learnerId), second.total, second.pageSize]).toEqual([['bob'], 2, 1]);
    const advanced = await courseParticipants(hub.database.db, {
      course: activityIri(ref('course', 'advanced', 'Advanced')),
      status: 'not-started',
    });
    expect(advanced.people.map((p) => [p.learnerId, p.items, p.modules])).toEqual([
      ['ada', 1, 1],
      ['bob', 1, 1],
      ['cy', 1, 1],
      ['dee', 1, 1],
    ]);
    const unpublished = await courseParticipants(hub.database.db, { course: SOLO, team: 'Platform' });
    expect(unpublished.people.map((p) => [p.learnerId, p.done, p.items, p.modules])).toEqual([
      ['ada', 0, 1, null],
      ['bob', 0, 1, null],
    ]);
  });

  it('shows a person’s modules, exercises, time spent, quiz scores and certificates', async () => {
    const ada = await personProgress(hub.database.db, 'ada');
    const [course, other] = ada?.courses ?? [];
    expect(course).toMatchObject({
      course: 'Basics',
      modulesDone: 2,
      modules: 3,
      exercisesDone: 1,
      exercises: 1,
      time: { seconds: 870, timed: 4, finished: 5 },
    });
    expect(course?.items.map((i) => [i.item, i.kind, i.attempts, i.bestScore, i.lastScore])).toEqual([
      ['Hello', 'lesson', 0, null, null],
      ['Check', 'quiz', 2, 1, 1],
      ['Write it', 'exercise', 0, null, null],
      ['Think', 'reflection', 0, null, null],
    ]);
    // No pack: the kind comes from the activity's type; modules and exercises are not known.
    expect(other).toMatchObject({
      course: 'Solo',
      modulesDone: 0,
      modules: null,
      exercisesDone: 0,
      exercises: null,
      time: { seconds: null, timed: 0, finished: 0 },
    });
    expect(other?.items.map((i) => [i.item, i.kind])).toEqual([['Intro', 'lesson']]);
    expect(ada?.credentials.map((c) => [c.name, c.achievementId, c.issuerName, c.revokedAt])).toEqual([
      ['Basics', BASICS, 'Acme Corp', null],
    ]);

    // Bob's statements carried no duration: his time is not recorded, never 0.
    const bob = await personProgress(hub.database.db, 'bob');
    expect(bob?.courses[0]).toMatchObject({
      modulesDone: 1,
      exercisesDone: 1,
      time: { seconds: null, timed: 0, finished: 3 },
    });
    expect(bob?.credentials).toEqual([]);
  });

  it('shows a revoked certificate as revoked', async () => {
    const before = await personProgress(hub.database.db, 'ada');
    const id = before?.credentials[0]?.id ?? '';
    const at = new Date('2026-11-20T10:00:00Z');
    expect(await revokeBadge(hub.database.db, id, 'test', at)).toBe('revoked');
    const after = await personProgress(hub.database.db, 'ada');
    expect(after?.credentials[0]?.revokedAt).toBe(at.toISOString());
  });
});
