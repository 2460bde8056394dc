import { and, asc, desc, eq, gte, isNotNull, lt } from 'drizzle-orm';
import type { CompanyCredential } from '../../src-shared/hub/schemas';
import { audit } from '../auth/audit';
import type { HubDb } from '../db/open';
import { issuedCredentials, learners } from '../db/schema/index';
import { STATUS_LIST_SIZE, withSlash } from './status-list';

type Row = typeof issuedCredentials.$inferSelect;

export function credentialPageUrl(publicUrl: string, id: string): string {
  return new URL(`credentials/${id}`, withSlash(publicUrl)).toString();
}

function issuerNameOf(row: Row): string {
  const issuer = (row.credential as { issuer?: { name?: unknown } }).issuer;
  return typeof issuer?.name === 'string' ? issuer.name : '';
}

function toEntry(row: Row, publicUrl: string): CompanyCredential {
  return {
    id: row.id,
    achievementId: row.achievementId,
    issuerName: issuerNameOf(row),
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    public: row.public,
    pageUrl: credentialPageUrl(publicUrl, row.id),
    credential: row.credential,
  };
}

export async function learnerCredentials(
  db: HubDb,
  learnerId: string,
  publicUrl: string,
): Promise<CompanyCredential[]> {
  const rows = await db
    .select()
    .from(issuedCredentials)
    .where(eq(issuedCredentials.learnerId, learnerId))
    .orderBy(desc(issuedCredentials.issuedAt));
  return rows.map((row) => toEntry(row, publicUrl));
}

/** Marks a learner's own credential public or not; false when it is not theirs (or does not exist). */
export async function setCredentialPublic(
  db: HubDb,
  learnerId: string,
  id: string,
  isPublic: boolean,
): Promise<boolean> {
  const updated = await db
    .update(issuedCredentials)
    .set({ public: isPublic })
    .where(and(eq(issuedCredentials.id, id), eq(issuedCredentials.learnerId, learnerId)))
    .returning({ id: issuedCredentials.id });
  return updated.length > 0;
}

/** A credential the learner made public, or null (not found and not public look the same). */
export async function publicCredential(db: HubDb, id: string): Promise<Row | null> {
  const [row] = await db
    .select()
    .from(issuedCredentials)
    .where(and(eq(issuedCredentials.id, id), eq(issuedCredentials.public, true)));
  return row ?? null;
}

/** Revokes a company credential: its bit in the status list is set from now on. */
export async function revokeBadge(
  db: HubDb,
  id: string,
  actor: string,
  now: Date,
): Promise<'revoked' | 'already' | 'unknown'> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ revokedAt: issuedCredentials.revokedAt })
      .from(issuedCredentials)
      .where(eq(issuedCredentials.id, id));
    if (!row) return 'unknown';
    if (row.revokedAt) return 'already';
    await tx.update(issuedCredentials).set({ revokedAt: now }).where(eq(issuedCredentials.id, id));
    await audit(tx, actor, 'badge.revoke', { id }, now);
    return 'revoked';
  });
}

export async function listBadges(db: HubDb) {
  return db
    .select({
      id: issuedCredentials.id,
      learnerId: issuedCredentials.learnerId,
      learnerName: learners.name,
      achievementId: issuedCredentials.achievementId,
      issuedAt: issuedCredentials.issuedAt,
      revokedAt: issuedCredentials.revokedAt,
      public: issuedCredentials.public,
    })
    .from(issuedCredentials)
    .innerJoin(learners, eq(learners.id, issuedCredentials.learnerId))
    .orderBy(asc(issuedCredentials.issuedAt));
}

/** The revoked bits of one status list (numbered from 1). */
export async function revokedBits(db: HubDb, list: number): Promise<number[]> {
  const from = (list - 1) * STATUS_LIST_SIZE;
  const rows = await db
    .select({ index: issuedCredentials.statusIndex })
    .from(issuedCredentials)
    .where(
      and(
        isNotNull(issuedCredentials.revokedAt),
        gte(issuedCredentials.statusIndex, from),
        lt(issuedCredentials.statusIndex, from + STATUS_LIST_SIZE),
      ),
    );
  return rows.map((row) => row.index - from);
}
