/**
 * Creating and checking an eddsa-jcs-2022 Data Integrity proof ("Data Integrity EdDSA Cryptosuites v1.0"
 * §3.3.1, §3.3.2) over a credential, whoever signs: a device under its did:key, a hub under its did:web.
 * Pure: SHA-256 and Ed25519 come from the caller (node:crypto in src-main and src-hub).
 */
import { multibaseBase58btcDecode, multibaseBase58btcEncode } from './base58';
import {
  ASSERTION_METHOD,
  DATA_INTEGRITY_PROOF,
  EDDSA_JCS_2022,
  canonicalDocument,
  canonicalProofConfig,
  isDateTimeStamp,
  proofOptions,
} from './data-integrity';
import type { DataIntegrityProof, Signed } from './data-integrity';
import { resolveEd25519DidKey, type ResolvedDidKey } from './did-key';
import { canonicalize } from './jcs';

export type VerificationResult = { ok: true } | { ok: false; reason: string };

/** The primitives a proof needs: SHA-256 of UTF-8 text, Ed25519 signing and checking of bytes. */
export interface ProofCrypto {
  sha256(text: string): Uint8Array;
}
export interface ProofSigner extends ProofCrypto {
  verificationMethod: string;
  sign(data: Uint8Array): Uint8Array;
}
export interface ProofChecker extends ProofCrypto {
  verify(data: Uint8Array, publicKey: Uint8Array, signature: Uint8Array): boolean;
  /**
   * The key and controller (the DID that must be the issuer) of a verification method; by default did:key
   * only, resolved offline. A hub's did:web is resolved from its DID document (resolveFromDidDocument).
   */
  resolve?: (verificationMethod: string) => ResolvedDidKey;
}

/**
 * Adds an eddsa-jcs-2022 DataIntegrityProof (§3.3.1 Create Proof), as a proof set of one. The credential must
 * be JSON (see canonicalize) and must not carry a proof already. `created` is written to the second, in UTC.
 */
export function createProof<T extends object>(credential: T, signer: ProofSigner, created: Date): Signed<T> {
  if ('proof' in credential) throw new Error('The credential already has a proof');
  const unsecured = credential as Record<string, unknown>;
  // §3.3.1 step 2: the proof carries the document's @context.
  const options: Omit<DataIntegrityProof, 'proofValue'> = {
    ...proofOptions(signer.verificationMethod, created),
  };
  if (unsecured['@context'] !== undefined) options['@context'] = unsecured['@context'];
  const data = hashData(signer, canonicalDocument(unsecured), canonicalProofConfig(options, unsecured));
  const proof: DataIntegrityProof = { ...options, proofValue: multibaseBase58btcEncode(signer.sign(data)) };
  return { ...credential, proof: [proof] };
}

/**
 * Verifies an eddsa-jcs-2022 proof (§3.3.2 Verify Proof) and that the key is the issuer's: the verification
 * method's controller must be the credential's issuer (or issuer.id). Never throws.
 */
export function verifyProof(signed: unknown, checker: ProofChecker): VerificationResult {
  try {
    return verifyOrExplain(signed, checker);
  } catch (error) {
    return { ok: false, reason: `the credential cannot be checked: ${(error as Error).message}` };
  }
}

function verifyOrExplain(signed: unknown, checker: ProofChecker): VerificationResult {
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
  const resolved = (checker.resolve ?? resolveEd25519DidKey)(options.verificationMethod);
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

  const data = hashData(checker, canonicalDocument(unsecured), canonicalProofConfig(options, unsecured));
  if (!checker.verify(data, resolved.publicKey, signature)) {
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
export function hashData(
  crypto: ProofCrypto,
  canonicalDocumentText: string,
  canonicalProofConfigText: string,
): Uint8Array {
  const config = crypto.sha256(canonicalProofConfigText);
  const document = crypto.sha256(canonicalDocumentText);
  const out = new Uint8Array(config.length + document.length);
  out.set(config, 0);
  out.set(document, config.length);
  return out;
}
