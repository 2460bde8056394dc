import pg from 'pg';
import { describe, expect, it } from 'vitest';

// CI sets HUB_REQUIRE_POSTGRES=1 so that a PostgreSQL that failed to start fails the run instead of skipping it.
describe('PostgreSQL for the hub suites', () => {
  it.runIf(process.env['HUB_REQUIRE_POSTGRES'] === '1')('is configured and answers', async () => {
    const url = process.env['HUB_TEST_DATABASE_URL'];
    expect(
      url,
      'HUB_REQUIRE_POSTGRES=1 needs HUB_TEST_DATABASE_URL (see src-hub/testing/start-postgres.sh)',
    ).toBeTruthy();
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      const result = await client.query<{ version: string }>('select version()');
      expect(result.rows[0]?.version).toMatch(/^PostgreSQL/);
    } finally {
      await client.end();
    }
  });
});
