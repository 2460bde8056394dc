import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';

type Json = Record<string, unknown>;

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

function statement(actor: Json, verb: string, object: Json, extra: Json = {}): Json {
  return { id: randomUUID(), actor, verb: { id: `https://example.com/verbs/${verb}` }, object, ...extra };
}
const ref = (target: Json) => ({ objectType: 'StatementRef', id: target['id'] });

// Communication 2.1.3, "Filter Conditions for StatementRefs": "Ben passed explosives training", then "Andrew
// confirmed <that statement>": filtering by Ben or by explosives training returns both.
describe.each(testBackends)('filters that follow StatementRefs to their targets, on %s', (backend) => {
  let hub: TestHub;
  let x: ReturnType<typeof xapiFetch>;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const ids = async (query: string) =>
    ((await x(`/xapi/statements?${query}`)).json as { statements: Json[] }).statements.map((s) => s['id']);
  const agentQuery = (agent: Json) => `agent=${encodeURIComponent(JSON.stringify(agent))}`;
  const post = async (...statements: Json[]) =>
    expect((await x('/xapi/statements', { body: statements })).status).toBe(200);

  it('matches a statement that targets a matching one, at any depth, by every filter but time', async () => {
    const ben = { mbox: `mailto:ben-${randomUUID()}@example.com` };
    const andrew = { mbox: `mailto:andrew-${randomUUID()}@example.com` };
    const registration = randomUUID();
    const training = `https://example.com/activities/explosives-${randomUUID()}`;
    const passed = statement(ben, 'passed', { id: training }, { context: { registration } });
    const confirmed = statement(andrew, 'confirmed', ref(passed));
    const endorsed = statement(andrew, 'endorsed', ref(confirmed));
    await post(passed, confirmed);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await post(endorsed);
    const all = [endorsed['id'], confirmed['id'], passed['id']];

    expect(await ids(agentQuery(ben))).toEqual(all);
    expect(await ids(`activity=${encodeURIComponent(training)}`)).toEqual(all);
    expect(await ids(`registration=${registration}`)).toEqual(all);
    expect(
      await ids(`verb=${encodeURIComponent('https://example.com/verbs/passed')}&${agentQuery(ben)}`),
    ).toEqual(all);
    expect(
      await ids(`verb=${encodeURIComponent('https://example.com/verbs/confirmed')}&${agentQuery(andrew)}`),
    ).toEqual([endorsed['id'], confirmed['id']]);
    // Every filter must hold for one statement of the chain: Andrew never passed anything.
    expect(
      await ids(`verb=${encodeURIComponent('https://example.com/verbs/passed')}&${agentQuery(andrew)}`),
    ).toEqual([]);
    // Time and page limits apply to the targeting statement itself.
    expect(await ids(`${agentQuery(ben)}&since=${encodeURIComponent(before)}`)).toEqual([endorsed['id']]);
    expect(await ids(`${agentQuery(ben)}&until=${encodeURIComponent(before)}`)).toEqual([
      confirmed['id'],
      passed['id'],
    ]);
    expect(await ids(`${agentQuery(ben)}&limit=2&ascending=true`)).toEqual([passed['id'], confirmed['id']]);
  });

  it('still returns the statements targeting a voided statement, the voiding one included, but never the voided one', async () => {
    const cy = { mbox: `mailto:cy-${randomUUID()}@example.com` };
    const lms = { mbox: `mailto:lms-${randomUUID()}@example.com` };
    const activity = `https://example.com/activities/${randomUUID()}`;
    const attempt = statement(cy, 'attempted', { id: activity });
    const comment = statement(lms, 'commented', ref(attempt));
    const voiding: Json = { ...statement(lms, 'voided', ref(attempt)), verb: { id: VOIDED } };
    await post(attempt, comment, voiding);
    expect(await ids(`activity=${encodeURIComponent(activity)}`)).toEqual([voiding['id'], comment['id']]);
    expect(await ids(agentQuery(cy))).toEqual([voiding['id'], comment['id']]);
  });

  it("does not let a device look through another learner's statements", async () => {
    const ada = await hub.enrolDevice(`ada-${randomUUID()}@example.com`);
    const mallory = await hub.enrolDevice(`mallory-${randomUUID()}@example.com`);
    const secretActivity = `https://example.com/activities/${randomUUID()}`;
    const adas = statement(ada.agent, 'attempted', { id: secretActivity });
    expect((await xapiFetch(hub, ada.auth)('/xapi/statements', { body: adas })).status).toBe(200);
    // Mallory refers to Ada's statement, then probes whether a filter matches through it.
    const probe = statement(mallory.agent, 'mentioned', ref(adas));
    const malloryX = xapiFetch(hub, mallory.auth);
    expect((await malloryX('/xapi/statements', { body: probe })).status).toBe(200);
    const found = await malloryX(`/xapi/statements?activity=${encodeURIComponent(secretActivity)}`);
    expect((found.json as { statements: Json[] }).statements).toEqual([]);
  });
});
