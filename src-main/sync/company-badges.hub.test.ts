import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIssuerProfile } from '../../src-hub/credentials/issuer';
import { revokeBadge } from '../../src-hub/credentials/store';
import { createEnrolmentCode } from '../../src-hub/auth/enrolment';
import { HUB_START_TIMEOUT, startTestHub, testBackends, type TestHub } from '../../src-hub/testing/hub';
import type { CallResult } from '../../src-shared/api/errors';
import {
  obSchemaErrors,
  verifyWithDigitalBazaar,
} from '../../src-shared/certificates/testing/independent-checks';
import type { CertificateDetail, CertificateSummary } from '../../src-shared/training/schemas';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from '../testing/app-core';
import { completeTestCourse } from '../testing/test-course';
import { useTempDirs } from '../testing/temp-dir';

// A learner completes a course offline (the device signs its certificate), connects to the company's hub,
// and the company's badge arrives with the next sync: the real app core, a real hub, no mocks of our parts.

const tempDir = useTempDirs();
const startCore = useTestCores();

describe.each(testBackends)('company badges reach the device, on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
    await setIssuerProfile(
      hub.database.db,
      { name: 'Acme Corp', url: 'https://acme.example/', image: null },
      'test',
      new Date(),
    );
  }, HUB_START_TIMEOUT);
  afterAll(async () => {
    await hub?.close();
  });

  it('arrive at sync beside the device’s certificate, can be made public, and show revocation', async () => {
    const bundled = tempDir();
    writeTestPack(join(bundled, 'test-pack'));
    const core = await startCore(tempDir(), { bundledPacksDir: bundled, sync: { autoStart: false } });
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const result: CallResult<unknown> = await core.dispatch(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    };
    await call('updateLearner', { name: 'Dana Okafor', email: 'dana@example.com' });
    await completeTestCourse(call);
    const [summary] = await call<CertificateSummary[]>('listCertificates');
    const certificate = () => call<CertificateDetail>('getCertificate', { certificateId: summary?.id });
    // Offline: the device's own certificate, no company badge yet.
    expect(await certificate()).toMatchObject({ signatureValid: true, company: null });

    const { code } = await createEnrolmentCode(hub.database.db, 3_600_000, 'test', new Date());
    await call('connectSync', { kind: 'hub', url: hub.url, code, email: 'dana@example.com' });
    await call('syncNow');

    const withBadge = await certificate();
    expect(withBadge.signatureValid).toBe(true);
    const badge = withBadge.company;
    if (!badge) throw new Error('the company badge arrived');
    expect(badge).toMatchObject({
      issuerName: 'Acme Corp',
      signatureValid: true,
      public: false,
      revokedAt: null,
    });
    expect(badge.credential).toMatchObject({
      credentialSubject: { identifier: [{ identityHash: 'Dana Okafor' }], achievement: { name: 'Basics' } },
    });
    expect(obSchemaErrors(badge.credential)).toEqual([]);
    const didDocument = (await (await fetch(`${hub.url}/.well-known/did.json`)).json()) as { id: string };
    expect(
      await verifyWithDigitalBazaar(badge.credential, { didDocuments: { [didDocument.id]: didDocument } }),
    ).toMatchObject({ verified: true });
    expect((await fetch(badge.pageUrl)).status).toBe(404);

    // Made public on the device: the next sync tells the hub, which then serves the page.
    expect(await call('setCompanyBadgePublic', { badgeId: badge.id, public: true })).toMatchObject({
      public: false,
      publicWanted: true,
    });
    await call('syncNow');
    expect((await certificate()).company).toMatchObject({ public: true, publicWanted: null });
    expect(await (await fetch(badge.pageUrl)).text()).toContain(
      'Valid: signed by Acme Corp and not revoked.',
    );

    // Revoked on the hub: the page says so, and so does the app after its next sync.
    await revokeBadge(hub.database.db, badge.id, 'test', new Date('2026-12-01T09:00:00Z'));
    expect(await (await fetch(badge.pageUrl)).text()).toContain('Revoked by Acme Corp on 2026-12-01.');
    await call('syncNow');
    expect((await certificate()).company).toMatchObject({ revokedAt: '2026-12-01T09:00:00.000Z' });
  });
});
