import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../src-hub/auth/enrolment';
import { revokeCredential } from '../../src-hub/auth/credentials';
import {
  HUB_START_TIMEOUT,
  startTestHub,
  testBackends,
  type TestCredential,
  type TestHub,
} from '../../src-hub/testing/hub';
import { buildStatement } from '../../src-shared/xapi/statements';
import { startTestCore } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import type { AppCore } from '../core/app';
import {
  hubStatementIds,
  manualTimers,
  recordCompletions,
  startProxy,
  until,
  type FaultyProxy,
} from '../testing/sync-fixtures.hub';

// The sync engine against a real hub on loopback, through the real app core and SQLite: no mocks of our parts.

let hub: TestHub;
let reader: TestCredential;
const tempDir = useTempDirs();
const open: { close(): void }[] = [];
const proxies: FaultyProxy[] = [];

afterEach(async () => {
  for (const core of open.splice(0)) core.close();
  for (const proxy of proxies.splice(0)) await proxy.close();
});

type Core = Awaited<ReturnType<typeof startTestCore>>;

async function core(dataDir = tempDir(), options: Parameters<typeof startTestCore>[1] = {}): Promise<Core> {
  const started = await startTestCore(dataDir, { sync: { autoStart: false }, ...options });
  open.push(started);
  return started;
}

