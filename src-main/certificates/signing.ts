/**
 * Signs and verifies credentials with a W3C Data Integrity proof, cryptosuite eddsa-jcs-2022
 * ("Data Integrity EdDSA Cryptosuites v1.0" §3.3), under the issuer's Ed25519 key as a did:key, so a
 * certificate verifies offline with nothing but the file. The canonical forms come from
 * src-shared/certificates/data-integrity.ts; here are the key file, SHA-256 and Ed25519.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  createProof,
  hashData as sharedHashData,
  verifyProof,
  type ProofChecker,
  type VerificationResult,
} from '../../src-shared/certificates/proofs';
import type { Signed } from '../../src-shared/certificates/data-integrity';
import { didKeyFromEd25519PublicKey } from '../../src-shared/certificates/did-key';

export const ISSUER_KEY_FILE = 'issuer-key.json';

export interface IssuerKey {
  /** `did:key:z6Mk…`, the issuer id to put in credentials signed with this key. */
  did: string;
  /** `did:key:z6Mk…#z6Mk…` */
  verificationMethod: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type { VerificationResult } from '../../src-shared/certificates/proofs';

const keyFileSchema = z.object({
  version: z.literal(1),
  type: z.literal('Ed25519'),
  /** For people reading the file; the key is derived from privateKeyPem and must agree. */
  did: z.string(),
  /** PKCS#8 PEM. */
  privateKeyPem: z.string(),
});

/**
 * The issuer's Ed25519 key, from `dataDir/issuer-key.json`, created there (mode 0600, written to a
 * temporary file and renamed into place) on first use. A file that exists but cannot be read as a key
 * throws rather than being replaced: a new key would be a new issuer identity.
 */
export function loadOrCreateIssuerKey(dataDir: string): IssuerKey {
  const file = join(dataDir, ISSUER_KEY_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== undefined) return readKeyFile(file, text);

  const { privateKey } = generateKeyPairSync('ed25519');
  const key = issuerKeyFromPrivateKey(privateKey);
  const contents: z.infer<typeof keyFileSchema> = {
    version: 1,
    type: 'Ed25519',
    did: key.did,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileAtomically(file, `${JSON.stringify(contents, null, 2)}\n`);
  return key;
}

function readKeyFile(file: string, text: string): IssuerKey {
  let contents: z.infer<typeof keyFileSchema>;
  let privateKey: KeyObject;
  try {
    contents = keyFileSchema.parse(JSON.parse(text));
    privateKey = createPrivateKey(contents.privateKeyPem);
  } catch (error) {
    throw new Error(`The issuer key file ${file} is unreadable`, { cause: error });
  }
  const key = issuerKeyFromPrivateKey(privateKey);
  if (key.did !== contents.did) throw new Error(`The issuer key file ${file} does not match its did`);
  return key;
}

function writeFileAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    chmodSync(temp, 0o600); // the mode given to open is narrowed by the umask, never widened; be exact
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The did:key and verification method of an Ed25519 private key. */
export function issuerKeyFromPrivateKey(privateKey: KeyObject): IssuerKey {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('The issuer key must be an Ed25519 private key');
  }
  const publicKey = createPublicKey(privateKey);
  const { did, verificationMethod } = didKeyFromEd25519PublicKey(rawPublicKey(publicKey));
  return { did, verificationMethod, privateKey, publicKey };
}

/** SHA-256 and Ed25519 from node:crypto, for the shared proof code. */
export const nodeProofCrypto: ProofChecker = {
  sha256: (text) => createHash('sha256').update(text, 'utf8').digest(),
  verify: (data, publicKey, signature) =>
    verify(
      null,
      data,
      createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
        format: 'jwk',
      }),
      signature,
    ),
};

/** Adds an eddsa-jcs-2022 DataIntegrityProof under this key, as a proof set of one (see createProof). */
export function signCredential<T extends object>(
  credential: T,
  key: Pick<IssuerKey, 'verificationMethod' | 'privateKey'>,
  created: Date,
): Signed<T> {
  return createProof(
    credential,
    {
      ...nodeProofCrypto,
      verificationMethod: key.verificationMethod,
      sign: (data) => sign(null, data, key.privateKey),
    },
    created,
  );
}

/**
 * Verifies an eddsa-jcs-2022 proof whose verification method is a did:key (or, given `resolve`, another DID's
 * method) made with the issuer's key. Never throws.
 */
export function verifyCredential(signed: unknown, resolve?: ProofChecker['resolve']): VerificationResult {
  return verifyProof(signed, { ...nodeProofCrypto, ...(resolve ? { resolve } : {}) });
}

/** eddsa-jcs-2022 §3.3.4 Hashing, with node:crypto's SHA-256. */
export function hashData(canonicalDocumentText: string, canonicalProofConfigText: string): Buffer {
  return Buffer.from(sharedHashData(nodeProofCrypto, canonicalDocumentText, canonicalProofConfigText));
}

function rawPublicKey(publicKey: KeyObject): Uint8Array {
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('Not an Ed25519 public key');
  return new Uint8Array(Buffer.from(x, 'base64url'));
}
