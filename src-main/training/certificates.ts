import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../src-shared/api/errors';
import { courseCriteriaNarrative } from '../../src-shared/certificates/criteria';
import {
  achievementCredentialSchema,
  buildAchievementCredential,
} from '../../src-shared/certificates/open-badges';
import type { CertificateDetail, CertificateSummary } from '../../src-shared/training/schemas';
import { signCredential, verifyCredential, type IssuerKey } from '../certificates/signing';
import type { AppDatabase } from '../db/open';
import { companyBadgeFor } from './company-badges';
import {
  certificates,
  courseCompletions,
  courses,
  expertiseAreas,
  itemProgress,
  items,
  learner,
  modules,
  packs,
  portfolioVisibility,
} from '../db/schema';

type Transaction = Parameters<Parameters<AppDatabase['transaction']>[0]>[0];
type CertificateRow = typeof certificates.$inferSelect;

export interface CertificateDeps {
  /** Loaded on first issue: the device's Ed25519 key, whose did:key is the issuer. */
  issuerKey: () => IssuerKey;
}

const ISSUER_NAME = 'Advocate Studio';

/** What a certificate says: the course as completed, and the learner as they are named now. */
interface CertificateFacts {
  packId: string;
  packVersion: string;
  courseId: string;
  courseTitle: string;
  courseSummary: string | null;
  score: number | null;
  /** What the learner did, from the course's items (courseCriteriaNarrative). */
  criteria: string;
}

/** The learner, if they have given the name certificates carry; null while it is the placeholder. */
export function namedLearner(db: AppDatabase | Transaction): { id: string; name: string } | null {
  const row = db.select().from(learner).get();
  return row && row.namedAt !== null ? { id: row.id, name: row.name } : null;
}

/**
 * Issues the certificate for a completed course inside the completing transaction, when the learner has
 * given their name: an Open Badges 3.0 credential signed with the device's key (eddsa-jcs-2022), so it can
 * be checked offline. Without a name it waits (claimCertificate), rather than certify "Learner" for ever.
 */
export function issueCertificate(
  tx: Transaction,
  deps: CertificateDeps,
  input: { packId: string; courseId: string; at: Date },
): string | null {
  const person = namedLearner(tx);
  if (person === null) return null;
  const course = tx
    .select({ title: courses.title, summary: courses.summary, version: packs.version })
    .from(courses)
    .innerJoin(packs, eq(packs.id, courses.packId))
    .where(and(eq(courses.packId, input.packId), eq(courses.id, input.courseId)))
    .get();
  if (!course)
    throw new AppError(
      'NOT_FOUND',
      'That course is no longer installed, so its certificate can’t be issued.',
    );
  const facts: CertificateFacts = {
    packId: input.packId,
    packVersion: course.version,
    courseId: input.courseId,
    courseTitle: course.title,
    courseSummary: course.summary,
    score: courseScore(tx, input.packId, input.courseId),
    criteria: courseCriteria(tx, input.packId, input.courseId) ?? '',
  };
  return signAndStore(tx, deps, facts, person, input.at);
}

function signAndStore(
  tx: Transaction,
  deps: CertificateDeps,
  facts: CertificateFacts,
  person: { id: string; name: string },
  at: Date,
): string {
  const id = randomUUID();
  const key = deps.issuerKey();
  const credential = signCredential(
    buildAchievementCredential({
      certificateId: id,
      issuer: { id: key.did, name: ISSUER_NAME },
      learner: person,
      course: {
        packId: facts.packId,
        courseId: facts.courseId,
        title: facts.courseTitle,
        version: facts.packVersion,
        description: facts.courseSummary ?? facts.courseTitle,
      },
      criteriaNarrative: facts.criteria,
      issuedAt: at,
      ...(facts.score === null ? {} : { score: facts.score }),
    }),
    key,
    at,
  );
  tx.insert(certificates)
    .values({
      id,
      ...facts,
      learnerId: person.id,
      learnerName: person.name,
      issuedAt: at,
      credential: credential as unknown as Record<string, unknown>,
    })
    .run();
  return id;
}

