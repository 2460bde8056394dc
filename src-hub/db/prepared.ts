import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { HubDb, HubTx } from './open';

const dialect = new PgDialect();

/**
 * Runs a statement whose SQL text is the same on every call (the values all in parameters) as a named prepared
 * statement: PostgreSQL parses, analyses and plans it once per connection rather than on every call, which for the
 * ingest statement (an INSERT with the progress upkeep in CTEs) was a third of its time. The name is a hash of the
 * text, so two texts never share one. PGlite's driver has no named statements: there it runs as any query.
 */
export async function executePrepared<Row>(db: HubDb | HubTx, statement: SQL): Promise<Row[]> {
  const query = dialect.sqlToQuery(statement);
  const name = `hub_${createHash('sha256').update(query.sql).digest('base64url').slice(0, 24)}`;
  const result = (await db._.session.prepareQuery(query, undefined, name, false).execute()) as {
    rows: Row[];
  };
  return result.rows;
}
