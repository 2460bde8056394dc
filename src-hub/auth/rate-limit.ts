/**
 * Failed attempts per client, counted in a sliding window in this instance's memory.
 * Instances are stateless, so a client spread over N instances gets N times the allowance: still a brake on guessing.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this client may try again, or 0 when it may try now. */
  retryAfter(client: string): number {
    const recent = this.#recent(client);
    const oldest = recent[0];
    if (recent.length < this.maxFailures || oldest === undefined) return 0;
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(client: string): void {
    const recent = this.#recent(client);
    recent.push(this.now());
    this.#failures.set(client, recent);
    if (this.#failures.size > 10_000) this.#sweep();
  }

  #recent(client: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.#failures.get(client) ?? []).filter((at) => at > cutoff);
  }

  #sweep(): void {
    for (const client of [...this.#failures.keys()]) {
      if (this.#recent(client).length === 0) this.#failures.delete(client);
    }
  }
}

/** How many times the per-credential allowance one address gets over all keys together. */
const ADDRESS_ALLOWANCE = 10;

/**
 * The brake on guessing secrets. Failures count per (client address, credential key), so someone guessing one
 * key's secret, or trying made-up keys, slows down only themselves: behind a proxy that hides addresses, the
 * other devices and trainers keep signing in. One address's failures over all keys are capped too (each check
 * costs an scrypt), at ten times the per-key allowance. While braked, a secret this instance has already
 * verified is still accepted (a cheap comparison), so a right secret is never locked out by someone else.
 */
export class SignInLimits {
  readonly #perKey: FailureLimiter;
  readonly #perAddress: FailureLimiter;

  constructor(maxFailures: number, windowMs: number, now: () => number = Date.now) {
    this.#perKey = new FailureLimiter(maxFailures, windowMs, now);
    this.#perAddress = new FailureLimiter(maxFailures * ADDRESS_ALLOWANCE, windowMs, now);
  }

  /** Seconds until `address` may have a new secret for `key` checked; 0 when it may now. */
  retryAfter(address: string, key: string): number {
    return Math.max(this.#perKey.retryAfter(`${address}\n${key}`), this.#perAddress.retryAfter(address));
  }

  fail(address: string, key: string): void {
    this.#perKey.fail(`${address}\n${key}`);
    this.#perAddress.fail(address);
  }
}
