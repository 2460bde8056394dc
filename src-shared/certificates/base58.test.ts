import { describe, expect, it } from 'vitest';
import {
  base58btcDecode,
  base58btcEncode,
  multibaseBase58btcDecode,
  multibaseBase58btcEncode,
} from './base58';

/** ASCII only: the shared layer has no TextEncoder in its types. */
function ascii(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

// Vectors from draft-msporny-base58 §5 and the Bitcoin alphabet's usual test set.
const vectors: [Uint8Array, string][] = [
  [ascii('Hello World!'), '2NEpo7TZRRrLZSi2U'],
  [
    ascii('The quick brown fox jumps over the lazy dog.'),
    'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z',
  ],
  [hex('0000287fb4cd'), '11233QC4'],
  [new Uint8Array(), ''],
  [hex('00'), '1'],
  [hex('000000'), '111'],
  [hex('61'), '2g'],
  [hex('626262'), 'a3gV'],
  [hex('636363'), 'aPEr'],
  [hex('ff'), '5Q'],
  [hex('0001'), '12'],
];

describe('base58btc', () => {
  it.each(vectors)('encodes and decodes a known vector (%#)', (bytes, text) => {
    expect(base58btcEncode(bytes)).toBe(text);
    expect(base58btcDecode(text)).toEqual(bytes);
  });

  it('round-trips random bytes, including leading zeros', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let length = 0; length < 80; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i < length % 4 ? 0 : next()));
      expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
    }
  });

  it('rejects characters outside the alphabet (0, O, I, l and others)', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', ' ']) {
      expect(() => base58btcDecode(`2NE${bad}po`)).toThrow(/Not base58btc/);
    }
  });

  it('wraps and unwraps the multibase z prefix', () => {
    expect(multibaseBase58btcEncode(ascii('Hello World!'))).toBe('z2NEpo7TZRRrLZSi2U');
    expect(multibaseBase58btcDecode('z2NEpo7TZRRrLZSi2U')).toEqual(ascii('Hello World!'));
    expect(() => multibaseBase58btcDecode('u2NEpo7TZRRrLZSi2U')).toThrow(/must start with "z"/);
  });
});
