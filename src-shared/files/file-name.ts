/**
 * A file name stem from a title: accents dropped, letters and digits kept, everything else one hyphen,
 * lower case, at most `max` characters; `fallback` when nothing is left.
 */
export function fileStem(title: string | null, fallback: string, max = 80): string {
  const stem = (title ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, max)
    .replace(/-+$/, '');
  return stem || fallback;
}
