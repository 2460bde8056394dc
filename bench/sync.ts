// Sync: 10,000 queued statements from a real app core to a local hub, beside the hub's own ingest of the same
// batches of 100 POSTed straight to it (no outbox, no bookkeeping), each into a fresh hub in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnrolmentCode } from '../src-hub/auth/enrolment';
import { startTestHub, type TestHub } from '../src-hub/testing/hub';
import { inBatches } from '../src-shared/sync/deliver';
import type { AppCore } from '../src-main/core/app';
import { recordCompletions } from '../src-main/testing/sync-fixtures.hub';
import { startTestCore } from '../src-main/testing/app-core';
import { timeMs, type Row } from './measure';

const COUNT = 10_000;
const BATCH = 100;
const WARM_UP = 1_000;

export async function benchSync(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-bench-sync-'));
  const [ourHub, rawHub] = await Promise.all([startTestHub('pglite'), startTestHub('pglite')]);
  const core = await startTestCore(dir, {
    now: () => new Date(),
    sync: { autoStart: false, batchSize: BATCH },
  });
  try {
    await connect(core, ourHub);
    // Warm-up, the same for both paths, so neither pays for the JIT and cold caches.
    const warmUp = recordCompletions(core, WARM_UP, new Date('2026-11-24T12:00:00Z'));
    await core.sync.syncNow();
    const ids = recordCompletions(core, COUNT);

    const ours = await timeMs(() => core.sync.syncNow());
    const status = core.sync.status();
    if (status.pending !== 0 || status.problem)
      throw new Error(`sync did not finish: ${JSON.stringify(status)}`);

    // The floor: the hub storing the same statements in the same batches, sent one after another.
    const statements = statementsOf(core, ids);
    const device = await rawHub.enrolDevice('raw@example.com', learnerOf(statements));
    const ingest = async (all: unknown[]) => {
      for (const batch of inBatches(all, BATCH)) {
        const response = await fetch(`${rawHub.url}/xapi/statements`, {
          method: 'POST',
          headers: {
            authorization: device.auth,
            'content-type': 'application/json',
            'x-experience-api-version': '2.0.0',
          },
          body: JSON.stringify(batch),
        });
        if (response.status !== 200)
          throw new Error(`raw ingest: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
      }
    };
    await ingest(statementsOf(core, warmUp));
    const floor = await timeMs(() => ingest(statements));
    return [
      {
        name: `sync ${COUNT.toLocaleString('en-GB')} queued statements to a hub`,
        ours,
        floor,
        floorName: 'hub ingest of the same batches',
        unit: 'ms',
        kind: 'time',
      },
    ];
  } finally {
    core.close();
    await Promise.all([ourHub.close(), rawHub.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function connect(core: AppCore, hub: TestHub): Promise<void> {
  const { code } = await createEnrolmentCode(hub.database.db, 3_600_000, 'bench', new Date());
  const connected = await core.dispatch('connectSync', {
    kind: 'hub',
    url: hub.url,
    code,
    email: 'bench@example.com',
  });
  if (!connected.ok) throw new Error(connected.error.message);
  await core.sync.syncNow();
}

function statementsOf(core: AppCore, ids: string[]): unknown[] {
  return core.database.sqlite
    .prepare(
      'SELECT statement FROM outbox WHERE statement_id IN (SELECT value FROM json_each(?)) ORDER BY rowid',
    )
    .all(JSON.stringify(ids))
    .map((row) => JSON.parse((row as { statement: string }).statement) as unknown);
}

/** The learner account the statements carry, so the raw device may write them. */
function learnerOf(statements: unknown[]): string | undefined {
  return (statements[0] as { actor?: { account?: { name?: string } } } | undefined)?.actor?.account?.name;
}
