import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatement, LEARNER_ACCOUNT_HOME } from '../../src-shared/xapi/statements';
import { completionReport } from '../dashboard/completions';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';

/** A course completion as the app records it. */
function courseDone(learnerId: string) {
  return buildStatement({
    id: randomUUID(),
    timestamp: new Date('2026-11-20T10:00:00.000Z'),
    learner: { id: learnerId, name: learnerId },
    verb: 'completed',
    object: { kind: 'course', packId: 'p', id: 'foundations', title: 'Foundations' },
    result: { completion: true },
  });
}

const voiding = (learnerId: string, targetId: string) => ({
  actor: { objectType: 'Agent', account: { homePage: LEARNER_ACCOUNT_HOME, name: learnerId } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
  object: { objectType: 'StatementRef', id: targetId },
});

const account = (learnerId: string) => ({ homePage: LEARNER_ACCOUNT_HOME, name: learnerId });

// Each attack is run as an attacker would: two devices enrolled through POST /enrol, Ada's and Mallory's.
describe.each(testBackends)("what one learner's device cannot do to another's records, on %s", (backend) => {
  let hub: TestHub;
  let ada: ReturnType<typeof xapiFetch>;
  let mallory: ReturnType<typeof xapiFetch>;
  let trainer: ReturnType<typeof xapiFetch>;
  const adaId = `ada-${randomUUID()}`;
  const malloryId = `mallory-${randomUUID()}`;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    ada = xapiFetch(hub, (await hub.enrolDevice(`${adaId}@example.com`, adaId)).auth);
    mallory = xapiFetch(hub, (await hub.enrolDevice(`${malloryId}@example.com`, malloryId)).auth);
    trainer = xapiFetch(hub, (await hub.credential('trainer')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const completionsOf = async (learnerId: string) =>
    (await completionReport(hub.database.db, {})).completions.filter((row) => row.personKey === learnerId);

  it("refuses to void another learner's statement, with the same answer as for an id that does not exist", async () => {
    const done = courseDone(adaId);
    expect((await ada('/xapi/statements', { body: done })).status).toBe(200);
    const attack = await mallory('/xapi/statements', { body: voiding(malloryId, done.id as string) });
    expect(attack.status).toBe(403);
    const probe = await mallory('/xapi/statements', { body: voiding(malloryId, randomUUID()) });
    expect(probe.status).toBe(403);
    expect((probe.json as { message: string }).message).toBe((attack.json as { message: string }).message);
    expect((attack.json as { message: string }).message).toBe(
      "object.id: this device may void only its own learner's statements, stored before or in the same batch",
    );
    expect((await trainer(`/xapi/statements?statementId=${done.id as string}`)).status).toBe(200);
    expect(await completionsOf(adaId)).toHaveLength(1);
  });

  it('lets a device void its own statements, stored before or in the same batch', async () => {
    const first = courseDone(malloryId);
    await mallory('/xapi/statements', { body: first });
    expect((await mallory('/xapi/statements', { body: voiding(malloryId, first.id as string) })).status).toBe(
      200,
    );
    const second = courseDone(malloryId);
    const both = await mallory('/xapi/statements', {
      body: [second, voiding(malloryId, second.id as string)],
    });
    expect(both.status).toBe(200);
    expect(await completionsOf(malloryId)).toHaveLength(0);
  });

  it("answers a reused id of another learner's statement as any conflict, naming no one", async () => {
    // The conflict echoes the id: one that happens to hold "ada" in its hex would fail the check below wrongly.
    let id = randomUUID();
    while (id.includes('ada')) id = randomUUID();
    const done = { ...courseDone(adaId), id };
    await ada('/xapi/statements', { body: done });
    const reuse = await mallory('/xapi/statements', { body: { ...courseDone(malloryId), id: done.id } });
    expect(reuse.status).toBe(409);
    expect(JSON.stringify(reuse.json)).not.toContain(adaId);
    expect(JSON.stringify(reuse.json)).not.toContain('ada');
  });

  it('refuses a Group actor, even one identified as the device’s own learner with others as members', async () => {
    const group = {
      ...courseDone(malloryId),
      actor: {
        objectType: 'Group',
        account: account(malloryId),
        member: [{ objectType: 'Agent', account: account(adaId) }],
      },
    };
    const refused = await mallory('/xapi/statements', { body: group });
    expect(refused.status).toBe(403);
    expect((refused.json as { message: string }).message).toBe(
      'actor: a device records statements about its own learner as an Agent, not a Group',
    );
    const asAda = encodeURIComponent(JSON.stringify({ account: account(adaId) }));
    const found = await trainer(`/xapi/statements?agent=${asAda}`);
    const ids = (found.json as { statements: { id: string }[] }).statements.map((s) => s.id);
    expect(ids).not.toContain(group.id);
  });
});
