/**
 * Sending a batch of statements and isolating the ones a server refuses. Pure: the caller supplies `send`
 * (one HTTP request) and records the outcomes, so the splitting is tested without a network.
 */

/** What the server said about one request. */
export type SendOutcome =
  | { kind: 'stored' }
  /** 400 or 409: something in this batch is refused; the rest may be fine. */
  | { kind: 'refused'; status: number; message: string }
  /** Network failure, 429 or 5xx: try again later, nothing is wrong with the statements. */
  | { kind: 'retry'; reason: string; status: number | null; retryAfterMs: number | null }
  /** 401 or 403: the credentials are no good; stop until the learner reconnects. */
  | { kind: 'stop'; status: number; message: string };

export interface DeliveryCallbacks<T> {
  send(batch: T[]): Promise<SendOutcome>;
  /** The server acknowledged these (stored, or already held an equivalent statement). */
  delivered(batch: T[]): void;
  /** The server refused this one statement on its own: set it aside for the learner to see. */
  conflict(item: T, status: number, message: string): void;
}

export type DeliveryEnd =
  { kind: 'done' } | Extract<SendOutcome, { kind: 'retry' }> | Extract<SendOutcome, { kind: 'stop' }>;

/**
 * Sends `batch`; when the server refuses it, bisects it: each half is sent on its own until the refused
 * statements stand alone, so one bad statement costs about 2·log2(n) extra requests and the others still
 * arrive. Stops at the first retry or stop outcome, leaving whatever was not acknowledged for the next run.
 */
export async function deliverBatch<T>(batch: T[], callbacks: DeliveryCallbacks<T>): Promise<DeliveryEnd> {
  if (batch.length === 0) return { kind: 'done' };
  const outcome = await callbacks.send(batch);
  switch (outcome.kind) {
    case 'stored':
      callbacks.delivered(batch);
      return { kind: 'done' };
    case 'retry':
    case 'stop':
      return outcome;
    case 'refused': {
      if (batch.length === 1) {
        callbacks.conflict(batch[0] as T, outcome.status, outcome.message);
        return { kind: 'done' };
      }
      const middle = Math.ceil(batch.length / 2);
      const first = await deliverBatch(batch.slice(0, middle), callbacks);
      if (first.kind !== 'done') return first;
      return deliverBatch(batch.slice(middle), callbacks);
    }
  }
}

/** Splits a queue into batches of at most `size`. */
export function inBatches<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
