import { afterEach, describe, expect, it } from 'vitest';
import { createCredential } from '../../src-hub/auth/credentials';
import { createEnrolmentCode } from '../../src-hub/auth/enrolment';
import { openHubDb, type DatabaseTarget } from '../../src-hub/db/open';
import { startHubProcess, type RunningHub } from '../../src-hub/testing/process';
import { basicAuth, HUB_START_TIMEOUT, makeTestDatabase, testBackends } from '../../src-hub/testing/hub';
import type { SyncStatus } from '../../src-shared/sync/schemas';
import { startTestCore } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import { hubStatementIds, recordCompletions, startProxy } from '../testing/sync-fixtures.hub';

// The hub as a separate process, killed with SIGKILL while a batch is in flight, then started again.

const tempDir = useTempDirs();
let hubTarget: DatabaseTarget | null = null;
let dropHubDatabase: () => Promise<void> = async () => undefined;
const running: RunningHub[] = [];
afterEach(async () => {
  const stopping = running.splice(0);
  for (const hub of stopping) hub.child.kill('SIGKILL');
  await Promise.all(stopping.map((hub) => hub.exited));
  await dropHubDatabase();
  dropHubDatabase = async () => undefined;
});

/** A migrated hub database with a reader credential and an enrolment code, made before the hub process starts. */
async function prepareHub(
  backend: 'pglite' | 'postgres',
): Promise<{ reader: { key: string; secret: string }; code: string }> {
  const made = await makeTestDatabase(backend);
  hubTarget = made.target;
  dropHubDatabase = made.drop;
  const database = await openHubDb(made.target);
  try {
    const reader = await createCredential(
      database.db,
      { name: 'reader', role: 'lrs-client' },
      'test',
      new Date(),
    );
    const { code } = await createEnrolmentCode(database.db, 86_400_000, 'test', new Date());
    return { reader, code };
  } finally {
    await database.close();
  }
}

/** The hub process over the prepared database: its PGlite folder, or PostgreSQL through DATABASE_URL. */
async function startHub(): Promise<RunningHub> {
  if (!hubTarget) throw new Error('prepareHub first');
  const hub =
    hubTarget.kind === 'pglite'
      ? await startHubProcess(['--data-dir', hubTarget.dataDir])
      : await startHubProcess([], { DATABASE_URL: hubTarget.url });
  running.push(hub);
  return hub;
}

describe.each(testBackends)('the hub killed mid-batch, on %s', (backend) => {
  it(
    'loses nothing and duplicates nothing once it is back',
    async () => {
      const { reader, code } = await prepareHub(backend);
      let hub = await startHub();
      const proxy = await startProxy(hub.url);

      let posts = 0;
      const killingFetch: typeof fetch = async (input, init) => {
        const answer = fetch(input, init);
        if (init?.method === 'POST' && String(input).endsWith('/statements') && ++posts === 4) {
          setTimeout(() => hub.child.kill('SIGKILL'), 5); // while the fourth batch is being stored
        }
        return answer;
      };
      const app = await startTestCore(tempDir(), { sync: { autoStart: false, fetch: killingFetch } });
      try {
        const connected = await app.dispatch('connectSync', {
          kind: 'hub',
          url: proxy.url,
          code,
          email: 'kill@example.com',
        });
        expect(connected.ok).toBe(true);
        const ids = recordCompletions(app, 1_000);
        await app.sync.syncNow();
        await hub.exited;
        let status = app.sync.status();
        expect(status.problem?.code).toMatch(/unreachable|server/);
        expect(status.pending).toBeGreaterThan(0);

        hub = await startHub();
        proxy.target = hub.url;
        await app.sync.syncNow();
        status = app.sync.status();
        expect(status).toMatchObject<Partial<SyncStatus>>({ pending: 0, problem: null, conflicts: [] });
        const held = await hubStatementIds(hub.url, basicAuth(reader.key, reader.secret));
        expect(held.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
        expect(held).toHaveLength(ids.length);
      } finally {
        app.close();
        await proxy.close();
      }
    },
    HUB_START_TIMEOUT * 2,
  );
});
