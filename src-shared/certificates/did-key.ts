/**
 * did:key for Ed25519 public keys (W3C CCG "The did:key Method v0.7"): the DID is
 * `did:key:` + multibase base58btc(multicodec ed25519-pub 0xed, as the varint 0xed 0x01, + the raw
 * 32-byte key), and its one verification method is that DID with the same multibase value as fragment.
 * Resolving it needs no network, which is what makes a certificate verifiable offline.
 */
import { multibaseBase58btcDecode, multibaseBase58btcEncode } from './base58';

const ED25519_PUB_PREFIX = [0xed, 0x01] as const;
const ED25519_KEY_BYTES = 32;

export interface DidKey {
  /** `did:key:z6Mk…` */
  did: string;
  /** `did:key:z6Mk…#z6Mk…` */
  verificationMethod: string;
  /** `z6Mk…`: the Multikey `publicKeyMultibase`. */
  publicKeyMultibase: string;
}

export function didKeyFromEd25519PublicKey(publicKey: Uint8Array): DidKey {
  if (publicKey.length !== ED25519_KEY_BYTES) {
    throw new Error(`An Ed25519 public key has ${ED25519_KEY_BYTES} bytes, not ${publicKey.length}`);
  }
  const publicKeyMultibase = multibaseBase58btcEncode(Uint8Array.from([...ED25519_PUB_PREFIX, ...publicKey]));
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}`, publicKeyMultibase };
}

export type ResolvedDidKey = { ok: true; did: string; publicKey: Uint8Array } | { ok: false; reason: string };

/**
 * Resolves a did:key verification method (`did:key:z…#z…`) to its raw Ed25519 public key, offline.
 * Anything else (another DID method, a bare DID, a fragment that is not the key, another key type) is
 * refused with a reason.
 */
export function resolveEd25519DidKey(verificationMethod: string): ResolvedDidKey {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)#(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(verificationMethod);
  if (!match) return { ok: false, reason: 'the verification method is not a did:key URL (did:key:z…#z…)' };
  const [, identifier = '', fragment = ''] = match;
  if (fragment !== identifier) {
    return { ok: false, reason: 'the did:key verification method fragment does not name the DID’s own key' };
  }
  let bytes: Uint8Array;
  try {
    bytes = multibaseBase58btcDecode(identifier);
  } catch {
    return { ok: false, reason: 'the did:key identifier is not base58btc' };
  }
  if (bytes[0] !== ED25519_PUB_PREFIX[0] || bytes[1] !== ED25519_PUB_PREFIX[1]) {
    return { ok: false, reason: 'the did:key is not an Ed25519 public key (multicodec 0xed)' };
  }
  if (bytes.length !== ED25519_PUB_PREFIX.length + ED25519_KEY_BYTES) {
    return { ok: false, reason: 'the did:key Ed25519 public key does not have 32 bytes' };
  }
  return { ok: true, did: `did:key:${identifier}`, publicKey: bytes.slice(ED25519_PUB_PREFIX.length) };
}
