import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

// Communication 2.1.3: results are ordered by `stored`. Instances' clocks (or two transactions) can store a later
// arrival with an earlier `stored`; the order, the since/until window and the `more` cursor must all agree on it.
describe.each(testBackends)('statements in stored order on %s', (backend) => {
  let hub: TestHub;
  let clock = new Date('2026-11-20T12:00:00.000Z');
  let x: ReturnType<typeof xapiFetch>;
  beforeAll(async () => {
    hub = await startTestHub(backend, { now: () => clock });
    x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('orders, windows and pages by stored, whatever order the rows were inserted in', async () => {
    const email = `order-${randomUUID()}@example.com`;
    const later = [mboxStatement(email), mboxStatement(email)];
    const earlier = [mboxStatement(email), mboxStatement(email)];
    expect((await x('/xapi/statements', { body: later })).status).toBe(200);
    clock = new Date('2026-11-20T11:00:00.000Z');
    expect((await x('/xapi/statements', { body: earlier })).status).toBe(200);
    const agent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${email}` }));
    const ids = (body: unknown) => (body as { statements: { id: string }[] }).statements.map((s) => s.id);

    const seen: string[] = [];
    let next = `/xapi/statements?agent=${agent}&ascending=true&limit=1`;
    while (next) {
      const page = await x(next);
      expect(page.status).toBe(200);
      seen.push(...ids(page.json));
      next = (page.json as { more: string }).more;
    }
    expect(seen).toEqual([...earlier, ...later].map((s) => s.id));
    const newestFirst = await x(`/xapi/statements?agent=${agent}&limit=3`);
    expect(ids(newestFirst.json)).toEqual([later[1], later[0], earlier[1]].map((s) => s?.id));
    const window = await x(
      `/xapi/statements?agent=${agent}&since=2026-11-20T11:30:00Z&until=2026-11-20T12:00:00Z&ascending=true`,
    );
    expect(ids(window.json)).toEqual(later.map((s) => s.id));
    expect((await x(`/xapi/statements?agent=${agent}&after=42`)).status).toBe(400);
  });
});
