/**
 * did:web for a hub (W3C CCG "did:web Method Specification"): the DID names the hub's public address, and its
 * DID document, served by the hub at /.well-known/did.json (or <path>/did.json), lists the company's keys as
 * Multikey verification methods. Pure: building the DID and document, and resolving a method from a document.
 */
import { multibaseBase58btcDecode } from './base58';
import type { ResolvedDidKey } from './did-key';

/** `https://hub.acme.example:8443/advocate/` → `did:web:hub.acme.example%3A8443:advocate` (§3.2 Create). */
export function didWebForUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)));
  return ['did:web', encodeURIComponent(url.host), ...path].join(':');
}

export interface PublishedKey {
  /** The fragment: `key-1`. */
  fragment: string;
  /** Multikey `z6Mk…`. */
  publicKeyMultibase: string;
}

/** The DID document (DID Core §5) with every published key as an assertion method. */
export function didWebDocument(did: string, keys: readonly PublishedKey[]): Record<string, unknown> {
  const methods = keys.map((key) => ({
    id: `${did}#${key.fragment}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}

/**
 * A resolver (for verifyProof) of the methods one DID document lists as assertion methods: the document's
 * DID is the controller, which must be the credential's issuer.
 */
export function resolveFromDidDocument(document: unknown): (verificationMethod: string) => ResolvedDidKey {
  return (verificationMethod) => {
    const doc = document as {
      id?: unknown;
      verificationMethod?: { id?: unknown; controller?: unknown; publicKeyMultibase?: unknown }[];
      assertionMethod?: unknown[];
    };
    if (typeof doc?.id !== 'string' || !verificationMethod.startsWith(`${doc.id}#`)) {
      return { ok: false, reason: 'the verification method is not one of the issuer’s DID document' };
    }
    if (!(doc.assertionMethod ?? []).includes(verificationMethod)) {
      return {
        ok: false,
        reason: 'the issuer’s DID document does not list this key for issuing credentials',
      };
    }
    const method = (doc.verificationMethod ?? []).find((entry) => entry.id === verificationMethod);
    if (!method || method.controller !== doc.id || typeof method.publicKeyMultibase !== 'string') {
      return { ok: false, reason: 'the issuer’s DID document has no usable key for this method' };
    }
    let bytes: Uint8Array;
    try {
      bytes = multibaseBase58btcDecode(method.publicKeyMultibase);
    } catch {
      return { ok: false, reason: 'the key in the issuer’s DID document is not base58btc' };
    }
    if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
      return { ok: false, reason: 'the key in the issuer’s DID document is not an Ed25519 Multikey' };
    }
    return { ok: true, did: doc.id, publicKey: bytes.slice(2) };
  };
}
