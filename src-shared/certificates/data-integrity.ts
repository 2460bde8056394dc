/**
 * The pure half of a W3C Data Integrity proof with the cryptosuite eddsa-jcs-2022 ("Data Integrity
 * EdDSA Cryptosuites v1.0", §3.3): the proof object, the proof configuration and the transformation,
 * both canonicalised with JCS. Hashing (SHA-256) and signing (Ed25519) need a crypto library and live
 * in src-main/certificates/signing.ts.
 */
import { canonicalize } from './jcs';

export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';
export const EDDSA_JCS_2022 = 'eddsa-jcs-2022';
export const ASSERTION_METHOD = 'assertionMethod';

/** An embedded proof as eddsa-jcs-2022 writes it (VC Data Integrity §2.1 Proofs). */
export type DataIntegrityProof = {
  type: typeof DATA_INTEGRITY_PROOF;
  cryptosuite: typeof EDDSA_JCS_2022;
  /** XML Schema dateTimeStamp. */
  created: string;
  verificationMethod: string;
  proofPurpose: typeof ASSERTION_METHOD;
  /** The secured document's @context, copied in by eddsa-jcs-2022 §3.3.1 step 2. */
  '@context'?: unknown;
  /** Multibase base58btc of the 64-byte Ed25519 signature. */
  proofValue: string;
};

/** The proof options: the proof before it has a value. */
export type ProofOptions = Omit<DataIntegrityProof, 'proofValue'>;

/**
 * A secured document. The proof is a one-element proof set (VC Data Integrity §2.1.1): OB 3.0's
 * AchievementCredential JSON Schema types `proof` as an array, and an array of one is a single proof.
 */
export type Signed<T> = T & { proof: [DataIntegrityProof] };

// VC Data Model 2.0 §4.6 (Validity Period): the dateTimeStamp pattern, which requires a time zone.
const DATE_TIME_STAMP =
  /^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/;

export function isDateTimeStamp(text: string): boolean {
  return DATE_TIME_STAMP.test(text) && !Number.isNaN(Date.parse(text));
}

/** UTC to the second (`2026-11-25T12:00:00Z`), the form Data Integrity examples and test vectors use. */
export function toDateTimeStamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function proofOptions(verificationMethod: string, created: Date): ProofOptions {
  return {
    type: DATA_INTEGRITY_PROOF,
    cryptosuite: EDDSA_JCS_2022,
    created: toDateTimeStamp(created),
    verificationMethod,
    proofPurpose: ASSERTION_METHOD,
  };
}

/**
 * eddsa-jcs-2022 §3.3.5 Proof Configuration: checks the options, sets the configuration's @context
 * to the unsecured document's and returns JCS of the result. Throws on options this suite cannot use.
 */
export function canonicalProofConfig(options: Record<string, unknown>, unsecuredDocument: object): string {
  if (options.type !== DATA_INTEGRITY_PROOF || options.cryptosuite !== EDDSA_JCS_2022) {
    throw new Error(`the proof is not a ${DATA_INTEGRITY_PROOF} with cryptosuite ${EDDSA_JCS_2022}`);
  }
  if (
    options.created !== undefined &&
    (typeof options.created !== 'string' || !isDateTimeStamp(options.created))
  ) {
    throw new Error('proof.created is not a valid dateTimeStamp');
  }
  const { proofValue: _proofValue, ...config } = options;
  return canonicalize({ ...config, '@context': (unsecuredDocument as Record<string, unknown>)['@context'] });
}

/** eddsa-jcs-2022 §3.3.3 Transformation: JCS of the document without its proof. */
export function canonicalDocument(unsecuredDocument: object): string {
  if ('proof' in unsecuredDocument) throw new Error('the document to transform still holds a proof');
  return canonicalize(unsecuredDocument);
}
