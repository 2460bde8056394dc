import { SEMVER_PATTERN } from './manifest';

/**
 * Compares two semantic versions by semver.org §11 precedence: major, minor, patch, then a release
 * ranks above its pre-releases, whose dot-separated identifiers compare numerically or by ASCII.
 * Build metadata is ignored. Returns a negative number, zero, or a positive number.
 */
export function compareSemver(a: string, b: string): number {
  const left = SEMVER_PATTERN.exec(a);
  const right = SEMVER_PATTERN.exec(b);
  if (!left || !right) throw new Error(`not a semantic version: ${!left ? a : b}`);
  for (let i = 1; i <= 3; i += 1) {
    const difference = Number(left[i]) - Number(right[i]);
    if (difference !== 0) return difference;
  }
  const leftPre = left[4];
  const rightPre = right[4];
  if (leftPre === undefined || rightPre === undefined) {
    return (leftPre === undefined ? 1 : 0) - (rightPre === undefined ? 1 : 0);
  }
  const leftParts = leftPre.split('.');
  const rightParts = rightPre.split('.');
  for (let i = 0; i < Math.max(leftParts.length, rightParts.length); i += 1) {
    const l = leftParts[i];
    const r = rightParts[i];
    if (l === undefined || r === undefined) return l === undefined ? -1 : 1;
    const lNum = /^\d+$/.test(l);
    const rNum = /^\d+$/.test(r);
    if (lNum && rNum) {
      const difference = Number(l) - Number(r);
      if (difference !== 0) return difference;
    } else if (lNum !== rNum) {
      return lNum ? -1 : 1;
    } else if (l !== r) {
      return l < r ? -1 : 1;
    }
  }
  return 0;
}