async function call<T = unknown>(app: AppCore, name: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function enrolmentCode(): Promise<string> {
  return (await createEnrolmentCode(hub.database.db, 3_600_000, 'test', new Date())).code;
}

/** Connects, then lets the first sync (which connecting starts) finish, so each test starts settled. */
async function connect(app: AppCore, url = hub.url, email = `${crypto.randomUUID()}@example.com`) {
  await call<SyncStatusLike>(app, 'connectSync', { kind: 'hub', url, code: await enrolmentCode(), email });
  return call<SyncStatusLike>(app, 'syncNow');
}

interface SyncStatusLike {
  pending: number;
  running: boolean;
  stopped: boolean;
  problem: { code: string; detail: string | null } | null;
  conflicts: { statementId: string; status: number; message: string; summary: string }[];
  otherCompany: { count: number; url: string } | null;
  progress: { sent: number; total: number } | null;
  lastSuccessAt: string | null;
  nextAttemptAt: string | null;
}

async function onHub(ids: string[]): Promise<string[]> {
  const held = new Set(await hubStatementIds(hub.url, reader.auth));
  return ids.filter((id) => held.has(id));
}

/** Every id arrived, and the hub holds nothing else from this device. */
async function expectExactlyOnce(app: AppCore, ids: string[]): Promise<void> {
  const status = await call<SyncStatusLike>(app, 'getSyncStatus');
  expect(status.pending).toBe(0);
  const all = await hubStatementIds(hub.url, reader.auth);
  const mine = all.filter((id) => ids.includes(id));
  expect(mine.sort()).toEqual([...ids].sort());
  expect(new Set(all).size).toBe(all.length);
}

describe.each(testBackends)('sync with a company hub on %s', (backend) => {
  beforeAll(async () => {
    hub = await startTestHub(backend);
    reader = await hub.credential('lrs-client', 'test reader');
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  it('sends records made before connecting to the first connection, once', async () => {
    const app = await core();
    const ids = recordCompletions(app, 5);
    const before = await call<SyncStatusLike>(app, 'getSyncStatus');
    expect(before.pending).toBe(5);
    await connect(app);
    await call(app, 'syncNow');
    await expectExactlyOnce(app, ids);
    await call(app, 'syncNow');
    expect(await onHub(ids)).toHaveLength(5);
    const status = await call<SyncStatusLike>(app, 'getSyncStatus');
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.problem).toBeNull();
  });

  it('keeps records made offline and delivers them exactly once when the hub is back, on the backoff schedule', async () => {
    const proxy = await startProxy(hub.url);
    proxies.push(proxy);
    const clock = manualTimers();
    const app = await core(tempDir(), { sync: { autoStart: false, timers: clock.timers, random: () => 0 } });
    await connect(app, proxy.url);
    proxy.goDown();
    const ids = recordCompletions(app, 30);
    await call(app, 'syncNow');
    let status = await call<SyncStatusLike>(app, 'getSyncStatus');
    expect(status.pending).toBe(30);
    expect(status.problem?.code).toBe('unreachable');
    expect(status.nextAttemptAt).not.toBeNull();
    expect(clock.pendingDelay()).toBe(2_500);
    expect(await onHub(ids)).toEqual([]);

    await call(app, 'syncNow'); // still down: the wait doubles
    expect(clock.pendingDelay()).toBe(5_000);

    proxy.mode = 'up';
    clock.fire();
    await until(async () => {
      const now = await call<SyncStatusLike>(app, 'getSyncStatus');
      return now.pending === 0 && !now.running;
    }, 'the retry');
    await expectExactlyOnce(app, ids);
    status = await call<SyncStatusLike>(app, 'getSyncStatus');
    expect(status.problem).toBeNull();
  });

  it('delivers exactly once when the network cuts answers mid-response', async () => {
    const proxy = await startProxy(hub.url);
    proxies.push(proxy);
    const app = await core(tempDir(), { sync: { autoStart: false, batchSize: 10 } });
    await connect(app, proxy.url);
    const ids = recordCompletions(app, 50);
    proxy.mode = 'cut-response';
    proxy.cutResponses = 3;
    for (let attempt = 0; attempt < 5; attempt++) await call(app, 'syncNow');
    expect(proxy.cut).toBe(3);
    await expectExactlyOnce(app, ids);
  });

  it('resumes after the app is closed mid-sync, and delivers exactly once', async () => {
    const dataDir = tempDir();
    let requests = 0;
    let first: Core | null = null;
    let armed = false;
    const closingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      // The hub has stored the third batch; the app closes before it records the acknowledgement.
      if (armed && init?.method === 'POST' && ++requests === 3) first?.close();
      return response;
    };
    first = await core(dataDir, { sync: { autoStart: false, batchSize: 100, fetch: closingFetch } });
    await connect(first);
    const ids = recordCompletions(first, 1_000);
    armed = true;
    await call(first, 'syncNow').catch(() => undefined);
    open.splice(open.indexOf(first), 1);

    const second = await core(dataDir);
    const resumed = await call<SyncStatusLike>(second, 'getSyncStatus');
    expect(resumed.pending).toBe(800); // the third batch reached the hub, but its acknowledgement did not
    expect(await onHub(ids)).toHaveLength(300);
    await call(second, 'syncNow');
    await expectExactlyOnce(second, ids);
  });

  it('does not mind a device clock a day off either way', async () => {
    for (const skew of [86_400_000, -86_400_000]) {
      const now = () => new Date(Date.now() + skew);
      const app = await core(tempDir(), { now, sync: { autoStart: false } });
      await connect(app);
      const ids = recordCompletions(app, 10, now());
      await call(app, 'syncNow');
      await expectExactlyOnce(app, ids);
    }
  });

  it('sends 10,000 queued records, reporting progress as it goes', async () => {
    const app = await core();
    await connect(app);
    const ids = recordCompletions(app, 10_000);
    const seen: { sent: number; total: number }[] = [];
    const running = call(app, 'syncNow');
    let done = false;
    void running.then(() => (done = true));
    while (!done) {
      const progress = (await call<SyncStatusLike>(app, 'getSyncStatus')).progress;
      if (progress) seen.push(progress);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await running;
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((p) => p.total === 10_000)).toBe(true);
    expect(seen.map((p) => p.sent)).toEqual([...seen.map((p) => p.sent)].sort((a, b) => a - b));
    expect(seen.some((p) => p.sent > 0 && p.sent < 10_000)).toBe(true);
    await expectExactlyOnce(app, ids);
  }, 120_000);

  it('stops with plain words when the hub revokes the device, losing nothing', async () => {
    const app = await core();
    await connect(app);
    const key = (app.database.sqlite.prepare('SELECT key FROM sync_connections').get() as { key: string })
      .key;
    await revokeCredential(hub.database.db, key, 'test', new Date());
    const ids = recordCompletions(app, 7);
    await call(app, 'syncNow');
    const status = await call<SyncStatusLike>(app, 'getSyncStatus');
    expect(status.stopped).toBe(true);
    expect(status.problem?.code).toBe('unauthorized');
    expect(status.pending).toBe(7);
    expect(status.nextAttemptAt).toBeNull();
    expect(await onHub(ids)).toEqual([]);
  });

  it('sets a conflicting statement aside with the hub’s reason and delivers the rest of its batch', async () => {
    const app = await core();
    const status = await connect(app);
    expect(status.pending).toBe(0);
    const ids = recordCompletions(app, 100);
    const clash = ids[42] as string;
    // Something else already stored a different statement under that id.
    const writer = await hub.credential('lrs-client', 'another system');
    const other = buildStatement({
      id: clash,
      timestamp: new Date(),
      learner: { id: 'someone-else', name: 'Someone' },
      verb: 'attempted',
      object: { kind: 'lesson', packId: 'other', id: 'x', title: 'X' },
    });
    const stored = await fetch(`${hub.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: writer.auth,
        'content-type': 'application/json',
        'x-experience-api-version': '2.0.0',
      },
      body: JSON.stringify([other]),
    });
    expect(stored.status).toBe(200);

    await call(app, 'syncNow');
    const after = await call<SyncStatusLike>(app, 'getSyncStatus');
    expect(after.pending).toBe(0);
    expect(after.conflicts).toHaveLength(1);
    expect(after.conflicts[0]).toMatchObject({
      statementId: clash,
      status: 409,
      summary: 'completed Lesson 42',
    });
    expect(after.conflicts[0]?.message).toMatch(/already stored/);
    const delivered = ids.filter((id) => id !== clash);
    expect((await onHub(delivered)).sort()).toEqual(delivered.sort());

    // "Try these again" sends it once more; the hub still holds the other statement, so it is set aside again.
    const retried = await call<SyncStatusLike>(app, 'retrySyncConflicts');
    expect(retried.conflicts.map((c) => c.statementId)).toEqual([clash]);
    expect(retried.pending).toBe(0);
  });
});
