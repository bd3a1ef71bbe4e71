/**
 * Bounded concurrency per target that backs off when throttled: at most `limit` requests in flight; a
 * 429 halves the limit (never below 1) and holds every new request until its Retry-After has passed; each
 * run of `limit` successes raises the limit by one again, up to the configured maximum (additive increase,
 * multiplicative decrease).
 */
export class AdaptiveLimiter {
  readonly #max: number;
  readonly #now: () => number;
  #limit: number;
  #inFlight = 0;
  #successes = 0;
  #pausedUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #waiting: (() => void)[] = [];

  constructor(maxConcurrency: number, now: () => number = Date.now) {
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
      throw new RangeError(`maxConcurrency must be a positive integer, got ${maxConcurrency}`);
    }
    this.#max = maxConcurrency;
    this.#limit = maxConcurrency;
    this.#now = now;
  }

  get limit(): number {
    return this.#limit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves with a release function once a slot is free and no throttling pause is in effect. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      this.#waiting.push(() => {
        this.#inFlight += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#inFlight -= 1;
          this.#pump();
        });
      });
      this.#pump();
    });
  }

  succeeded(): void {
    this.#successes += 1;
    if (this.#successes >= this.#limit && this.#limit < this.#max) {
      this.#limit += 1;
      this.#successes = 0;
      this.#pump();
    }
  }

  throttled(retryAfterMs: number): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#successes = 0;
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + retryAfterMs);
  }

  #pump(): void {
    const wait = this.#pausedUntil - this.#now();
    if (wait > 0) {
      if (!this.#timer && this.#waiting.length > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, wait);
      }
      return;
    }
    while (this.#inFlight < this.#limit && this.#waiting.length > 0) this.#waiting.shift()!();
  }
}
