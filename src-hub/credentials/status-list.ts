/**
 * Revocation as a W3C Bitstring Status List v1.0: each company credential has a bit (its `statusListIndex`)
 * in a list the hub serves as a BitstringStatusListCredential, signed by the company; a set bit is revoked.
 */
import { gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from '../../src-shared/certificates/open-badges';

/** §2.1: at least 16 KiB (131,072 entries), so one list hides which credential a verifier asks about. */
export const STATUS_LIST_SIZE = 131_072;

export function statusListUrl(publicUrl: string, list: number): string {
  return new URL(`credentials/status/${list}`, withSlash(publicUrl)).toString();
}

/** Which list and which bit of it a credential's status index falls in (lists are numbered from 1). */
export function statusPosition(statusIndex: number): { list: number; bit: number } {
  return { list: Math.floor(statusIndex / STATUS_LIST_SIZE) + 1, bit: statusIndex % STATUS_LIST_SIZE };
}

export function statusEntry(publicUrl: string, statusIndex: number) {
  const { list, bit } = statusPosition(statusIndex);
  const listUrl = statusListUrl(publicUrl, list);
  return {
    id: `${listUrl}#${bit}`,
    type: 'BitstringStatusListEntry' as const,
    statusPurpose: 'revocation' as const,
    statusListIndex: String(bit),
    statusListCredential: listUrl,
  };
}

/** §2.2 encodedList: multibase base64url (`u`, no padding) of the GZIP of the bits, index 0 the leftmost bit. */
export function encodeStatusList(revokedBits: Iterable<number>): string {
  const bytes = new Uint8Array(STATUS_LIST_SIZE / 8);
  for (const bit of revokedBits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The unsigned BitstringStatusListCredential of one list. */
export function statusListCredential(
  publicUrl: string,
  list: number,
  issuerDid: string,
  revokedBits: Iterable<number>,
  validFrom: string,
): Record<string, unknown> {
  const id = statusListUrl(publicUrl, list);
  return {
    '@context': [VC_V2_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid,
    validFrom,
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(revokedBits),
    },
  };
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
