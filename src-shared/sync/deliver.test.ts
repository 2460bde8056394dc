import { describe, expect, it } from 'vitest';
import { deliverBatch, inBatches, type SendOutcome } from './deliver';

/** A fake server that refuses any batch holding one of `bad`, and counts requests. */
function server(bad: Set<number>, after: (batch: number[]) => SendOutcome | null = () => null) {
  const delivered: number[] = [];
  const conflicts: { item: number; message: string }[] = [];
  let requests = 0;
  return {
    delivered,
    conflicts,
    requests: () => requests,
    callbacks: {
      async send(batch: number[]): Promise<SendOutcome> {
        requests++;
        const override = after(batch);
        if (override) return override;
        const culprit = batch.find((n) => bad.has(n));
        return culprit === undefined
          ? { kind: 'stored' }
          : { kind: 'refused', status: 409, message: `${culprit} differs` };
      },
      delivered: (batch: number[]) => delivered.push(...batch),
      conflict: (item: number, _status: number, message: string) => conflicts.push({ item, message }),
    },
  };
}

const hundred = Array.from({ length: 100 }, (_, i) => i);

describe('deliverBatch', () => {
  it('sends a good batch in one request', async () => {
    const s = server(new Set());
    expect(await deliverBatch(hundred, s.callbacks)).toEqual({ kind: 'done' });
    expect(s.delivered).toEqual(hundred);
    expect(s.requests()).toBe(1);
  });

  it('isolates one refused statement and delivers the other 99, in about 2·log2(n) requests', async () => {
    const s = server(new Set([37]));
    expect(await deliverBatch(hundred, s.callbacks)).toEqual({ kind: 'done' });
    expect(s.conflicts).toEqual([{ item: 37, message: '37 differs' }]);
    expect(s.delivered.sort((a, b) => a - b)).toEqual(hundred.filter((n) => n !== 37));
    expect(s.requests()).toBeLessThanOrEqual(15);
  });

  it('isolates several refused statements', async () => {
    const s = server(new Set([0, 50, 99]));
    await deliverBatch(hundred, s.callbacks);
    expect(s.conflicts.map((c) => c.item)).toEqual([0, 50, 99]);
    expect(s.delivered).toHaveLength(97);
  });

  it('stops at a network failure, leaving the rest unacknowledged', async () => {
    const s = server(new Set([10]), (batch) =>
      batch.length < 100 && batch.includes(60)
        ? { kind: 'retry', reason: 'connection reset', status: null, retryAfterMs: null }
        : null,
    );
    const end = await deliverBatch(hundred, s.callbacks);
    expect(end.kind).toBe('retry');
    expect(s.delivered).not.toContain(60);
    expect(s.conflicts.map((c) => c.item)).toEqual([10]);
  });

  it('stops when the credentials are refused', async () => {
    const s = server(new Set(), () => ({ kind: 'stop', status: 401, message: 'revoked' }));
    expect(await deliverBatch(hundred, s.callbacks)).toEqual({
      kind: 'stop',
      status: 401,
      message: 'revoked',
    });
    expect(s.delivered).toEqual([]);
  });
});

describe('inBatches', () => {
  it('splits a queue into batches of at most n', () => {
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inBatches([], 2)).toEqual([]);
  });
});
