import { describe, expect, it } from 'vitest';
import { compareSemver } from './semver';

describe('compareSemver', () => {
  it('orders versions as semver.org §11 does', () => {
    // The spec's own example chain, each lower than the next.
    const chain = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < chain.length - 1; i += 1) {
      expect(compareSemver(chain[i] ?? '', chain[i + 1] ?? ''), `${chain[i]} < ${chain[i + 1]}`).toBeLessThan(
        0,
      );
      expect(compareSemver(chain[i + 1] ?? '', chain[i] ?? '')).toBeGreaterThan(0);
    }
  });

  it('ignores build metadata and refuses what is not a version', () => {
    expect(compareSemver('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
    expect(() => compareSemver('1.0', '1.0.0')).toThrow('not a semantic version: 1.0');
  });
});
