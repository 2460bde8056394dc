import XAPI, { type Statement, type StatementsResponse } from '@xapi/xapi';
import { randomUUID } from 'node:crypto';
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
});
