import { describe, expect, it } from 'vitest';
import { escrowRetryDelayMs } from './escrow-backoff.js';

describe('escrowRetryDelayMs', () => {
  const options = { baseMs: 600_000, maxMs: 86_400_000 };
  it('retries on the next cycle, then backs off doubling down to once a day', () => {
    expect([1, 2, 3, 4].map((attempts) => escrowRetryDelayMs(attempts, options))).toEqual([0, 600_000, 1_200_000, 2_400_000]);
    expect(escrowRetryDelayMs(30, options)).toBe(86_400_000);
  });

  it('never retries before the target asked', () => {
    expect(escrowRetryDelayMs(1, options, 120_000)).toBe(120_000);
    expect(escrowRetryDelayMs(3, options, 1_000)).toBe(1_200_000);
  });
});
