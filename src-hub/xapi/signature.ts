import { createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { sameStatement } from './compare';
import { StatementError } from './statement-error';

type Json = Record<string, unknown>;

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
/** Data 2.6: the "RSA + SHA" JWS algorithms, and the digest each one signs with. */
const ALGORITHMS = new Map([
  ['RS256', 'sha256'],
  ['RS384', 'sha384'],
  ['RS512', 'sha512'],
]);
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/**
 * Checks a signed statement's JWS (Data 2.6, LRS requirements): compact serialization, an RS256/384/512 header,
 * and a payload logically equivalent to the statement without its signature attachment; when the header carries
 * the signer's key (x5c certificate chain or jwk), the signature is verified against it. Any failure is a 400
 * naming the attachment at fault.
 */
export function checkSignature(statement: Json, jws: Buffer, where: string): void {
  const match = COMPACT_JWS.exec(jws.toString('utf8').trim());
  if (!match) throw invalid(where, 'is not a JWS in compact serialization (header.payload.signature)');
  const [, encodedHeader, encodedPayload, signature] = match as unknown as [string, string, string, string];
  const header = decodeJson(encodedHeader);
  const digest = ALGORITHMS.get(String(header?.['alg']));
  if (!header || !digest) {
    throw invalid(
      where,
      `uses the algorithm ${JSON.stringify(header?.['alg'])}; xAPI signatures use RS256, RS384 or RS512`,
    );
  }
  const payload = decodeJson(encodedPayload);
  if (!payload) throw invalid(where, 'has a payload that is not a JSON statement');
  if (!sameStatement(unsigned(statement, payload), payload)) {
    throw invalid(where, 'signs a different statement: its payload does not match the statement sent');
  }
  const key = signerKey(header, where);
  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  if (key && !verify(digest, signed, key, Buffer.from(signature, 'base64url'))) {
    throw invalid(where, 'does not verify against the key in its header');
  }
}

/** The statement as it was signed: before its signature attachment was added, and before the LRS gave it an id. */
function unsigned(statement: Json, payload: Json): Json {
  const copy: Json = { ...statement };
  const attachments = ((copy['attachments'] as Json[] | undefined) ?? []).filter(
    (attachment) => attachment['usageType'] !== SIGNATURE_USAGE,
  );
  if (attachments.length > 0) copy['attachments'] = attachments;
  else delete copy['attachments'];
  if (payload['id'] === undefined) delete copy['id'];
  return copy;
}

/** The public key the header names: the first certificate of `x5c`, or a `jwk`; null when it names none. */
function signerKey(header: Json, where: string): KeyObject | null {
  try {
    const chain = header['x5c'];
    if (Array.isArray(chain) && typeof chain[0] === 'string') {
      return new X509Certificate(Buffer.from(chain[0], 'base64')).publicKey;
    }
    const jwk = header['jwk'];
    if (typeof jwk === 'object' && jwk !== null) {
      const key = createPublicKey({ key: jwk as Record<string, string>, format: 'jwk' });
      if (key.asymmetricKeyType === 'rsa') return key;
    }
  } catch {
    // An unreadable key is the same mistake as a wrong one.
  }
  if (header['x5c'] !== undefined || header['jwk'] !== undefined) {
    throw invalid(where, 'names a signing key (x5c or jwk) that is not a readable RSA key');
  }
  return null;
}

function decodeJson(part: string): Json | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function invalid(where: string, problem: string): StatementError {
  return new StatementError(400, `${where}: the signature ${problem}`);
}
