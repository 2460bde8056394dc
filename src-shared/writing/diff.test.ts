import { describe, expect, it } from 'vitest';
import { diffLines, type DiffLine } from './diff';

const apply = (lines: DiffLine[], side: 'before' | 'after') =>
  lines
    .filter((line) => line.kind === 'same' || line.kind === (side === 'before' ? 'removed' : 'added'))
    .map((line) => line.text)
    .join('\n');

describe('diffLines', () => {
  it('marks added, removed and unchanged lines', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
    expect(diffLines('', 'new')).toEqual([
      { kind: 'removed', text: '' },
      { kind: 'added', text: 'new' },
    ]);
  });

  it('always reproduces both texts', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round += 1) {
      const lines = () =>
        Array.from({ length: Math.floor(random() * 12) }, () => 'abcd'[Math.floor(random() * 4)]);
      const before = lines().join('\n');
      const after = lines().join('\n');
      const diff = diffLines(before, after);
      expect(apply(diff, 'before')).toBe(before);
      expect(apply(diff, 'after')).toBe(after);
    }
  });

  it('stays quick on a long draft with a small change', () => {
    const long = Array.from({ length: 20_000 }, (_, i) => `line ${i}`).join('\n');
    const diff = diffLines(long, long.replace('line 10000', 'line ten thousand'));
    expect(diff.filter((line) => line.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'line 10000' },
      { kind: 'added', text: 'line ten thousand' },
    ]);
  });

  it('shows two wholly different long texts as replaced, without running out of memory', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 5000 }, (_, i) => `new ${i}`).join('\n');
    const diff = diffLines(before, after);
    expect(apply(diff, 'before')).toBe(before);
    expect(apply(diff, 'after')).toBe(after);
  });
});
