export type PhotoType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The image type its first bytes announce (PNG, JPEG or WebP); null for anything else. */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** The pieces of a base64 data: URL, or null when it is not one. */
export function parseDataUrl(dataUrl: string): { mimeType: string; base64: string } | null {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  return match?.[1] && match[2] ? { mimeType: match[1], base64: match[2] } : null;
}
