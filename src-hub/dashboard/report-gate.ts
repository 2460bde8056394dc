/**
 * The dashboard's reports are the hub's heaviest queries, and they share two cores with device syncs. The gate runs
 * at most `limit` of them at once (the others wait their turn, first come, first served), so a sync never queues
 * behind a crowd of reports for CPU; and a request identical to one already running shares that run's answer rather
 * than running again. A shared answer was computed from the moment that run began: at most one report's time
 * earlier than the request, never a cached answer from before.
 */
export class ReportGate {
  private running = 0;
  /** More than this many waiting is a flood, not a queue: the newcomer is told to come back (a 503). */
  static readonly MAX_WAITING = 32;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('A report gate needs a limit of at least 1.');
  }

  /** Runs `query` when a slot is free, or answers with the identical run (same `key`) already under way. */
  run<T>(key: string, query: () => Promise<T>): Promise<T> {
    const shared = this.inFlight.get(key);
    if (shared) return shared as Promise<T>;
    const run = this.inSlot(query).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, run);
    return run;
  }

  /** How many reports run and wait now (for tests and logs). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async inSlot<T>(query: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else if (this.waiting.length >= ReportGate.MAX_WAITING) throw new ReportsBusyError();
    // A finished run hands its slot straight to the next in line, so no newcomer slips in between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await query();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Too many reports already wait: the hub answers 503 with Retry-After rather than queue without end. */
export class ReportsBusyError extends Error {
  readonly statusCode = 503;
  readonly retryAfterSeconds = 5;
  constructor() {
    super('The hub is busy with other reports; try again in a few seconds.');
  }
}
