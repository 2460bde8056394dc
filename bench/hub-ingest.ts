// The hub's statement ingest: batches of 100 over HTTP as a device's sync sends them (validation, the actor
// check, idempotent insert, voiding checks, one transaction each), beside raw batched inserts of the same rows
// into the same database in the same run. Then 1,000 simulated devices send 100 statements each at once, and
// every statement must be stored exactly once. PGlite always; PostgreSQL too when HUB_TEST_DATABASE_URL is set.
import { randomUUID } from 'node:crypto';
import { count, inArray } from 'drizzle-orm';
import { statements } from '../src-hub/db/schema/index';
import { fetchRetrying, postBatch, seedDevices, sendFromAllDevices } from '../src-hub/testing/devices';
import { startTestHub, testBackends, type TestHub } from '../src-hub/testing/hub';
import { appStatement } from '../src-hub/testing/statements';
import { LEARNER_ACCOUNT_HOME } from '../src-shared/xapi/statements';
import { indexStatement } from '../src-hub/xapi/agents';
import { AUTHORITY_HOME } from '../src-hub/xapi/routes';
import type { Row } from './measure';

const BATCH = 100;
const ROUNDS = 40;
const DEVICES = 1_000;
const PER_DEVICE = 100;

export async function benchHubIngest(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const backend of testBackends) {
    const hub = await startTestHub(backend, { maxAuthFailures: 1_000_000 });
    try {
      const floor = await ingestBeside(hub, rows, backend, 'repeat');
      await ingestBeside(hub, rows, backend, 'new learner');
      await manyDevices(hub, rows, backend, floor);
    } finally {
      await hub.close();
    }
  }
  return rows;
}

/**
 * Alternates one HTTP batch and one raw batch, so both see the same database size and machine load. `repeat`: one
 * learner sends the same 100 items' completions each time, so after the first batch no progress changes (the
 * cheapest upkeep). `new learner`: each batch comes from another learner completing a course's 100 items, so every
 * batch adds progress rows and recounts that learner's items and modules done.
 */
async function ingestBeside(
  hub: TestHub,
  rows: Row[],
  backend: string,
  kind: 'repeat' | 'new learner',
): Promise<number> {
  const db = hub.database.db;
  const devices = await seedDevices(db, kind === 'repeat' ? 1 : ROUNDS + 5);
  // Each device's first request pays one scrypt check: an enrolled device has paid it long before.
  for (const device of devices) await warmCredential(hub, device.auth);
  const batches = Array.from({ length: ROUNDS + 5 }, (_, round) => {
    const device = devices[round % devices.length];
    if (!device) throw new Error('no device');
    const statements = Array.from({ length: BATCH }, (_, i) =>
      appStatement(device.learnerId, { item: `item-${i}` }),
    );
    return { auth: device.auth, statements };
  });
  let oursMs = 0;
  let rawMs = 0;
  for (const [round, { auth, statements: batch }] of batches.entries()) {
    const started = process.hrtime.bigint();
    await postBatch(hub.url, auth, batch);
    const ours = Number(process.hrtime.bigint() - started) / 1e6;
    // The same rows as the hub stores them, under fresh ids: only the INSERT is timed.
    const now = new Date();
    const raw = batch.map((s) => {
      const statement = {
        ...s,
        id: randomUUID(),
        stored: now.toISOString(),
        authority: { objectType: 'Agent', account: { homePage: AUTHORITY_HOME, name: 'raw' } },
      };
      return {
        id: statement.id,
        statement,
        stored: now,
        timestamp: new Date(String(s['timestamp'])),
        ...indexStatement(statement),
        credentialKey: 'raw',
      };
    });
    const rawStarted = process.hrtime.bigint();
    await db.transaction(async (tx) => {
      await tx.insert(statements).values(raw);
    });
    const rawTime = Number(process.hrtime.bigint() - rawStarted) / 1e6;
    // The first rounds warm up the JIT, the connection pool and PGlite's caches.
    if (round >= 5) {
      oursMs += ours;
      rawMs += rawTime;
    }
  }
  const oursRate = (ROUNDS * BATCH) / (oursMs / 1000);
  const rawRate = (ROUNDS * BATCH) / (rawMs / 1000);
  rows.push({
    name: `hub ingest, batches of ${BATCH} over HTTP, ${kind === 'repeat' ? 'repeated items' : 'a new learner each'} (${backend})`,
    ours: oursRate,
    floor: rawRate,
    floorName: 'batched INSERT',
    unit: 'statements/s',
  });
  return rawRate;
}

async function manyDevices(hub: TestHub, rows: Row[], backend: string, rawRate: number): Promise<void> {
  const devices = await seedDevices(hub.database.db, DEVICES);
  // Each device's first request pays one scrypt check; do that before the clock starts, as enrolled devices have.
  await Promise.all(devices.map((d) => warmCredential(hub, d.auth)));
  const { ids, elapsedMs } = await sendFromAllDevices(hub.url, devices, PER_DEVICE, 50);
  // Counted by actor (100,000 ids would overflow PostgreSQL's 65,535 parameters); ids are the primary key.
  const [stored] = await hub.database.db
    .select({ n: count() })
    .from(statements)
    .where(
      inArray(
        statements.actorIfi,
        devices.map((d) => `account:${LEARNER_ACCOUNT_HOME}|${d.learnerId}`),
      ),
    );
  if (new Set(ids).size !== DEVICES * PER_DEVICE || stored?.n !== DEVICES * PER_DEVICE) {
    throw new Error(`${DEVICES} devices sent ${DEVICES * PER_DEVICE} statements; ${stored?.n} are stored`);
  }
  rows.push({
    name: `${DEVICES} devices × ${PER_DEVICE} at once, each once (${backend})`,
    ours: (DEVICES * PER_DEVICE) / (elapsedMs / 1000),
    floor: rawRate,
    floorName: 'batched INSERT',
    unit: 'statements/s',
  });
}

async function warmCredential(hub: TestHub, auth: string): Promise<void> {
  const response = await fetchRetrying(`${hub.url}/xapi/statements?limit=1`, {
    headers: { authorization: auth, 'x-experience-api-version': '2.0.0' },
  });
  if (response.status !== 200) throw new Error(`GET /xapi/statements: ${response.status}`);
  await response.arrayBuffer();
}
