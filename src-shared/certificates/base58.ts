/**
 * Base58btc (the Bitcoin alphabet) and its multibase form, 'z' + base58btc, as used by did:key and by
 * Data Integrity `proofValue`s (draft-msporny-base58; Multibase). Pure: bytes in, string out.
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGIT_OF = new Map<string, number>([...ALPHABET].map((char, index) => [char, index]));

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Base conversion 256 → 58, little-endian digits; a big-endian byte stream is folded in one byte at a time.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i] ?? 0;
    for (let j = 0; j < digits.length; j++) {
      carry += (digits[j] ?? 0) * 256;
      digits[j] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  // Each leading zero byte is written as a leading '1' (the zero digit).
  let out = '1'.repeat(zeros);
  for (let k = digits.length - 1; k >= 0; k--) out += ALPHABET[digits[k] ?? 0];
  return out;
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = []; // little-endian
  for (let i = zeros; i < text.length; i++) {
    const char = text[i] ?? '';
    const digit = DIGIT_OF.get(char);
    if (digit === undefined) throw new Error(`Not base58btc: unexpected character ${JSON.stringify(char)}`);
    let carry = digit;
    for (let j = 0; j < bytes.length; j++) {
      carry += (bytes[j] ?? 0) * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let k = 0; k < bytes.length; k++) out[zeros + k] = bytes[bytes.length - 1 - k] ?? 0;
  return out;
}

/** Multibase with the base58btc prefix 'z'. */
export function multibaseBase58btcEncode(bytes: Uint8Array): string {
  return `z${base58btcEncode(bytes)}`;
}

export function multibaseBase58btcDecode(text: string): Uint8Array {
  if (!text.startsWith('z')) throw new Error('Not multibase base58btc: the value must start with "z"');
  return base58btcDecode(text.slice(1));
}
