import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import { buildStatement, type ActivityRef, type Statement } from '../../src-shared/xapi/statements';
import {
  HUB_START_TIMEOUT,
  startTestHub,
  testBackends,
  xapiFetch,
  type TestCredential,
  type TestHub,
} from '../testing/hub';
import { backfillProgressSql } from '../xapi/progress';
import { courseParticipants } from './progress';

// Items and modules done are kept per actor and course at ingest, against the items of the latest published
// version of the pack: checked here as each step happens, with no report read in between to correct them.

const work = mkdtempSync(join(tmpdir(), 'advocate-hub-counts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const manifest = (version: string, firstItems: string) => `id: test-pack
version: ${version}
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
${firstItems}
      - id: second
        title: Second module
        items:
          - { id: write-it, kind: exercise, file: first/write-it.md }
`;
const HELLO_THINK = `          - { id: hello, kind: lesson, file: first/hello.md }
          - { id: think, kind: reflection, file: first/think.md }`;
const LATER = `\n          - { id: later, kind: lesson, file: first/later.md }`;

const ref = (kind: ActivityRef['kind'], id: string, title: string): ActivityRef => ({
  kind,
  packId: 'test-pack',
  id,
  title,
});
const basics = ref('course', 'basics', 'Basics');
const inFirst = [basics, ref('module', 'basics/first', 'First module')];
const inSecond = [basics, ref('module', 'basics/second', 'Second module')];
const BASICS = 'https://advocate.studio/xapi/activities/packs/test-pack/courses/basics';

let clock = Date.parse('2026-11-02T09:00:00Z');
function completed(object: ActivityRef, parents: ActivityRef[], learner = 'ada'): Statement {
  clock += 60_000;
  return buildStatement({
    id: randomUUID(),
    timestamp: new Date(clock),
    learner: { id: learner, name: learner },
    verb: 'completed',
    object,
    parents,
    result: { completion: true },
  });
}
/** The same statement as another LRS client sends it: Ada by her email, not her learner account. */
const byEmail = (statement: Statement): Statement => ({
  ...statement,
  actor: { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.com' },
});

describe.each(testBackends)('items and modules done, kept at ingest, on %s', (backend) => {
  let hub: TestHub;
  let trainer: TestCredential;
  let device: TestCredential;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    trainer = await hub.credential('trainer');
    device = await hub.enrolDevice('ada@example.com', 'ada');
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  async function publish(version: string, firstItems: string): Promise<void> {
    const folder = join(work, `${backend}-${version}`);
    writeTestPack(folder, {
      'pack.yaml': manifest(version, firstItems),
      'first/later.md': '---\ntitle: Later\n---\nComing later.\n',
    });
    await buildPackZip(folder, `${folder}.zip`);
    const answer = await fetch(`${hub.url}/packs`, {
      method: 'POST',
      headers: { authorization: trainer.auth, 'content-type': 'application/zip' },
      body: readFileSync(`${folder}.zip`),
    });
    expect(answer.status).toBe(201);
  }
  const send = async (credential: TestCredential, ...batch: unknown[]) =>
    expect((await xapiFetch(hub, credential.auth)('/xapi/statements', { body: batch })).status).toBe(200);
  const kept = async () =>
    (
      (await hub.database.db.execute(
        sql`select actor_ifi, items_done, modules_done from course_progress where course_id = ${BASICS} order by 1`,
      )) as unknown as { rows: { actor_ifi: string; items_done: number; modules_done: number }[] }
    ).rows.map((row) => [row.actor_ifi.replace(/^.*[|:]/, ''), row.items_done, row.modules_done]);
  const ada = async () => {
    const { people } = await courseParticipants(hub.database.db, { course: BASICS });
    const row = people.find((p) => p.learnerId === 'ada');
    return [row?.done, row?.items, row?.modulesDone, row?.modules];
  };

  const think = completed(ref('reflection', 'think', 'Think'), inFirst);

  it('counts only the published items, and a module when all its items are done', async () => {
    await publish('1.0.0', HELLO_THINK);
    await send(
      device,
      completed(ref('lesson', 'hello', 'Hello'), inFirst),
      think,
      // A lesson the pack does not hold, sent with the course as its parent: not one of the course's items.
      completed(ref('lesson', 'stray', 'Stray'), inFirst),
    );
    expect(await kept()).toEqual([['ada', 2, 1]]);
  });

  it('counts an item done under both of a person’s identities once, and their union of modules', async () => {
    await send(
      trainer,
      byEmail(completed(ref('lesson', 'hello', 'Hello'), inFirst)),
      byEmail(completed(ref('exercise', 'write-it', 'Write it'), inSecond)),
    );
    // Per IFI: by account hello and think (the first module); by email hello and write-it (the second).
    expect(await kept()).toEqual([
      ['ada', 2, 1],
      ['ada@example.com', 2, 1],
    ]);
    // The person: hello, think and write-it, of 3; both modules, of 2.
    expect(await ada()).toEqual([3, 3, 2, 2]);
  });

  it('recounts everyone when a new version changes a course’s items', async () => {
    await publish('1.1.0', HELLO_THINK + LATER);
    // The first module now has three items: neither identity has finished it.
    expect(await kept()).toEqual([
      ['ada', 2, 0],
      ['ada@example.com', 2, 1],
    ]);
    expect(await ada()).toEqual([3, 4, 1, 2]);
  });

  it('keeps the count when two devices of one person send at once', async () => {
    // A course no pack holds, so every item counts: 2 devices × 15 batches, each completing its own lesson.
    const solo: ActivityRef = { kind: 'course', packId: 'other', id: 'solo', title: 'Solo' };
    const second = await hub.enrolDevice('ada@example.com', 'ada', { bound: true });
    const lesson = (id: string, at: number) => {
      const statement = completed({ ...solo, kind: 'lesson', id }, [solo]);
      return { ...statement, timestamp: new Date(at).toISOString() };
    };
    // The course's first and last moments arrive first, so the batches that follow change nothing in its
    // course_progress row, and that row's upsert does not make one transaction wait for the other. (Other locks
    // still may, such as the course's stored activity definition: this checks the outcome, not the race itself.)
    const start = Date.parse('2026-10-01T00:00:00Z');
    await send(device, lesson('first', start), lesson('last', start + 1e9));
    const lessons = (from: number) =>
      Array.from({ length: 14 }, (_, k) => lesson(`l${from + k}`, start + 1e6 * (from + k + 1)));
    const sendAll = (credential: TestCredential, batch: Statement[]) =>
      Promise.all(batch.map((statement) => send(credential, statement)));
    await Promise.all([sendAll(device, lessons(0)), sendAll(second, lessons(100))]);
    const rows = (await hub.database.db.execute(
      sql`select items_done from course_progress where course_id like '%/packs/other/courses/solo'`,
    )) as unknown as { rows: { items_done: number }[] };
    expect(rows.rows).toEqual([{ items_done: 30 }]);
  });

  it('recounts an actor when one of their statements is voided', async () => {
    await send(trainer, {
      id: randomUUID(),
      actor: { objectType: 'Agent', mbox: 'mailto:trainer@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: think['id'] },
    });
    expect(await kept()).toEqual([
      ['ada', 1, 0],
      ['ada@example.com', 2, 1],
    ]);
    expect(await ada()).toEqual([2, 4, 1, 2]);
  });

  it('publishes a new version while devices complete items, failing no one and losing no count', async () => {
    const ids = ['bo', 'cy', 'di', 'ed'];
    const devices = await Promise.all(ids.map((id) => hub.enrolDevice(`${id}@example.com`, id)));
    // Each completes hello, think and later, each in a batch of its own, while 1.2.0 drops "later" again.
    const batches = devices.flatMap((credential, n) =>
      (['lesson:hello', 'reflection:think', 'lesson:later'] as const).map((item) => {
        const [kind, id] = item.split(':') as [ActivityRef['kind'], string];
        return { credential, statement: completed(ref(kind, id, id), inFirst, ids[n]) };
      }),
    );
    await Promise.all([
      publish('1.2.0', HELLO_THINK),
      ...batches.map(({ credential, statement }) => send(credential, statement)),
    ]);
    // What ingest and the publishing kept equals a count made afresh from item_progress and course_items. (Both
    // take course_items before any course_progress row, so neither waits for the other in a circle; this checks
    // the outcome, it cannot force that interleaving.)
    const before = await kept();
    const [, recount] = backfillProgressSql();
    await hub.database.db.execute(sql.raw(recount as string));
    expect(await kept()).toEqual(before);
    expect(before.filter(([who]) => who === 'bo')).toEqual([['bo', 2, 1]]);
  });
});
