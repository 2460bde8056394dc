import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import { buildAchievementCredential } from '../../src-shared/certificates/open-badges';
import type { Learner } from '../../src-shared/xapi/statements';
import type { CertificateDetail, CertificateSummary } from '../../src-shared/training/schemas';
import { signCredential, verifyCredential, type IssuerKey } from '../certificates/signing';
import type { AppDatabase } from '../db/open';
import { certificates, courses, itemProgress, items, packs } from '../db/schema';

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];

export interface CertificateDeps {
  /** Loaded on first issue: the device's Ed25519 key, whose did:key is the issuer. */
  issuerKey: () => IssuerKey;
}

const ISSUER_NAME = 'Advocate Studio';

/**
 * Issues the certificate for a completed course inside the completing transaction: an Open Badges 3.0
 * credential signed with the device's key (eddsa-jcs-2022), so it can be checked offline.
 */
export function issueCertificate(
  tx: Transaction,
  deps: CertificateDeps,
  input: { packId: string; courseId: string; learner: Learner; at: Date },
): string {
  const course = tx
    .select({ title: courses.title, summary: courses.summary, version: packs.version })
    .from(courses)
    .innerJoin(packs, eq(packs.id, courses.packId))
    .where(and(eq(courses.packId, input.packId), eq(courses.id, input.courseId)))
    .get();
  if (!course) throw new Error(`course ${input.packId}/${input.courseId} vanished while being completed`);
  const score = courseScore(tx, input.packId, input.courseId);
  const id = randomUUID();
  const key = deps.issuerKey();
  const credential = signCredential(
    buildAchievementCredential({
      certificateId: id,
      issuer: { id: key.did, name: ISSUER_NAME },
      learner: { id: input.learner.id, name: input.learner.name },
      course: {
        packId: input.packId,
        courseId: input.courseId,
        title: course.title,
        version: course.version,
        description: course.summary ?? course.title,
      },
      criteriaNarrative: 'Completed every lesson, knowledge check, exercise and reflection of the course.',
      issuedAt: input.at,
      ...(score === null ? {} : { score }),
    }),
    key,
    input.at,
  );
  tx.insert(certificates)
    .values({
      id,
      packId: input.packId,
      packVersion: course.version,
      courseId: input.courseId,
      courseTitle: course.title,
      courseSummary: course.summary,
      learnerId: input.learner.id,
      learnerName: input.learner.name,
      issuedAt: input.at,
      score,
      credential: credential as unknown as Record<string, unknown>,
    })
    .run();
  return id;
}

/** The mean of the best scores of the course's knowledge checks; null when it has none. */
function courseScore(tx: Transaction, packId: string, courseId: string): number | null {
  const quizIds = tx
    .select({ id: items.id })
    .from(items)
    .where(and(eq(items.packId, packId), eq(items.courseId, courseId), eq(items.kind, 'quiz')))
    .all()
    .map((row) => row.id);
  if (quizIds.length === 0) return null;
  const best = tx
    .select({ score: itemProgress.bestScore })
    .from(itemProgress)
    .where(and(eq(itemProgress.packId, packId), inArray(itemProgress.itemId, quizIds)))
    .all()
    .map((row) => row.score ?? 0);
  return best.reduce((total, score) => total + score, 0) / quizIds.length;
}

export function listCertificates(db: AppDatabase): CertificateSummary[] {
  return db
    .select()
    .from(certificates)
    .orderBy(desc(certificates.issuedAt))
    .all()
    .map((row) => summary(row));
}

export function getCertificate(db: AppDatabase, id: string): CertificateDetail {
  const row = db.select().from(certificates).where(eq(certificates.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', 'There is no such certificate on this device.');
  const verification = verifyCredential(row.credential);
  return {
    ...summary(row),
    courseSummary: row.courseSummary,
    credential: row.credential,
    signatureValid: verification.ok,
  };
}

function summary(row: typeof certificates.$inferSelect): CertificateSummary {
  return {
    id: row.id,
    packId: row.packId,
    packVersion: row.packVersion,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    learnerName: row.learnerName,
    issuedAt: row.issuedAt.toISOString(),
    score: row.score,
  };
}