/** The criteria narrative of an installed course, from its items; null when it is not installed. */
export function courseCriteria(
  db: AppDatabase | Transaction,
  packId: string,
  courseId: string,
): string | null {
  const course = db
    .select({ title: courses.title, passMark: courses.passMark })
    .from(courses)
    .where(and(eq(courses.packId, packId), eq(courses.id, courseId)))
    .get();
  if (!course) return null;
  const courseItems = db
    .select({ kind: items.kind, title: items.title, passMark: items.passMark })
    .from(items)
    .innerJoin(
      modules,
      and(
        eq(modules.packId, items.packId),
        eq(modules.courseId, items.courseId),
        eq(modules.id, items.moduleId),
      ),
    )
    .where(and(eq(items.packId, packId), eq(items.courseId, courseId)))
    .orderBy(asc(modules.position), asc(items.position))
    .all();
  return courseCriteriaNarrative(course, courseItems);
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

/**
 * Re-issues a certificate under the name the learner gives now (a corrected spelling, a new surname): a
 * new credential with a new signature, for the same achievement and score. The old one stays in history,
 * marked replaced; portfolio and expertise references move to the new one.
 */
export function reissueCertificate(
  db: AppDatabase,
  deps: CertificateDeps & { now: () => Date },
  certificateId: string,
): CertificateDetail {
  const old = findRow(db, certificateId);
  if (old.replacedBy !== null)
    throw new AppError('CONFLICT', 'A newer copy of this certificate exists; re-issue that one instead.');
  const person = namedLearner(db);
  if (person === null)
    throw new AppError('CONFLICT', 'Give your name first: it is what the certificate will carry.');
  if (person.name === old.learnerName)
    throw new AppError('CONFLICT', `This certificate already carries your name, ${person.name}.`);
  const id = db.transaction((tx) => {
    // One current certificate per course (a unique index): the old one steps aside before the new one is stored.
    tx.update(certificates)
      .set({ replacedBy: certificateId })
      .where(eq(certificates.id, certificateId))
      .run();
    const { packId, packVersion, courseId, courseTitle, courseSummary, score } = old;
    // The course's requirements as installed now, else (the pack removed) what the old credential said.
    const criteria = courseCriteria(tx, packId, courseId) ?? storedCriteria(old.credential);
    const facts = { packId, packVersion, courseId, courseTitle, courseSummary, score, criteria };
    const created = signAndStore(tx, deps, facts, person, deps.now());
    tx.update(certificates).set({ replacedBy: created }).where(eq(certificates.id, certificateId)).run();
    moveCertificateReferences(tx, certificateId, created);
    return created;
  });
  return getCertificate(db, id);
}

/**
 * Issues the certificate of a course completed while the learner had not given their name, now that they
 * have; the welcome asks for it again at the completion moment.
 */
export function claimCertificate(
  db: AppDatabase,
  deps: CertificateDeps & { now: () => Date },
  packId: string,
  courseId: string,
): CertificateDetail {
  const completed = db
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.packId, packId), eq(courseCompletions.courseId, courseId)))
    .get();
  if (!completed) throw new AppError('CONFLICT', 'That course is not completed yet.');
  const current = db
    .select({ id: certificates.id })
    .from(certificates)
    .where(
      and(
        eq(certificates.packId, packId),
        eq(certificates.courseId, courseId),
        isNull(certificates.replacedBy),
      ),
    )
    .get();
  if (current) return getCertificate(db, current.id);
  const id = db.transaction((tx) => issueCertificate(tx, deps, { packId, courseId, at: deps.now() }));
  if (id === null)
    throw new AppError('CONFLICT', 'Give your name first: it is what the certificate will carry.');
  return getCertificate(db, id);
}

function storedCriteria(credential: Record<string, unknown>): string {
  const parsed = achievementCredentialSchema.safeParse(credential);
  return (
    (parsed.success && parsed.data.credentialSubject.achievement.criteria.narrative) ||
    'Completed the course.'
  );
}

/** Portfolio visibility and expertise evidence follow a certificate to its re-issued copy. */
function moveCertificateReferences(tx: Transaction, from: string, to: string): void {
  tx.update(portfolioVisibility)
    .set({ sourceId: to })
    .where(and(eq(portfolioVisibility.source, 'certificate'), eq(portfolioVisibility.sourceId, from)))
    .run();
  for (const area of tx.select().from(expertiseAreas).all()) {
    if (!area.evidenceRefs.some((ref) => ref.kind === 'certificate' && ref.id === from)) continue;
    const evidenceRefs = area.evidenceRefs.map((ref) =>
      ref.kind === 'certificate' && ref.id === from ? { ...ref, id: to } : ref,
    );
    tx.update(expertiseAreas).set({ evidenceRefs }).where(eq(expertiseAreas.id, area.id)).run();
  }
}

/** The current certificates, one per course, newest first. */
export function listCertificates(db: AppDatabase): CertificateSummary[] {
  return db
    .select()
    .from(certificates)
    .where(isNull(certificates.replacedBy))
    .orderBy(desc(certificates.issuedAt))
    .all()
    .map((row) => summary(row));
}

export function getCertificate(db: AppDatabase, id: string): CertificateDetail {
  const row = findRow(db, id);
  const verification = verifyCredential(row.credential);
  const history = db
    .select()
    .from(certificates)
    .where(and(eq(certificates.packId, row.packId), eq(certificates.courseId, row.courseId)))
    .orderBy(desc(certificates.issuedAt))
    .all()
    .filter((other) => other.id !== row.id)
    .map((other) => ({
      id: other.id,
      learnerName: other.learnerName,
      issuedAt: other.issuedAt.toISOString(),
    }));
  return {
    ...summary(row),
    // Only the current copy stands beside the company's badge; history copies are the device's own.
    company: row.replacedBy === null ? companyBadgeFor(db, row.packId, row.courseId) : null,
    courseSummary: row.courseSummary,
    credential: row.credential,
    signatureValid: verification.ok,
    replacedBy: row.replacedBy,
    history,
  };
}

function findRow(db: AppDatabase, id: string): CertificateRow {
  const row = db.select().from(certificates).where(eq(certificates.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', 'There is no such certificate on this device.');
  return row;
}

function summary(row: CertificateRow): CertificateSummary {
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
