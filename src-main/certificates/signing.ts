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
import { multibaseBase58btcDecode, multibaseBase58btcEncode } from '../../src-shared/certificates/base58';
import {
  ASSERTION_METHOD,
  DATA_INTEGRITY_PROOF,
  EDDSA_JCS_2022,
  canonicalDocument,
  canonicalProofConfig,
  isDateTimeStamp,
  proofOptions,
} from '../../src-shared/certificates/data-integrity';
import type { DataIntegrityProof, Signed } from '../../src-shared/certificates/data-integrity';
import { didKeyFromEd25519PublicKey, resolveEd25519DidKey } from '../../src-shared/certificates/did-key';
import { canonicalize } from '../../src-shared/certificates/jcs';

export const ISSUER_KEY_FILE = 'issuer-key.json';

export interface IssuerKey {
  /** `did:key:z6Mk…`, the issuer id to put in credentials signed with this key. */
  did: string;
  /** `did:key:z6Mk…#z6Mk…` */
  verificationMethod: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type VerificationResult = { ok: true } | { ok: false; reason: string };

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

/**
 * Adds an eddsa-jcs-2022 DataIntegrityProof (§3.3.1 Create Proof). The credential must be JSON (see
 * canonicalize) and must not carry a proof already. `created` is written to the second, in UTC.
 */
export function signCredential<T extends object>(
  credential: T,
  key: Pick<IssuerKey, 'verificationMethod' | 'privateKey'>,
  created: Date,
): Signed<T> {
  if ('proof' in credential) throw new Error('The credential already has a proof');
  const unsecured = credential as Record<string, unknown>;
  // §3.3.1 step 2: the proof carries the document's @context.
  const options: Omit<DataIntegrityProof, 'proofValue'> = {
    ...proofOptions(key.verificationMethod, created),
  };
  if (unsecured['@context'] !== undefined) options['@context'] = unsecured['@context'];
  const data = hashData(canonicalDocument(unsecured), canonicalProofConfig(options, unsecured));
  const signature = sign(null, data, key.privateKey);
  const proof: DataIntegrityProof = { ...options, proofValue: multibaseBase58btcEncode(signature) };
  return { ...credential, proof: [proof] };
}

/**
 * Verifies an eddsa-jcs-2022 proof (§3.3.2 Verify Proof) whose verification method is a did:key, and
 * that the key is the issuer's: the did:key must be the credential's issuer (or issuer.id). Never throws.
 */
export function verifyCredential(signed: unknown): VerificationResult {
  try {
    return verifyOrExplain(signed);
  } catch (error) {
    return { ok: false, reason: `the credential cannot be checked: ${(error as Error).message}` };
  }
}

function verifyOrExplain(signed: unknown): VerificationResult {
  if (typeof signed !== 'object' || signed === null || Array.isArray(signed)) {
    return { ok: false, reason: 'the credential is not a JSON object' };
  }
  const { proof: proofOrSet, ...unsecured } = signed as Record<string, unknown>;
  if (proofOrSet === undefined) return { ok: false, reason: 'the credential has no proof' };
  // VC Data Integrity §2.1.1: a proof set of one is that proof (what OB 3.0's schema asks for); a set of
  // several would need each checked and a policy for which must hold, which no issuer of ours makes.
  if (Array.isArray(proofOrSet) && proofOrSet.length === 0) {
    return { ok: false, reason: 'the credential has an empty proof set' };
  }
  if (Array.isArray(proofOrSet) && proofOrSet.length > 1) {
    return {
      ok: false,
      reason: `the credential carries ${proofOrSet.length} proofs; only a single proof can be checked here`,
    };
  }
  const proof: unknown = Array.isArray(proofOrSet) ? proofOrSet[0] : proofOrSet;
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) {
    return { ok: false, reason: 'the proof is not an object' };
  }

  const { proofValue, ...options } = proof as Record<string, unknown>;
  if (options.type !== DATA_INTEGRITY_PROOF)
    return { ok: false, reason: `the proof is not a ${DATA_INTEGRITY_PROOF}` };
  if (options.cryptosuite !== EDDSA_JCS_2022) {
    return { ok: false, reason: `the proof's cryptosuite is not ${EDDSA_JCS_2022}` };
  }
  if (options.proofPurpose !== ASSERTION_METHOD) {
    return { ok: false, reason: `the proof's purpose is not ${ASSERTION_METHOD}` };
  }
  if (
    options.created !== undefined &&
    (typeof options.created !== 'string' || !isDateTimeStamp(options.created))
  ) {
    return { ok: false, reason: 'proof.created is not a valid dateTimeStamp' };
  }
  if (typeof proofValue !== 'string') return { ok: false, reason: 'the proof has no proofValue' };
  let signature: Uint8Array;
  try {
    signature = multibaseBase58btcDecode(proofValue);
  } catch {
    return { ok: false, reason: 'the proofValue is not multibase base58btc' };
  }
  if (signature.length !== 64)
    return { ok: false, reason: 'the proofValue is not a 64-byte Ed25519 signature' };

  if (typeof options.verificationMethod !== 'string') {
    return { ok: false, reason: 'the proof has no verificationMethod' };
  }
  const resolved = resolveEd25519DidKey(options.verificationMethod);
  if (!resolved.ok) return resolved;
  const issuer = unsecured.issuer;
  const issuerId =
    typeof issuer === 'string'
      ? issuer
      : typeof issuer === 'object' && issuer !== null
        ? (issuer as { id?: unknown }).id
        : undefined;
  if (issuerId !== resolved.did) return { ok: false, reason: 'the proof was not made with the issuer’s key' };

  // §3.3.2 step 4: a proof @context must be the start of the document's, and is what was signed.
  if (options['@context'] !== undefined) {
    if (!contextStartsWith(unsecured['@context'], options['@context'])) {
      return { ok: false, reason: "the proof's @context does not match the credential's" };
    }
    unsecured['@context'] = options['@context'];
  }

  const data = hashData(canonicalDocument(unsecured), canonicalProofConfig(options, unsecured));
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(resolved.publicKey).toString('base64url') },
    format: 'jwk',
  });
  if (!verify(null, data, publicKey, signature)) {
    return { ok: false, reason: 'the signature does not match: the credential or its proof was changed' };
  }
  return { ok: true };
}

function contextStartsWith(documentContext: unknown, proofContext: unknown): boolean {
  const documentEntries = Array.isArray(documentContext) ? documentContext : [documentContext];
  const proofEntries = Array.isArray(proofContext) ? proofContext : [proofContext];
  return (
    proofEntries.length <= documentEntries.length &&
    proofEntries.every((entry: unknown, i) => canonicalize(entry) === canonicalize(documentEntries[i]))
  );
}

/** eddsa-jcs-2022 §3.3.4 Hashing: SHA-256(canonical proof config) ‖ SHA-256(canonical document). */
export function hashData(canonicalDocumentText: string, canonicalProofConfigText: string): Buffer {
  return Buffer.concat([sha256(canonicalProofConfigText), sha256(canonicalDocumentText)]);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function rawPublicKey(publicKey: KeyObject): Uint8Array {
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('Not an Ed25519 public key');
  return new Uint8Array(Buffer.from(x, 'base64url'));
}
