import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { PortfolioItem } from '../../src-shared/profile/schemas';
import type { CertificateDetail, CertificateSummary, CourseDetail } from '../../src-shared/training/schemas';
import { courseBadgeImage } from '../../src-shared/certificates/badge-image';
import {
  obSchemaErrors,
  verifyWithDigitalBazaar,
} from '../../src-shared/certificates/testing/independent-checks';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from '../testing/app-core';
import { completeTestCourse } from '../testing/test-course';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();
const course = { packId: 'test-pack', courseId: 'basics' };

async function setUp() {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'));
  let clock = new Date('2026-11-25T12:00:00Z').getTime();
  const core = await startCore(tempDir(), { bundledPacksDir: bundled, now: () => new Date(clock) });
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const later = (days: number) => {
    clock += days * 24 * 60 * 60 * 1000;
  };
  return { core, call, later };
}

/** The name the signed credential itself carries (OB 3.0 identifier), not only the row beside it. */
const credentialName = (certificate: CertificateDetail) =>
  (certificate.credential as { credentialSubject: { identifier: { identityHash: string }[] } })
    .credentialSubject.identifier[0]?.identityHash;

describe('certificates and the learner’s name', () => {
  it('carry the name given at the welcome, signed into the credential', async () => {
    const { call } = await setUp();
    await call('updateLearner', { name: 'Dana Okafor', email: 'dana@example.com', role: 'Support engineer' });
    const { quiz } = await completeTestCourse(call);
    expect(quiz.courseCompleted).toBe(true);
    const [summary] = await call<CertificateSummary[]>('listCertificates');
    const certificate = await call<CertificateDetail>('getCertificate', { certificateId: summary?.id });
    expect(certificate).toMatchObject({ learnerName: 'Dana Okafor', signatureValid: true, history: [] });
    expect(credentialName(certificate)).toBe('Dana Okafor');
    expect(await call<CourseDetail>('getCourse', course)).toMatchObject({
      completed: true,
      completedAt: '2026-11-25T12:00:00.000Z',
      certificate: { id: summary?.id, learnerName: 'Dana Okafor' },
    });
  });

  it('wait for a name when the welcome was skipped, and are issued once one is given', async () => {
    const { core, call } = await setUp();
    await call('skipWelcome');
    await completeTestCourse(call);
    expect(await call('listCertificates')).toEqual([]);
    expect(await call<CourseDetail>('getCourse', course)).toMatchObject({
      completed: true,
      certificate: null,
    });
    expect(await core.dispatch('claimCertificate', course)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Give your name first') },
    });

    await call('updateLearner', { name: 'Dana Okafor' });
    const claimed = await call<CertificateDetail>('claimCertificate', course);
    expect(claimed).toMatchObject({ learnerName: 'Dana Okafor', signatureValid: true, score: 1 });
    // Claiming again gives the same certificate, not a second one.
    expect((await call<CertificateDetail>('claimCertificate', course)).id).toBe(claimed.id);
    expect(await call('listCertificates')).toHaveLength(1);
  });

  it('are re-issued under a corrected name, keeping the old copy in history and the portfolio’s choice', async () => {
    const { core, call, later } = await setUp();
    await call('updateLearner', { name: 'Dana Okafr' });
    await completeTestCourse(call);
    const [old] = await call<CertificateSummary[]>('listCertificates');
    if (!old) throw new Error('a certificate was issued');
    await call('setPortfolioVisibility', { source: 'certificate', sourceId: old.id, visibility: 'company' });
    expect(await core.dispatch('reissueCertificate', { certificateId: old.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'This certificate already carries your name, Dana Okafr.' },
    });

    later(30);
    await call('updateLearner', { name: 'Dana Okafor' });
    const renewed = await call<CertificateDetail>('reissueCertificate', { certificateId: old.id });
    expect(renewed).toMatchObject({
      learnerName: 'Dana Okafor',
      score: old.score,
      signatureValid: true,
      replacedBy: null,
      issuedAt: '2026-12-25T12:00:00.000Z',
      history: [{ id: old.id, learnerName: 'Dana Okafr', issuedAt: old.issuedAt }],
    });
    expect(renewed.id).not.toBe(old.id);
    expect(credentialName(renewed)).toBe('Dana Okafor');

    const kept = await call<CertificateDetail>('getCertificate', { certificateId: old.id });
    expect(kept).toMatchObject({ learnerName: 'Dana Okafr', signatureValid: true, replacedBy: renewed.id });
    expect((await call<CertificateSummary[]>('listCertificates')).map((row) => row.id)).toEqual([renewed.id]);
    const portfolio = await call<PortfolioItem[]>('listPortfolio');
    expect(portfolio.filter((item) => item.kind === 'certificate')).toMatchObject([
      { sourceId: renewed.id, visibility: 'company' },
    ]);
    expect(await core.dispatch('reissueCertificate', { certificateId: old.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('A newer copy') },
    });
  });
});

describe('the credentials the app issues, checked by others', () => {
  it('pass 1EdTech’s schema and Digital Bazaar’s verifier, first issue and re-issue, with the course’s real criteria and a badge', async () => {
    const { call } = await setUp();
    await call('updateLearner', { name: 'Dana Okafr' });
    await completeTestCourse(call);
    const [first] = await call<CertificateSummary[]>('listCertificates');
    if (!first) throw new Error('a certificate was issued');
    await call('updateLearner', { name: 'Dana Okafor' });
    const renewed = await call<CertificateDetail>('reissueCertificate', { certificateId: first.id });
    const issued = [await call<CertificateDetail>('getCertificate', { certificateId: first.id }), renewed];

    for (const certificate of issued) {
      expect(obSchemaErrors(certificate.credential)).toEqual([]);
      expect(await verifyWithDigitalBazaar(certificate.credential)).toMatchObject({ verified: true });
      const { achievement } = achievementOf(certificate);
      // The test pack's course: one lesson, a knowledge check at the course's 75%, an exercise, a reflection.
      expect(achievement.criteria.narrative).toBe(
        'Completed every item of the course “Basics”:\n\n' +
          '- read the lesson\n' +
          '- passed the knowledge check: “Check” with at least 75%\n' +
          '- wrote the writing exercise “Write it”, each draft marked ready against the company’s guidelines\n' +
          '- answered the reflection “Think”',
      );
      expect(achievement.image).toEqual({
        id: courseBadgeImage('Basics'),
        type: 'Image',
        caption: 'Badge of Basics',
      });
    }
    // Digital Bazaar's verifier can fail too: a changed name is refused.
    const forged = structuredClone(renewed.credential) as { name: string };
    forged.name = 'Advocate Mastery';
    expect(await verifyWithDigitalBazaar(forged)).toMatchObject({ verified: false });
  });
});

function achievementOf(certificate: CertificateDetail) {
  return (
    certificate.credential as {
      credentialSubject: {
        achievement: {
          criteria: { narrative: string };
          image: { id: string; type: string; caption: string };
        };
      };
    }
  ).credentialSubject;
}
