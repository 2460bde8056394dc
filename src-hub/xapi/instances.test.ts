import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createCredential } from '../auth/credentials';
import { HUB_MIGRATIONS_DIR, openHubDb, type OpenedHubDb } from '../db/open';
import { buildHub } from '../server';
import { HUB_START_TIMEOUT, basicAuth, makeTestDatabase } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

type Counted = { rows: { n: number }[] };

// Several stateless instances over one PostgreSQL: what a company runs when one hub is not enough.
describe.runIf(process.env['HUB_TEST_DATABASE_URL'])('two hub instances sharing one PostgreSQL', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it(
    'migrate once when started together, and store overlapping batches sent to both exactly once',
    async () => {
      const made = await makeTestDatabase('postgres');
      cleanup.push(made.drop);
      const databases: OpenedHubDb[] = await Promise.all([
        openHubDb(made.target),
        openHubDb(made.target),
        openHubDb(made.target),
      ]);
      cleanup.push(async () => {
        for (const database of databases) await database.close();
      });
      const [first, second] = databases as [OpenedHubDb, OpenedHubDb, OpenedHubDb];
      const migrations = (await first.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as Counted;
      const journal = JSON.parse(readFileSync(join(HUB_MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
        entries: unknown[];
      };
      expect(migrations.rows[0]?.n).toBe(journal.entries.length);

      const urls: string[] = [];
      for (const database of [first, second]) {
        const app = buildHub({ database, logger: false });
        await app.listen({ port: 0, host: '127.0.0.1' });
        cleanup.push(() => app.close());
        urls.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      }
      const issued = await createCredential(
        first.db,
        { name: 'sync', role: 'lrs-client' },
        'test',
        new Date(),
      );
      const statements = Array.from({ length: 150 }, () => mboxStatement('shared@example.com'));
      const post = (url: string, batch: unknown[]) =>
        fetch(`${url}/xapi/statements`, {
          method: 'POST',
          headers: {
            authorization: basicAuth(issued.key, issued.secret),
            'content-type': 'application/json',
            'x-experience-api-version': '2.0.0',
          },
          body: JSON.stringify(batch),
        }).then((response) => response.status);
      const statuses = await Promise.all([
        post(urls[0] ?? '', statements.slice(0, 100)),
        post(urls[1] ?? '', statements.slice(50).reverse()),
        post(urls[1] ?? '', statements.slice(0, 100)),
        post(urls[0] ?? '', statements.slice(25, 125)),
      ]);
      expect(statuses).toEqual([200, 200, 200, 200]);
      const count = (await second.db.execute(
        sql`select count(*)::int as n from statements`,
      )) as unknown as Counted;
      expect(count.rows[0]?.n).toBe(150);
    },
    HUB_START_TIMEOUT,
  );
});
