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

/** The device's learner, created on first use with a random id (the xAPI account name). */
export function localLearner(db: AppDatabase, now: () => Date): Learner {
  const existing = db.select().from(learner).get();
  if (existing) return { id: existing.id, name: existing.name };
  const created = { id: randomUUID(), name: 'Learner', createdAt: now() };
  db.insert(learner).values(created).onConflictDoNothing().run();
  const row = db.select().from(learner).where(eq(learner.id, created.id)).get() ?? created;
  return { id: row.id, name: row.name };
}

export function renameLearner(db: AppDatabase, now: () => Date, name: string): Learner {
  const current = localLearner(db, now);
  db.update(learner).set({ name }).where(eq(learner.id, current.id)).run();
  return { id: current.id, name };
}
