import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { HubAnswer } from '../../src-shared/hub/contract';
import type { HubDb } from '../db/open';
import { credentials, learners } from '../db/schema/index';

/** Devices per page of the dashboard's list. */
export const DEVICES_PAGE_SIZE = 100;

/** LIKE's wildcards taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Enrolled devices a page at a time, by learner; `q` finds words in the learner's name or email, or the key. */
export async function listDevices(
  db: HubDb,
  filter: { q?: string | undefined; page?: number | undefined },
): Promise<HubAnswer<'devices'>> {
  const where: SQL[] = [eq(credentials.role, 'device')];
  const q = filter.q?.trim() ?? '';
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push(
      or(ilike(learners.name, like), ilike(learners.email, like), ilike(credentials.key, like)) as SQL,
    );
  }
  const rows = await db
    .select({
      key: credentials.key,
      name: credentials.name,
      learner: learners.name,
      email: learners.email,
      team: learners.team,
      createdAt: credentials.createdAt,
      lastSeenAt: credentials.lastSeenAt,
      revokedAt: credentials.revokedAt,
    })
    .from(credentials)
    .leftJoin(learners, eq(learners.id, credentials.learnerId))
    .where(and(...where))
    .orderBy(sql`${learners.name} asc nulls last`, asc(credentials.createdAt), asc(credentials.key))
    .limit(DEVICES_PAGE_SIZE)
    .offset((filter.page ?? 0) * DEVICES_PAGE_SIZE);
  const [counted] = await db
    .select({ total: count() })
    .from(credentials)
    .leftJoin(learners, eq(learners.id, credentials.learnerId))
    .where(and(...where));
  return {
    devices: rows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    })),
    total: counted?.total ?? 0,
    pageSize: DEVICES_PAGE_SIZE,
  };
}
