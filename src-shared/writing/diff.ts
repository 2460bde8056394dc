export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** Past this many changed lines the texts are shown as replaced wholesale: the trace would grow too big. */
const MAX_EDITS = 2000;

/**
 * A line diff of two texts (Myers' O((N+M)·D) algorithm, "An O(ND) Difference Algorithm", 1986), so
 * comparing two versions of a long draft stays fast when they differ little.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const max = a.length + b.length;
  const offset = max + 1;
  const frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d += 1) {
    if (d > MAX_EDITS) {
      return [
        ...a.map((text) => ({ kind: 'removed' as const, text })),
        ...b.map((text) => ({ kind: 'added' as const, text })),
      ];
    }
    trace.push(frontier.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (frontier[offset + k - 1] ?? 0) < (frontier[offset + k + 1] ?? 0));
      let x = down ? (frontier[offset + k + 1] ?? 0) : (frontier[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      frontier[offset + k] = x;
      if (x >= a.length && y >= b.length) return backtrack(trace, a, b, offset, d);
    }
  }
  return [];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, depth: number): DiffLine[] {
  const lines: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d -= 1) {
    const frontier = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (frontier[offset + k - 1] ?? 0) < (frontier[offset + k + 1] ?? 0));
    const previousK = down ? k + 1 : k - 1;
    const previousX = frontier[offset + previousK] ?? 0;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      lines.push({ kind: 'same', text: a[x - 1] ?? '' });
      x -= 1;
      y -= 1;
    }
    if (down) lines.push({ kind: 'added', text: b[y - 1] ?? '' });
    else lines.push({ kind: 'removed', text: a[x - 1] ?? '' });
    x = previousX;
    y = previousY;
  }
  while (x > 0 && y > 0) {
    lines.push({ kind: 'same', text: a[x - 1] ?? '' });
    x -= 1;
    y -= 1;
  }
  return lines.reverse();
}
