/**
 * When an escrowed object is tried again (engine-behavior §1.6): on the next cycle after its first failure,
 * then at a decreasing frequency — `baseMs` after the second, doubling per failure — down to once a day. A
 * target's Retry-After is never undercut.
 */
export function escrowRetryDelayMs(attempts: number, options: { readonly baseMs: number; readonly maxMs: number }, retryAfterMs?: number): number {
  const backoff = attempts <= 1 ? 0 : Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempts - 2, 40));
  return Math.max(backoff, retryAfterMs ?? 0);
}
