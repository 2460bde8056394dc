import XAPI, { type Statement, type StatementsResponse } from '@xapi/xapi';
import { randomUUID } from 'node:crypto';
import { attachmentFor, rsaKeys, signedStatement } from '../testing/attachments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, type TestHub } from '../testing/hub';

describe.each(testBackends)('a third-party xAPI client (@xapi/xapi) against the hub on %s', (backend) => {
  let hub: TestHub;
  let xapi: XAPI;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    const { key, secret } = await hub.credential('lrs-client', 'third-party LMS');
    xapi = new XAPI({ endpoint: `${hub.url}/xapi/`, auth: XAPI.toBasicAuth(key, secret), adapter: 'fetch' });
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('sends statements, reads them back one by one and page by page, and voids one', async () => {
    const agent = {
      objectType: 'Agent' as const,
      name: 'Lin',
      mbox: `mailto:lin-${randomUUID()}@example.com`,
    };
    const statement = (n: number): Statement => ({
      id: randomUUID(),
      actor: agent,
      verb: XAPI.Verbs.COMPLETED,
      object: {
        objectType: 'Activity',
        id: `https://lms.example.com/courses/${n}`,
        definition: { name: { 'en-US': `Course ${n}` } },
      },
    });
    const first = statement(1);
    const sent = await xapi.sendStatement({ statement: first });
    expect(sent.data).toEqual([first.id]);
    const batch = [statement(2), statement(3), statement(4)];
    expect((await xapi.sendStatements({ statements: batch })).data).toEqual(batch.map((s) => s.id));

    const one = await xapi.getStatement({ statementId: first.id as string });
    expect(one.data.actor).toEqual(agent);
    expect(one.data.verb.id).toBe(XAPI.Verbs.COMPLETED.id);

    const page = await xapi.getStatements({ agent, limit: 2 });
    expect(page.data.statements.map((s) => s.id)).toEqual([batch[2]?.id, batch[1]?.id]);
    expect(page.data.more).toBeTruthy();
    const next = await xapi.getMoreStatements({ more: page.data.more as string });
    expect((next.data as StatementsResponse).statements.map((s) => s.id)).toEqual([batch[0]?.id, first.id]);

    await xapi.voidStatement({ actor: agent, statementId: first.id as string });
    const voided = await xapi.getVoidedStatement({ voidedStatementId: first.id as string });
    expect(voided.data.id).toBe(first.id);
  });

  // @xapi/xapi 3.0.3 writes its own multipart/mixed body (Communication 1.5.2). It leaves out the CRLF before the
  // boundary between two attachment parts, so it can send one attachment per request; the hub keeps to RFC 2046.
  it('sends a statement with an attachment and reads it back with attachments=true', async () => {
    const notes = 'What I learned today: cite sources.';
    const bytes = Buffer.from(notes);
    const statement = {
      id: randomUUID(),
      actor: { objectType: 'Agent', mbox: `mailto:kai-${randomUUID()}@example.com` },
      verb: XAPI.Verbs.COMMENTED,
      object: { objectType: 'Activity', id: 'https://lms.example.com/courses/1' },
      attachments: [attachmentFor(bytes, 'text/plain')],
    } as unknown as Statement;
    expect((await xapi.sendStatement({ statement, attachments: [arrayBufferOf(bytes)] })).data).toEqual([
      statement.id,
    ]);
    const [got, part] = (await xapi.getStatement({ statementId: statement.id as string, attachments: true }))
      .data;
    expect(got.id).toBe(statement.id);
    expect(part).toBe(notes);
  });

  it('sends a statement signed with RS256, which the hub checks and keeps', async () => {
    const keys = rsaKeys();
    const unsigned = {
      id: randomUUID(),
      actor: { objectType: 'Agent', mbox: `mailto:lee-${randomUUID()}@example.com` },
      verb: XAPI.Verbs.PASSED,
      object: { objectType: 'Activity', id: 'https://lms.example.com/exams/1' },
    };
    const { statement, jws } = signedStatement(unsigned, keys);
    const sent = await xapi.sendStatement({
      statement: statement as unknown as Statement,
      attachments: [arrayBufferOf(jws)],
    });
    expect(sent.data).toEqual([unsigned.id]);
    const [, signature] = (await xapi.getStatement({ statementId: unsigned.id, attachments: true })).data;
    expect(signature).toBe(jws.toString());

    const forged = signedStatement({ ...unsigned, id: randomUUID() }, keys);
    const tampered = { ...forged.statement, verb: XAPI.Verbs.FAILED } as unknown as Statement;
    await expect(
      xapi.sendStatement({ statement: tampered, attachments: [arrayBufferOf(forged.jws)] }),
    ).rejects.toThrow('its payload does not match the statement sent');
  });

  it('looks up an Agent and an Activity', async () => {
    const agent = { objectType: 'Agent' as const, mbox: `mailto:mo-${randomUUID()}@example.com`, name: 'Mo' };
    const person = await xapi.getAgent({ agent });
    expect(person.data).toEqual({ objectType: 'Person', name: ['Mo'], mbox: [agent.mbox] });
    const activity = await xapi.getActivity({ activityId: 'https://lms.example.com/courses/1' });
    expect(activity.data).toEqual({
      objectType: 'Activity',
      id: 'https://lms.example.com/courses/1',
      definition: { name: { 'en-US': 'Course 1' } },
    });
  });
});

function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}
