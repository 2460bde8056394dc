/**
 * The company-issued badge of a course, as the sync fetched it from the hub: checked against the hub's DID
 * document kept beside it, and the learner's choice to show its public page, which the next sync sends.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import { resolveFromDidDocument } from '../../src-shared/certificates/did-web';
import type { CompanyBadge } from '../../src-shared/training/schemas';
import { verifyCredential } from '../certificates/signing';
import type { AppDatabase } from '../db/open';
import { companyCredentials } from '../db/schema';

type Row = typeof companyCredentials.$inferSelect;

export function companyBadgeFor(db: AppDatabase, packId: string, courseId: string): CompanyBadge | null {
  const row = db
    .select()
    .from(companyCredentials)
    .where(and(eq(companyCredentials.packId, packId), eq(companyCredentials.courseId, courseId)))
    .get();
  return row ? toBadge(row) : null;
}

export function setCompanyBadgePublic(
  db: AppDatabase,
  badgeId: string,
  wanted: boolean,
  requestSync: () => void,
): CompanyBadge {
  const row = db.select().from(companyCredentials).where(eq(companyCredentials.id, badgeId)).get();
  if (!row) throw new AppError('NOT_FOUND', 'There is no such company badge on this device.');
  const publicWanted = wanted === row.public ? null : wanted;
  db.update(companyCredentials).set({ publicWanted }).where(eq(companyCredentials.id, badgeId)).run();
  if (publicWanted !== null) requestSync();
  return toBadge({ ...row, publicWanted });
}

function toBadge(row: Row): CompanyBadge {
  return {
    id: row.id,
    issuerName: row.issuerName,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    public: row.public,
    publicWanted: row.publicWanted,
    pageUrl: row.pageUrl,
    signatureValid: verifyCredential(row.credential, resolveFromDidDocument(row.didDocument)).ok,
    credential: row.credential,
  };
}
