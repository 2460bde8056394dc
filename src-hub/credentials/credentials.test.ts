import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatement } from '../../src-shared/xapi/statements';
import {
  obSchemaErrors,
  verifyWithDigitalBazaar,
} from '../../src-shared/certificates/testing/independent-checks';
import type { CompanyCredential } from '../../src-shared/hub/schemas';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { rotateIssuerKey, setIssuerProfile, verifyAsIssuer } from './issuer';
import { revokeBadge } from './store';

type Enrolled = Awaited<ReturnType<TestHub['enrolDevice']>>;

function completion(device: Enrolled, courseId: string, title: string, id = crypto.randomUUID()) {
  const account = (device.agent as { account: { name: string } }).account;
  return buildStatement({
    id,
    timestamp: new Date('2026-11-25T12:00:00Z'),
    learner: { id: account.name, name: 'Ada' },
    verb: 'completed',
    object: { kind: 'course', packId: 'test-pack', id: courseId, title },
    result: { completion: true, score: { scaled: 0.9, raw: 9, min: 0, max: 10 } },
  });
}

describe.each(testBackends)('company-issued Open Badges, on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
  }, HUB_START_TIMEOUT);
  afterAll(async () => {
    await hub?.close();
  });

  async function mine(device: Enrolled) {
    const response = await fetch(`${hub.url}/credentials/mine`, { headers: { authorization: device.auth } });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      credentials: CompanyCredential[];
      didDocument: Record<string, unknown>;
    };
  }

  it('issues nothing before the company is named as issuer', async () => {
    const device = await hub.enrolDevice('early@example.com');
    const sent = await xapiFetch(hub, device.auth)('/xapi/statements', {
      body: [completion(device, 'basics', 'Basics')],
    });
    expect(sent.status).toBe(200);
    expect((await mine(device)).credentials).toEqual([]);
  });

  it('issues one signed, schema-valid credential per learner and course when a device reports a completion', async () => {
    await setIssuerProfile(
      hub.database.db,
      { name: 'Acme Corp', url: 'https://acme.example/', image: 'https://acme.example/logo.png' },
      'test',
      new Date(),
    );
    const device = await hub.enrolDevice('ada@example.com');
    const post = xapiFetch(hub, device.auth);
    const statement = completion(device, 'basics', 'Basics');
    expect((await post('/xapi/statements', { body: [statement] })).status).toBe(200);
    // The same statement again (a lost acknowledgement) and a second completion of the course issue nothing more.
    expect((await post('/xapi/statements', { body: [statement] })).status).toBe(200);
    expect((await post('/xapi/statements', { body: [completion(device, 'basics', 'Basics')] })).status).toBe(
      200,
    );

    const { credentials, didDocument } = await mine(device);
    expect(credentials).toHaveLength(1);
    const [issued] = credentials;
    if (!issued) throw new Error('a credential was issued');
    const did = `did:web:${encodeURIComponent(new URL(hub.url).host)}`;
    expect(didDocument).toMatchObject({ id: did, assertionMethod: [`${did}#key-1`] });
    expect(issued).toMatchObject({ issuerName: 'Acme Corp', public: false, revokedAt: null });
    expect(issued.credential).toMatchObject({
      issuer: { id: did, name: 'Acme Corp', url: 'https://acme.example/' },
      credentialSubject: {
        identifier: [{ identityHash: 'ada' }],
        achievement: { name: 'Basics' },
        result: [{ value: '90' }],
      },
      credentialStatus: {
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListCredential: `${hub.url}/credentials/status/1`,
      },
    });
    expect(obSchemaErrors(issued.credential)).toEqual([]);
    expect(verifyAsIssuer(issued.credential, didDocument)).toEqual({ ok: true });
    expect(
      await verifyWithDigitalBazaar(issued.credential, { didDocuments: { [did]: didDocument } }),
    ).toMatchObject({
      verified: true,
    });
    // The served DID document is the one the device received.
    expect(await (await fetch(`${hub.url}/.well-known/did.json`)).json()).toEqual(didDocument);
    // Changed, it fails both verifiers.
    const forged = { ...issued.credential, name: 'Advanced' };
    expect(verifyAsIssuer(forged, didDocument).ok).toBe(false);
    expect(await verifyWithDigitalBazaar(forged, { didDocuments: { [did]: didDocument } })).toMatchObject({
      verified: false,
    });
  });

  it('shows the public page only once the learner marks it public, then valid, then revoked in page and status list', async () => {
    const device = await hub.enrolDevice('bo@example.com');
    const other = await hub.enrolDevice('cy@example.com');
    await xapiFetch(hub, device.auth)('/xapi/statements', { body: [completion(device, 'basics', 'Basics')] });
    const [issued] = (await mine(device)).credentials;
    if (!issued) throw new Error('a credential was issued');
    expect(issued.pageUrl).toBe(`${hub.url}/credentials/${issued.id}`);
    expect((await fetch(issued.pageUrl)).status).toBe(404);
    expect((await fetch(`${issued.pageUrl}/credential.json`)).status).toBe(404);

    const visibility = (auth: string, body: unknown) =>
      fetch(`${hub.url}/credentials/visibility`, {
        method: 'PUT',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Another learner's device cannot publish it.
    expect((await visibility(other.auth, { id: issued.id, public: true })).status).toBe(404);
    expect((await fetch(issued.pageUrl)).status).toBe(404);
    expect((await visibility(device.auth, { id: issued.id, public: true })).status).toBe(200);

    const page = await fetch(issued.pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Valid: signed by Acme Corp and not revoked.');
    expect(html).toContain('<dd>bo</dd>');
    expect(html).toContain('<h1>Basics</h1>');
    expect(html).toContain(`href="${issued.pageUrl}/credential.json"`);
    expect(await (await fetch(`${issued.pageUrl}/credential.json`)).json()).toEqual(issued.credential);

    const status = issued.credential['credentialStatus'] as { statusListIndex: string };
    const bit = Number(status.statusListIndex);
    expect(await statusBit(bit)).toBe(false);
    expect(await revokeBadge(hub.database.db, issued.id, 'test', new Date('2026-12-01T09:00:00Z'))).toBe(
      'revoked',
    );
    expect(await revokeBadge(hub.database.db, issued.id, 'test', new Date())).toBe('already');
    expect(await (await fetch(issued.pageUrl)).text()).toContain('Revoked by Acme Corp on 2026-12-01.');
    expect(await statusBit(bit)).toBe(true);
    expect((await mine(device)).credentials[0]?.revokedAt).toBe('2026-12-01T09:00:00.000Z');

    // Unmarked, it is gone from the public again.
    expect((await visibility(device.auth, { id: issued.id, public: false })).status).toBe(200);
    expect((await fetch(issued.pageUrl)).status).toBe(404);
  });

  it('names itself by the address it was reached at, never by a Host header the device chose', async () => {
    const device = await hub.enrolDevice('eve@example.com');
    const { port } = new URL(hub.url);
    const sent = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify([completion(device, 'hosted', 'Hosted')]);
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(port),
          path: '/xapi/statements',
          method: 'POST',
          headers: {
            host: 'evil.example',
            authorization: device.auth,
            'content-type': 'application/json',
            'x-experience-api-version': '2.0.0',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(sent).toBe(200);
    const [issued] = (await mine(device)).credentials;
    expect(issued?.credential).toMatchObject({ issuer: { id: `did:web:127.0.0.1%3A${port}` } });
    expect(JSON.stringify(issued?.credential)).not.toContain('evil.example');
  });

  it('signs with a new key after rotation, and what the old key signed still verifies', async () => {
    const device = await hub.enrolDevice('di@example.com');
    const post = xapiFetch(hub, device.auth);
    await post('/xapi/statements', { body: [completion(device, 'basics', 'Basics')] });
    await rotateIssuerKey(hub.database.db, 'test', new Date());
    await post('/xapi/statements', { body: [completion(device, 'advanced', 'Advanced')] });
    const { credentials, didDocument } = await mine(device);
    expect(credentials).toHaveLength(2);
    const methods = credentials.map(
      (entry) =>
        (entry.credential['proof'] as { verificationMethod: string }[])[0]?.verificationMethod.split('#')[1],
    );
    expect(methods.sort()).toEqual(['key-1', 'key-2']);
    for (const entry of credentials)
      expect(verifyAsIssuer(entry.credential, didDocument)).toEqual({ ok: true });
  });

  /** Reads a bit of the hub's signed status list, checking its signature first (Bitstring Status List §3.2). */
  async function statusBit(bit: number): Promise<boolean> {
    const list = (await (await fetch(`${hub.url}/credentials/status/1`)).json()) as {
      type: string[];
      credentialSubject: { encodedList: string; statusPurpose: string };
    };
    const didDocument = await (await fetch(`${hub.url}/.well-known/did.json`)).json();
    expect(verifyAsIssuer(list, didDocument)).toEqual({ ok: true });
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
    expect(bytes.length).toBe(16_384);
    return ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0;
  }
});
