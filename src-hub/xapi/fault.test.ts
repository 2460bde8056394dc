import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredential } from '../auth/credentials';
import { openHubDb, type DatabaseTarget } from '../db/open';
import { HUB_START_TIMEOUT, basicAuth, makeTestDatabase, testBackends } from '../testing/hub';
import { startHubProcess } from '../testing/process';
import { mboxStatement } from '../testing/statements';

/** POSTs a batch; resolves with the status, or with the network error when the hub dies under it. */
function postBatch(
  url: string,
  auth: string,
  batch: unknown[],
  onSent?: () => void,
): Promise<number | Error> {
  return new Promise((resolve) => {
    const req = request(`${url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        'x-experience-api-version': '2.0.0',
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error) => resolve(error));
    req.end(JSON.stringify(batch), onSent);
  });
}

describe.each(testBackends)('the hub killed mid-batch on %s', (backend) => {
  let target: DatabaseTarget;
  let drop: () => Promise<void>;
  let auth: string;
  beforeAll(async () => {
    ({ target, drop } = await makeTestDatabase(backend));
    const database = await openHubDb(target);
    const issued = await createCredential(
      database.db,
      { name: 'sync', role: 'lrs-client' },
      'test',
      new Date(),
    );
    await database.close();
    auth = basicAuth(issued.key, issued.secret);
  }, HUB_START_TIMEOUT);
  afterAll(async () => drop?.());

  it(
    'loses nothing and duplicates nothing when the client retries the same ids after a restart',
    async () => {
      const args = target.kind === 'pglite' ? ['--data-dir', target.dataDir] : [];
      const env = target.kind === 'postgres' ? { DATABASE_URL: target.url } : {};
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 100 }, () => mboxStatement(`fault-${b}@example.com`)),
      );
      let hub = await startHubProcess(args, env);
      try {
        for (const [b, batch] of batches.entries()) {
          if (b === 3) {
            // SIGKILL once the batch is on the wire: the hub may die before, during or after its commit.
            const killed = await postBatch(hub.url, auth, batch, () =>
              setTimeout(() => hub.child.kill('SIGKILL'), 15),
            );
            await hub.exited;
            hub = await startHubProcess(args, env);
            if (killed === 200) continue;
            expect(killed).toBeInstanceOf(Error);
          }
          expect(await postBatch(hub.url, auth, batch)).toBe(200);
        }
        const seen: string[] = [];
        let next = '/xapi/statements?limit=250&ascending=true';
        while (next) {
          const page = await fetch(`${hub.url}${next}`, {
            headers: { authorization: auth, 'x-experience-api-version': '2.0.0' },
          });
          const body = (await page.json()) as { statements: { id: string }[]; more: string };
          seen.push(...body.statements.map((s) => s.id));
          next = body.more;
        }
        const sent = batches.flat().map((s) => s.id);
        expect(seen).toHaveLength(sent.length);
        expect(new Set(seen)).toEqual(new Set(sent));
      } finally {
        hub.child.kill('SIGTERM');
        await hub.exited;
      }
    },
    HUB_START_TIMEOUT * 2,
  );
});
