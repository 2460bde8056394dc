import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentFor,
  multipart,
  rsaKeys,
  sha256,
  signedStatement,
  signJws,
  SIGNATURE_USAGE,
  type Part,
} from '../testing/attachments';
import { SIGNER_CERTIFICATE_PEM, SIGNER_PRIVATE_KEY_PEM } from '../testing/signer-certificate';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

type Json = Record<string, unknown>;

const signaturePart = (jws: Buffer): Part => ({
  content: jws,
  headers: {
    'Content-Type': 'application/octet-stream',
    'Content-Transfer-Encoding': 'binary',
    'X-Experience-API-Hash': sha256(jws),
  },
});

describe.each(testBackends)('signed statements (Data 2.6), on %s', (backend) => {
  let hub: TestHub;
  let x: ReturnType<typeof xapiFetch>;
  const keys = rsaKeys();
  beforeAll(async () => {
    hub = await startTestHub(backend);
    x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const send = (statement: Json, parts: Part[]) => {
    const { contentType, body } = multipart(statement, parts);
    return x('/xapi/statements', { body, headers: { 'content-type': contentType } });
  };
  const message = (response: { json: unknown }) => (response.json as { message: string }).message;

  it.each(['RS256', 'RS384', 'RS512'] as const)(
    'accepts a statement signed with %s and keeps its signature',
    async (alg) => {
      const { statement, jws } = signedStatement(mboxStatement('signer@example.com'), keys, alg);
      const response = await send(statement, [signaturePart(jws)]);
      expect(response.status, response.text).toBe(200);
      const stored = await x(`/xapi/statements?statementId=${statement['id'] as string}&attachments=true`);
      expect(stored.bytes.includes(jws)).toBe(true);
    },
  );

  it('verifies a signature against the X.509 certificate in its x5c header', async () => {
    const certificate = new X509Certificate(SIGNER_CERTIFICATE_PEM);
    const signer = { privateKey: createPrivateKey(SIGNER_PRIVATE_KEY_PEM), publicKey: certificate.publicKey };
    const x5c = { x5c: [certificate.raw.toString('base64')] };
    const sign = (statement: Json, by: typeof signer) => {
      const jws = Buffer.from(signJws(statement, by, 'RS256', x5c));
      return {
        ...statement,
        attachments: [attachmentFor(jws, 'application/octet-stream', SIGNATURE_USAGE)],
        jws,
      };
    };
    const good = sign(mboxStatement('s@example.com'), signer);
    const { jws, ...statement } = good;
    expect((await send(statement, [signaturePart(jws)])).status).toBe(200);
    const other = sign(mboxStatement('s@example.com'), { ...keys, publicKey: certificate.publicKey });
    const { jws: otherJws, ...otherStatement } = other;
    const refused = await send(otherStatement, [signaturePart(otherJws)]);
    expect(message(refused)).toBe(
      'attachments[0]: the signature does not verify against the key in its header',
    );
  });

  it('accepts a signature made before the LRS assigned the id, stored and authority', async () => {
    const { id: _id, ...noId } = mboxStatement('signer@example.com');
    const { statement, jws } = signedStatement(noId, keys);
    expect((await send(statement, [signaturePart(jws)])).status).toBe(200);
  });

  it.each([
    [
      'another algorithm',
      () => signedStatement(mboxStatement('s@example.com'), keys, 'HS256'),
      'the signature uses the algorithm "HS256"; xAPI signatures use RS256, RS384 or RS512',
    ],
    [
      'a payload that is another statement',
      () => {
        const original = mboxStatement('s@example.com');
        const signed = signedStatement(original, keys);
        return {
          ...signed,
          statement: { ...signed.statement, verb: { id: 'https://example.com/verbs/forged' } },
        };
      },
      'the signature signs a different statement: its payload does not match the statement sent',
    ],
    [
      'a payload that is not JSON',
      () => {
        const original = mboxStatement('s@example.com');
        const jws = Buffer.from(
          `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('{not json').toString('base64url')}.c2ln`,
        );
        return {
          statement: {
            ...original,
            attachments: [attachmentFor(jws, 'application/octet-stream', SIGNATURE_USAGE)],
          },
          jws,
        };
      },
      'the signature has a payload that is not a JSON statement',
    ],
    [
      'something that is not a compact JWS',
      () => {
        const jws = Buffer.from('not a jws');
        return {
          statement: {
            ...mboxStatement('s@example.com'),
            attachments: [attachmentFor(jws, 'application/octet-stream', SIGNATURE_USAGE)],
          },
          jws,
        };
      },
      'the signature is not a JWS in compact serialization (header.payload.signature)',
    ],
    [
      'a signature the key in its header does not verify',
      () => {
        const original = mboxStatement('s@example.com');
        const [header, payload] = signJws(original, keys).split('.') as [string, string];
        const forged = signJws(original, rsaKeys()).split('.')[2] as string;
        const jws = Buffer.from(`${header}.${payload}.${forged}`);
        return {
          statement: {
            ...original,
            attachments: [attachmentFor(jws, 'application/octet-stream', SIGNATURE_USAGE)],
          },
          jws,
        };
      },
      'the signature does not verify against the key in its header',
    ],
  ])('refuses %s with a 400', async (_what, make, expected) => {
    const { statement, jws } = make() as { statement: Json; jws: Buffer };
    const response = await send(statement, [signaturePart(jws)]);
    expect(response.status, response.text).toBe(400);
    expect(message(response)).toBe(`attachments[0]: ${expected}`);
    expect((await x(`/xapi/statements?statementId=${statement['id'] as string}`)).status).toBe(404);
  });

  it('refuses a signature that is not application/octet-stream, or that comes without its bytes', async () => {
    const { statement, jws } = signedStatement(mboxStatement('s@example.com'), keys);
    const attachments = statement['attachments'] as Json[];
    const asText = { ...statement, attachments: [{ ...attachments[0], contentType: 'text/plain' }] };
    const wrongType = await send(asText, [
      { ...signaturePart(jws), headers: { ...signaturePart(jws).headers, 'Content-Type': 'text/plain' } },
    ]);
    expect(message(wrongType)).toBe('attachments[0].contentType: a signature is application/octet-stream');
    const byUrl = {
      ...statement,
      attachments: [{ ...attachments[0], fileUrl: 'https://example.com/signature.jws' }],
    };
    const noBytes = await x('/xapi/statements', { body: byUrl });
    expect(noBytes.status).toBe(400);
    expect(message(noBytes)).toBe(
      'attachments[0]: a signature travels as a part of a multipart/mixed request, with its bytes',
    );
  });
});
