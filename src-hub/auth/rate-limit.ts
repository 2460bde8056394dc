/**
 * Failed authentications per client address, counted in a sliding window in this instance's memory.
 * Instances are stateless, so a client spread over N instances gets N times the allowance: still a brake on guessing.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this address may try again, or 0 when it may try now. */
  retryAfter(address: string): number {
    const recent = this.#recent(address);
    const oldest = recent[0];
    if (recent.length < this.maxFailures || oldest === undefined) return 0;
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(address: string): void {
    const recent = this.#recent(address);
    recent.push(this.now());
    this.#failures.set(address, recent);
    if (this.#failures.size > 10_000) this.#sweep();
  }

  #recent(address: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.#failures.get(address) ?? []).filter((at) => at > cutoff);
  }

  #sweep(): void {
    for (const address of [...this.#failures.keys()]) {
      if (this.#recent(address).length === 0) this.#failures.delete(address);
    }
  }
}
