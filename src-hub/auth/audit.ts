import type { HubDb, HubTx } from '../db/open';
import { auditLog } from '../db/schema/index';

/** Records an admin action (credentials, enrolment codes, packs) with who did it. */
export async function audit(
  db: HubDb | HubTx,
  actor: string,
  action: string,
  details: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await db.insert(auditLog).values({ at: now, actor, action, details });
}
