import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statements } from '../db/schema/index';
import { seedDevices, sendFromAllDevices } from '../testing/devices';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

// The full 1,000 devices × 100 statements runs in `npm run bench -- hub-ingest`; here 50 × 40 keeps the
// suite quick on 2 cores while still putting 50 concurrent writers (and their resends) on one database.
const DEVICES = 50;
const PER_DEVICE = 40;

describe.each(testBackends)('many devices syncing at once on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('stores every statement exactly once, resends included', async () => {
    const devices = await seedDevices(hub.database.db, DEVICES);
    const { ids } = await sendFromAllDevices(hub.url, devices, PER_DEVICE, 10);
    expect(new Set(ids).size).toBe(DEVICES * PER_DEVICE);
    const db = hub.database.db;
    const [stored] = await db.select({ n: count() }).from(statements).where(inArray(statements.id, ids));
    expect(stored?.n).toBe(DEVICES * PER_DEVICE);
    // Each device's statements are its own, PER_DEVICE of them, under its own credential.
    const perActor = await db
      .select({
        actor: statements.actorIfi,
        n: count(),
        keys: sql<number>`count(distinct ${statements.credentialKey})`,
      })
      .from(statements)
      .where(inArray(statements.id, ids))
      .groupBy(statements.actorIfi);
    expect(perActor).toHaveLength(DEVICES);
    expect(perActor.every((row) => row.n === PER_DEVICE && Number(row.keys) === 1)).toBe(true);
    const [voided] = await db.select({ n: count() }).from(statements).where(eq(statements.voided, true));
    expect(voided?.n).toBe(0);
  }, 120_000);

  it('answers an empty batch with no ids', async () => {
    const [device] = await seedDevices(hub.database.db, 1);
    const response = await fetch(`${hub.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: device?.auth ?? '',
        'content-type': 'application/json',
        'x-experience-api-version': '2.0.0',
      },
      body: '[]',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it('stores a statement voided when its voiding statement came first', async () => {
    const client = await hub.credential('lrs-client');
    const x = xapiFetch(hub, client.auth);
    const target = mboxStatement('late@example.com');
    const voiding = {
      actor: { mbox: 'mailto:late@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: target.id },
    };
    expect((await x('/xapi/statements', { body: voiding })).status).toBe(200);
    const other = mboxStatement('late@example.com');
    expect((await x('/xapi/statements', { body: [target, other] })).status).toBe(200);
    expect((await x(`/xapi/statements?statementId=${target.id}`)).status).toBe(404);
    expect((await x(`/xapi/statements?voidedStatementId=${target.id}`)).status).toBe(200);
    expect((await x(`/xapi/statements?statementId=${other.id}`)).status).toBe(200);
  });
});
