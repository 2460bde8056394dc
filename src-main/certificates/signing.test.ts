import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { multibaseBase58btcDecode, multibaseBase58btcEncode } from '../../src-shared/certificates/base58';
import {
  canonicalDocument,
  canonicalProofConfig,
  proofOptions,
} from '../../src-shared/certificates/data-integrity';
import type { Signed } from '../../src-shared/certificates/data-integrity';
import {
  achievementCredentialSchema,
  buildAchievementCredential,
} from '../../src-shared/certificates/open-badges';
import type { AchievementCredential } from '../../src-shared/certificates/open-badges';
import {
  obSchemaErrors,
  verifyWithDigitalBazaar,
} from '../../src-shared/certificates/testing/independent-checks';
import {
  ISSUER_KEY_FILE,
  hashData,
  issuerKeyFromPrivateKey,
  loadOrCreateIssuerKey,
  signCredential,
  verifyCredential,
} from './signing';
import type { IssuerKey } from './signing';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-certificates-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshKey(): IssuerKey {
  return issuerKeyFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

function certificate(key: IssuerKey, score: number | undefined = 0.9): AchievementCredential {
  return buildAchievementCredential({
    certificateId: '5f8c2a1e-1111-4222-8333-944455556666',
    issuer: { id: key.did, name: 'Acme Advocacy' },
    learner: { id: 'urn:uuid:0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e', name: 'Ada Lovelace' },
    course: {
      packId: 'advocate-foundations',
      courseId: 'foundations',
      title: 'Advocate Foundations',
      version: '1.2.0',
      description: 'Why and how employees speak credibly for their company.',
    },
    criteriaNarrative: 'Complete every lesson and pass the final quiz with at least 80%.',
    issuedAt: new Date('2026-11-25T12:00:00Z'),
    score,
  });
}

const CREATED = new Date('2026-11-25T12:00:01.250Z');

/** A JSON deep copy, changed by `edit`. */
function tampered<T>(value: T, edit: (copy: T) => void): T {
  const copy = JSON.parse(JSON.stringify(value)) as T;
  edit(copy);
  return copy;
}

describe('signCredential and verifyCredential', () => {
  const key = freshKey();
  const signed = signCredential(certificate(key), key, CREATED);

  it('signs a built certificate with an eddsa-jcs-2022 DataIntegrityProof, as a set of one, that verifies', () => {
    expect(signed.proof).toHaveLength(1);
    expect(signed.proof[0]).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2026-11-25T12:00:01Z',
      verificationMethod: key.verificationMethod,
      proofPurpose: 'assertionMethod',
      '@context': signed['@context'],
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{86,88}$/),
    });
    expect(multibaseBase58btcDecode(signed.proof[0].proofValue)).toHaveLength(64);
    expect(verifyCredential(signed)).toEqual({ ok: true });
    expect(achievementCredentialSchema.safeParse(signed).success).toBe(true);
  });

  it('is accepted by 1EdTech’s schema and by Digital Bazaar’s verifier, which refuses it once changed', async () => {
    expect(obSchemaErrors(signed)).toEqual([]);
    expect(await verifyWithDigitalBazaar(signed)).toMatchObject({ verified: true });
    const changed = tampered(signed, (c) => (c.credentialSubject.achievement.name = 'Advocate Mastery'));
    expect(await verifyWithDigitalBazaar(changed)).toMatchObject({ verified: false });
  });

  it('still verifies a single proof given as an object, as credentials were signed before proof sets', () => {
    expect(verifyCredential({ ...signed, proof: signed.proof[0] })).toEqual({ ok: true });
    const changed = tampered({ ...signed, proof: signed.proof[0] }, (c) => (c.name = 'Advocate Mastery'));
    expect(verifyCredential(changed)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it('does not change the credential it signs', () => {
    const credential = certificate(key);
    const before = JSON.stringify(credential);
    signCredential(credential, key, CREATED);
    expect(JSON.stringify(credential)).toBe(before);
  });

  it('still verifies after a trip through a file, whatever the key order and whitespace', () => {
    const pretty = JSON.stringify(signed, null, 2);
    expect(verifyCredential(JSON.parse(pretty))).toEqual({ ok: true });
    const reversed = JSON.stringify(reverseKeys(signed));
    expect(reversed.startsWith('{"proof":[{"proofValue":')).toBe(true);
    expect(verifyCredential(JSON.parse(reversed))).toEqual({ ok: true });
  });

  it.each<[string, (copy: Signed<AchievementCredential>) => void]>([
    ['the name', (c) => (c.name = 'Advocate Mastery')],
    ['the score', (c) => c.credentialSubject.result?.forEach((result) => (result.value = '100'))],
    ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ['proof.created', (c) => (c.proof[0].created = '2026-11-25T12:00:02Z')],
    [
      'the learner name',
      (c) => c.credentialSubject.identifier.forEach((id) => (id.identityHash = 'Mallory')),
    ],
    ['the learner id', (c) => (c.credentialSubject.id = 'urn:uuid:00000000-0000-4000-8000-000000000000')],
    ['the issuer name', (c) => (c.issuer.name = 'Someone Else')],
    ['the criteria', (c) => (c.credentialSubject.achievement.criteria.narrative = 'Nothing.')],
    ['an added property', (c) => Object.assign(c, { validUntil: '2030-01-01T00:00:00Z' })],
    ['an added proof option', (c) => Object.assign(c.proof[0], { domain: 'example.com' })],
  ])('fails with a reason when %s is changed', (_label, edit) => {
    const changed = tampered(signed, edit);
    expect(changed).not.toEqual(signed);
    expect(verifyCredential(changed)).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature does not match/),
    });
  });

  it('fails when the score is removed', () => {
    const result = verifyCredential(tampered(signed, (c) => delete c.credentialSubject.result));
    expect(result.ok).toBe(false);
  });

  it("fails when the proof's @context no longer starts the credential's", () => {
    const result = verifyCredential(
      tampered(signed, (c) => (c['@context'] = [c['@context'][1], c['@context'][0]] as never)),
    );
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/@context/) });
  });

  it("fails when another key's signature is put in the proof", () => {
    const other = freshKey();
    const forged = signCredential(
      certificate(key),
      { ...other, verificationMethod: key.verificationMethod },
      CREATED,
    );
    expect(verifyCredential(forged)).toEqual({
      ok: false,
      reason: expect.stringMatching(/signature does not match/),
    });
  });

  it('fails when another key signs in its own name for this issuer', () => {
    const other = freshKey();
    expect(verifyCredential(signCredential(certificate(key), other, CREATED))).toEqual({
      ok: false,
      reason: expect.stringMatching(/issuer’s key/),
    });
  });

  it('fails when the issuer and the verification method are both switched to another key', () => {
    const other = freshKey();
    const result = verifyCredential(
      tampered(signed, (c) => {
        c.issuer.id = other.did;
        c.proof[0].verificationMethod = other.verificationMethod;
      }),
    );
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/signature does not match/) });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'credential', /not a JSON object/],
    ['null', null, /not a JSON object/],
    ['without a proof', { ...certificate(key) }, /no proof/],
    [
      'with a set of two proofs',
      { ...signed, proof: [signed.proof[0], signed.proof[0]] },
      /carries 2 proofs/,
    ],
    ['with an empty proof set', { ...signed, proof: [] }, /empty proof set/],
    [
      'with another proof type',
      { ...signed, proof: [{ ...signed.proof[0], type: 'Ed25519Signature2020' }] },
      /DataIntegrityProof/,
    ],
    [
      'with another cryptosuite',
      { ...signed, proof: [{ ...signed.proof[0], cryptosuite: 'eddsa-rdfc-2022' }] },
      /cryptosuite/,
    ],
    [
      'with another purpose',
      { ...signed, proof: [{ ...signed.proof[0], proofPurpose: 'authentication' }] },
      /purpose/,
    ],
    ['with a bad created', { ...signed, proof: [{ ...signed.proof[0], created: 'yesterday' }] }, /created/],
    [
      'without a proofValue',
      { ...signed, proof: [{ ...signed.proof[0], proofValue: undefined }] },
      /proofValue/,
    ],
    [
      'with a non-base58 proofValue',
      { ...signed, proof: [{ ...signed.proof[0], proofValue: 'z0OIl' }] },
      /base58btc/,
    ],
    [
      'with a short proofValue',
      { ...signed, proof: [{ ...signed.proof[0], proofValue: 'z2NEpo7TZRRrLZSi2U' }] },
      /64-byte/,
    ],
    [
      'with an https verification method',
      { ...signed, proof: [{ ...signed.proof[0], verificationMethod: 'https://acme.example/keys/1' }] },
      /not a did:key/,
    ],
    [
      'with a did:key fragment that is not the key',
      { ...signed, proof: [{ ...signed.proof[0], verificationMethod: `${key.did}#keys-1` }] },
      /not a did:key|fragment/,
    ],
    [
      'with a did:key that is not Ed25519',
      {
        ...signed,
        proof: [
          {
            ...signed.proof[0],
            verificationMethod: `did:key:${multibaseBase58btcEncode(Uint8Array.from([0xec, 0x01, ...new Uint8Array(32)]))}#${multibaseBase58btcEncode(Uint8Array.from([0xec, 0x01, ...new Uint8Array(32)]))}`,
          },
        ],
      },
      /not an Ed25519/,
    ],
    ['holding a value JSON cannot carry', { ...signed, extra: Number.NaN }, /cannot be checked/],
  ])('fails, without throwing, for a credential %s', (_label, input, reason) => {
    const result = verifyCredential(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('refuses to sign a credential that already has a proof', () => {
    expect(() => signCredential(signed, key, CREATED)).toThrow(/already has a proof/);
  });

  it('refuses an invalid created date', () => {
    expect(() => signCredential(certificate(key), key, new Date(Number.NaN))).toThrow(/Invalid Date/);
  });
});

describe('eddsa-jcs-2022 test vectors (W3C vc-di-eddsa, TestVectors/eddsa-jcs-2022)', () => {
  // TestVectors/keyPair.json: the private key as multibase ed25519-priv (0x8026) + 32-byte seed.
  const seed = multibaseBase58btcDecode('z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq').slice(2);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const vectorKey = issuerKeyFromPrivateKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
  const unsecured = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
    type: ['VerifiableCredential', 'AlumniCredential'],
    name: 'Alumni Credential',
    description: 'A minimum viable example of an Alumni Credential.',
    issuer: 'https://vc.example/issuers/5678',
    validFrom: '2023-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
  };
  const created = new Date('2023-02-24T23:36:38Z');

  it('derives the did:key of keyPair.json', () => {
    expect(vectorKey.did).toBe('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
  });

  it('reproduces signedJCS.json', () => {
    const verificationMethod =
      'https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
    const signed = signCredential(unsecured, { ...vectorKey, verificationMethod }, created);
    expect(signed.proof[0]).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: '2023-02-24T23:36:38Z',
      verificationMethod,
      proofPurpose: 'assertionMethod',
      '@context': unsecured['@context'],
      proofValue: 'z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4',
    });
  });

  it('reproduces canonDocJCS.txt, proofCanonJCS.txt and combinedHashJCS.txt for a did:key method', () => {
    const options = {
      ...proofOptions(vectorKey.verificationMethod, created),
      '@context': unsecured['@context'],
    };
    const document = canonicalDocument(unsecured);
    const proofConfig = canonicalProofConfig(options, unsecured);
    expect(document).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],' +
        '"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},' +
        '"description":"A minimum viable example of an Alumni Credential.",' +
        '"id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678",' +
        '"name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],' +
        '"validFrom":"2023-01-01T00:00:00Z"}',
    );
    expect(proofConfig).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],' +
        '"created":"2023-02-24T23:36:38Z","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod",' +
        '"type":"DataIntegrityProof","verificationMethod":"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' +
        '#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}',
    );
    expect(hashData(document, proofConfig).toString('hex')).toBe(
      '66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db' +
        '59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19',
    );
  });

  it('verifies the vector credential once its issuer is the did:key', () => {
    const document = { ...unsecured, issuer: vectorKey.did };
    expect(verifyCredential(signCredential(document, vectorKey, created))).toEqual({ ok: true });
  });
});

