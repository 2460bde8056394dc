import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { buildStatement, type Learner, type StatementInput } from '../../src-shared/xapi/statements';
import type { AppDatabase } from '../db/open';
import { learner, outbox } from '../db/schema';

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

/** Appends a statement to the outbox inside the caller's transaction, so it commits with the progress. */
export function recordStatement(tx: Transaction, input: Omit<StatementInput, 'id'>): string {
  const id = randomUUID();
  tx.insert(outbox)
    .values({ statementId: id, statement: buildStatement({ ...input, id }), createdAt: input.timestamp })
    .run();
  return id;
}

/** What the learner is called until they give their name; certificates are never issued under it. */
export const PLACEHOLDER_NAME = 'Learner';

/** The device's learner, created on first use with a random id (the xAPI account name). */
export function localLearner(db: AppDatabase, now: () => Date): Learner {
  const existing = db.select().from(learner).get();
  if (existing) return { id: existing.id, name: existing.name };
  const created = { id: randomUUID(), name: PLACEHOLDER_NAME, createdAt: now() };
  db.insert(learner).values(created).onConflictDoNothing().run();
  const row = db.select().from(learner).where(eq(learner.id, created.id)).get() ?? created;
  return { id: row.id, name: row.name };
}
