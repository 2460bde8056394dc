import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

type Json = Record<string, unknown>;

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

export function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The attachment object for these bytes, as a statement carries it. */
export function attachmentFor(
  content: Buffer,
  contentType: string,
  usageType = 'https://example.com/usage/certificate',
): Json {
  return {
    usageType,
    display: { 'en-US': 'An attachment' },
    contentType,
    length: content.length,
    sha2: sha256(content),
  };
}

export interface Part {
  content: Buffer | string;
  headers: Record<string, string>;
}

/** An attachment part as the spec has clients send it (Communication 1.5.2). */
export function attachmentPart(content: Buffer, contentType: string): Part {
  return {
    content,
    headers: {
      'Content-Type': contentType,
      'Content-Transfer-Encoding': 'binary',
      'X-Experience-API-Hash': sha256(content),
    },
  };
}

/** A multipart/mixed body: the statements as the first part (unless `parts` says otherwise), then `parts`. */
export function multipart(
  statements: unknown,
  parts: Part[],
  boundary = 'b0undary-7f3a9c',
): { contentType: string; body: Buffer } {
  const all: Part[] = [
    { content: JSON.stringify(statements), headers: { 'Content-Type': 'application/json' } },
    ...parts,
  ];
  const chunks: Buffer[] = [];
  for (const part of all) {
    const headers = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(
      Buffer.from(`--${boundary}\r\n${headers}\r\n`),
      Buffer.from(part.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

export function rsaKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A JWS in compact serialization over `payload` (Data 2.6), with the signer's public key as a jwk in its header. */
export function signJws(
  payload: unknown,
  keys: { privateKey: KeyObject; publicKey: KeyObject },
  alg: 'RS256' | 'RS384' | 'RS512' | 'HS256' = 'RS256',
  header: Json = { jwk: keys.publicKey.export({ format: 'jwk' }) },
): string {
  header = { alg, ...header };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const digest = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512', HS256: 'sha256' }[alg];
  return `${signingInput}.${sign(digest, Buffer.from(signingInput), keys.privateKey).toString('base64url')}`;
}

/** The statement with its signature attachment added, and the signature's bytes (the JWS) for the part. */
export function signedStatement(
  statement: Json,
  keys: { privateKey: KeyObject; publicKey: KeyObject },
  alg: 'RS256' | 'RS384' | 'RS512' | 'HS256' = 'RS256',
): { statement: Json; jws: Buffer } {
  const jws = Buffer.from(signJws(statement, keys, alg));
  const signature = attachmentFor(jws, 'application/octet-stream', SIGNATURE_USAGE);
  const attachments = [...((statement['attachments'] as Json[] | undefined) ?? []), signature];
  return { statement: { ...statement, attachments }, jws };
}