describe('loadOrCreateIssuerKey', () => {
  it('creates the key once, with mode 0600, and returns the same did after', () => {
    const dir = tempDir();
    const first = loadOrCreateIssuerKey(dir);
    const file = join(dir, ISSUER_KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(first.verificationMethod).toBe(`${first.did}#${first.did.slice('did:key:'.length)}`);

    const second = loadOrCreateIssuerKey(dir);
    expect(second.did).toBe(first.did);
    expect(second.verificationMethod).toBe(first.verificationMethod);
    // A credential signed with the first load verifies, and the second load signs identically.
    const credential = certificate(first);
    expect(signCredential(credential, second, CREATED)).toEqual(signCredential(credential, first, CREATED));
    expect(readdirSync(dir)).toEqual([ISSUER_KEY_FILE]);
  });

  it('stores a PKCS#8 private key and its did', () => {
    const dir = tempDir();
    const key = loadOrCreateIssuerKey(dir);
    const stored = JSON.parse(readFileSync(join(dir, ISSUER_KEY_FILE), 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({
      version: 1,
      type: 'Ed25519',
      did: key.did,
      privateKeyPem: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n/),
    });
  });

  it('creates the data directory when it is missing', () => {
    const dir = join(tempDir(), 'nested', 'data');
    expect(loadOrCreateIssuerKey(dir).did).toBe(loadOrCreateIssuerKey(dir).did);
  });

  it('gives different directories different keys', () => {
    expect(loadOrCreateIssuerKey(tempDir()).did).not.toBe(loadOrCreateIssuerKey(tempDir()).did);
  });

  it('throws, and keeps the file, when the key file is unreadable', () => {
    const dir = tempDir();
    const file = join(dir, ISSUER_KEY_FILE);
    writeFileSync(file, '{"version":1,', { mode: 0o600 });
    expect(() => loadOrCreateIssuerKey(dir)).toThrow(/unreadable/);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,');
  });

  it('throws when the stored did does not match the stored key', () => {
    const dir = tempDir();
    const key = loadOrCreateIssuerKey(dir);
    const file = join(dir, ISSUER_KEY_FILE);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...stored, did: freshKey().did }));
    expect(() => loadOrCreateIssuerKey(dir)).toThrow(/does not match/);
    expect(key.did).not.toBe(JSON.parse(readFileSync(file, 'utf8')).did);
  });

  it('throws when the stored key is not Ed25519', () => {
    const dir = tempDir();
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    writeFileSync(
      join(dir, ISSUER_KEY_FILE),
      JSON.stringify({ version: 1, type: 'Ed25519', did: 'did:key:z', privateKeyPem: pem }),
    );
    expect(() => loadOrCreateIssuerKey(dir)).toThrow(/Ed25519/);
  });
});

/** A deep copy of a JSON value with every object's members in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([name, member]) => [name, reverseKeys(member)]),
  );
}
