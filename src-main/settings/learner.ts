import { eq } from 'drizzle-orm';
import type { Learner } from '../../src-shared/api/schemas';
import type { AppDatabase } from '../db/open';
import { learner } from '../db/schema';
import { localLearner } from '../training/statements';

export interface LearnerDeps {
  db: AppDatabase;
  now: () => Date;
}

/** A validated LearnerPatch: trimmed, the email checked. */
type ValidPatch = { name: string; email?: string | undefined; role?: string | undefined };

/**
 * The person on this device as the welcome and Settings see them: the name certificates carry once they
 * give it, and the optional work email and role. The row itself is created on first use (localLearner).
 */
export function createLearnerStore(deps: LearnerDeps) {
  const { db } = deps;

  function get(): Learner {
    const { id } = localLearner(db, deps.now);
    const row = db.select().from(learner).where(eq(learner.id, id)).get();
    if (!row) throw new Error('the learner row vanished just after it was read');
    return {
      id: row.id,
      name: row.name,
      named: row.namedAt !== null,
      email: row.email,
      role: row.role,
      welcomed: row.welcomedAt !== null,
    };
  }

  /** Gives the name; an email or role left out stays as it was, an empty one is cleared. */
  function update(patch: ValidPatch): Learner {
    const current = get();
    const at = deps.now();
    const optional = (value: string | undefined, was: string | null) =>
      value === undefined ? was : value === '' ? null : value;
    db.update(learner)
      .set({
        name: patch.name,
        email: optional(patch.email, current.email),
        role: optional(patch.role, current.role),
        namedAt: at,
        ...(current.welcomed ? {} : { welcomedAt: at }),
      })
      .where(eq(learner.id, current.id))
      .run();
    return get();
  }

  /** Passes the welcome without a name: the first certificate waits for one. */
  function skipWelcome(): Learner {
    const current = get();
    if (!current.welcomed)
      db.update(learner).set({ welcomedAt: deps.now() }).where(eq(learner.id, current.id)).run();
    return get();
  }

  return { get, update, skipWelcome };
}
