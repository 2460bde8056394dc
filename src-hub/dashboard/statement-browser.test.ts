import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementBrowserPage } from '../../src-shared/hub/schemas';
import { buildStatement } from '../../src-shared/xapi/statements';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';

type Json = Record<string, unknown>;

describe.each(testBackends)("the dashboard's statement browser on %s", (backend) => {
  let hub: TestHub;
  let cookie = '';
  let ada: { auth: string };
  let lms: ReturnType<typeof xapiFetch>;
  const adaId = `ada-${randomUUID()}`;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    const trainer = await hub.credential('trainer', 'Tom');
    const login = await fetch(`${hub.url}/dashboard/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: trainer.key, secret: trainer.secret }),
    });
    cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    ada = await hub.enrolDevice(`${adaId}@example.com`, adaId);
    lms = xapiFetch(hub, (await hub.credential('lrs-client', 'LMS')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const browse = async (query: Record<string, string> = {}) => {
    const response = await fetch(
      `${hub.url}/dashboard/api/statements?${new URLSearchParams(query).toString()}`,
      {
        headers: { cookie },
      },
    );
    const json = (await response.json()) as unknown;
    expect(response.status, JSON.stringify(json)).toBe(200);
    return StatementBrowserPage.parse(json);
  };

  const lesson = (id: string, verb: 'completed' | 'attempted' = 'completed') =>
    buildStatement({
      id: randomUUID(),
      timestamp: new Date('2026-11-20T10:00:00Z'),
      learner: { id: adaId, name: 'Ada Lovelace' },
      verb,
      object: { kind: 'lesson', packId: 'p', id, title: `Lesson ${id}` },
      parents: [{ kind: 'course', packId: 'p', id: 'basics', title: 'Basics' }],
    });

  // A learner enrolled here is shown by the name they enrolled with (enrolDevice uses the email's local part).
  it('shows what arrived, newest first, in words and as raw JSON, voided statements marked', async () => {
    const first = lesson('one');
    const second = lesson('two', 'attempted');
    expect((await xapiFetch(hub, ada.auth)('/xapi/statements', { body: [first, second] })).status).toBe(200);
    const voiding = {
      actor: { mbox: 'mailto:lms@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: second.id },
    };
    expect((await lms('/xapi/statements', { body: voiding })).status).toBe(200);

    const page = await browse({ person: adaId });
    expect(page.statements.map((s) => [s.person, s.verb, s.object, s.voided])).toEqual([
      [adaId, 'attempted', 'Lesson two', true],
      [adaId, 'completed', 'Lesson one', false],
    ]);
    const raw = (await lms(`/xapi/statements?statementId=${first.id as string}`)).json as Json;
    expect(page.statements[1]?.statement).toEqual(raw);
    expect(page.person?.id).toBe(adaId);
    // The same person by their email, in any case; no one for an address no one enrolled with.
    const byEmail = await browse({ person: page.person?.email.toUpperCase() as string });
    expect(byEmail.person?.id).toBe(adaId);
    expect(byEmail.statements.map((s) => s.id)).toEqual(page.statements.map((s) => s.id));
    const nobody = await browse({ person: 'nobody@example.com' });
    expect(nobody.person).toBeNull();
    expect(nobody.statements).toEqual([]);
    // Without a person filter the page still names enrolled learners by the name they enrolled with.
    expect((await browse({})).statements.some((s) => s.person === adaId)).toBe(true);
  });

  it('filters by verb, activity (object or context) and day of arrival, and pages', async () => {
    const verb = 'http://adlnet.gov/expapi/verbs/completed';
    expect((await browse({ person: adaId, verb })).statements.map((s) => s.object)).toEqual(['Lesson one']);
    const course = (await browse({ person: adaId })).statements[1]?.statement['context'] as Json;
    const courseId = ((course['contextActivities'] as Json)['parent'] as Json[])[0]?.['id'] as string;
    expect((await browse({ activity: courseId })).statements).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await browse({ person: adaId, from: today, to: today })).statements).toHaveLength(2);
    expect((await browse({ person: adaId, to: '2020-01-01' })).statements).toHaveLength(0);
    expect((await browse({ person: 'nobody-enrolled' })).statements).toHaveLength(0);

    const many = Array.from({ length: 55 }, (_, i) => ({
      actor: { mbox: 'mailto:bulk@example.com', name: 'Bulk' },
      verb: { id: 'https://example.com/verbs/ticked' },
      object: { id: `https://example.com/activities/tick-${i}` },
    }));
    expect((await lms('/xapi/statements', { body: many })).status).toBe(200);
    const firstPage = await browse({ verb: 'https://example.com/verbs/ticked' });
    expect(firstPage.statements).toHaveLength(50);
    expect(firstPage.next).not.toBeNull();
    const rest = await browse({ verb: 'https://example.com/verbs/ticked', before: firstPage.next as string });
    expect(rest.statements.map((s) => s.object)).toEqual([
      'https://example.com/activities/tick-4',
      'https://example.com/activities/tick-3',
      'https://example.com/activities/tick-2',
      'https://example.com/activities/tick-1',
      'https://example.com/activities/tick-0',
    ]);
    expect(rest.next).toBeNull();
  });

  it("merges a person's statements under their account and under their email, newest first, page by page", async () => {
    const id = `grace-${randomUUID()}`;
    const grace = await hub.enrolDevice(`${id}@example.com`, id);
    const sent: string[] = [];
    // Six batches in turn from the device (the account) and from an LMS (the email), ten statements each.
    for (let batch = 0; batch < 6; batch++) {
      const objects = Array.from({ length: 10 }, (_, i) => `https://example.com/steps/${batch * 10 + i}`);
      const body = objects.map((object) =>
        batch % 2 === 0
          ? buildStatement({
              id: randomUUID(),
              timestamp: new Date('2026-11-20T10:00:00Z'),
              learner: { id, name: 'Grace' },
              verb: 'attempted',
              object: { kind: 'lesson', packId: 'p', id: object.split('/').pop() as string, title: object },
              parents: [{ kind: 'course', packId: 'p', id: 'basics', title: 'Basics' }],
            })
          : {
              actor: { mbox: `mailto:${id}@example.com` },
              verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
              object: { id: object, definition: { name: { en: object } } },
            },
      );
      const send = batch % 2 === 0 ? xapiFetch(hub, grace.auth) : lms;
      expect((await send('/xapi/statements', { body })).status).toBe(200);
      sent.push(...objects);
    }
    const newestFirst = [...sent].reverse();
    const first = await browse({ person: id });
    expect(first.statements.map((s) => s.object)).toEqual(newestFirst.slice(0, 50));
    expect(first.statements.every((s) => s.person === id)).toBe(true);
    const rest = await browse({ person: id, before: first.next as string });
    expect(rest.statements.map((s) => s.object)).toEqual(newestFirst.slice(50));
    expect(rest.next).toBeNull();
  });

  it('is for signed-in trainers only, and names a bad filter', async () => {
    expect((await fetch(`${hub.url}/dashboard/api/statements`)).status).toBe(401);
    const bad = await fetch(`${hub.url}/dashboard/api/statements?from=yesterday`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('from');
  });
});
