import { describe, expect, it } from 'vitest';
import { multibaseBase58btcDecode, multibaseBase58btcEncode } from './base58';
import { didKeyFromEd25519PublicKey, resolveEd25519DidKey } from './did-key';

// W3C vc-di-eddsa TestVectors/keyPair.json: the Multikey of a known Ed25519 key.
const MULTIKEY = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const RAW = multibaseBase58btcDecode(MULTIKEY).slice(2);

describe('did:key for Ed25519', () => {
  it('encodes a raw key as multicodec 0xed01 + key in base58btc, with the key as fragment', () => {
    expect(didKeyFromEd25519PublicKey(RAW)).toEqual({
      did: `did:key:${MULTIKEY}`,
      verificationMethod: `did:key:${MULTIKEY}#${MULTIKEY}`,
      publicKeyMultibase: MULTIKEY,
    });
  });

  it('resolves its verification method back to the raw key', () => {
    expect(resolveEd25519DidKey(`did:key:${MULTIKEY}#${MULTIKEY}`)).toEqual({
      ok: true,
      did: `did:key:${MULTIKEY}`,
      publicKey: RAW,
    });
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => didKeyFromEd25519PublicKey(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  const key = (bytes: number[]) => multibaseBase58btcEncode(Uint8Array.from(bytes));
  it.each([
    ['a bare DID', `did:key:${MULTIKEY}`, /not a did:key URL/],
    ['another DID method', `did:web:example.com#${MULTIKEY}`, /not a did:key URL/],
    ['an https URL', 'https://example.com/keys/1', /not a did:key URL/],
    ['a fragment that is not the key', `did:key:${MULTIKEY}#keys-1`, /not a did:key URL/],
    ['a fragment naming another key', `did:key:${MULTIKEY}#z6Mk`, /fragment/],
    [
      'a secp256k1 key (0xe7)',
      `did:key:${key([0xe7, 0x01, ...RAW])}#${key([0xe7, 0x01, ...RAW])}`,
      /Ed25519/,
    ],
    ['a short Ed25519 key', `did:key:${key([0xed, 0x01, 1, 2])}#${key([0xed, 0x01, 1, 2])}`, /32 bytes/],
  ])('refuses %s', (_label, verificationMethod, reason) => {
    const result = resolveEd25519DidKey(verificationMethod);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});
