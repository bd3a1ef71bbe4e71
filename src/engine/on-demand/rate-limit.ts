/**
 * A sliding-window limit per key: `limit` calls in any `windowMs`. provisionOnDemand allows 5 calls per 10 s
 * per job (graph-sync-api §3.5). Kept in the process: several Provisio nodes each enforce it.
 */
export class SlidingWindowLimit {
  readonly #calls = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a call; returns 0 when allowed, else the milliseconds until one would be. */
  take(key: string, now: number): number {
    const recent = (this.#calls.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.#calls.set(key, recent);
      return recent[0]! + this.windowMs - now;
    }
    recent.push(now);
    this.#calls.set(key, recent);
    return 0;
  }
}
