import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from './adaptive-limiter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AdaptiveLimiter', () => {
  it('never lets more than the limit run at once', async () => {
    const limiter = new AdaptiveLimiter(3);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await limiter.acquire();
        running += 1;
        peak = Math.max(peak, running);
        await tick();
        running -= 1;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(limiter.inFlight).toBe(0);
  });

  it('halves the limit on throttling, holds new requests for the wait, and regains it after successes', async () => {
    const limiter = new AdaptiveLimiter(4);
    limiter.throttled(60);
    expect(limiter.limit).toBe(2);
    const started = Date.now();
    const release = await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    release();
    limiter.throttled(0);
    limiter.throttled(0);
    expect(limiter.limit).toBe(1);
    limiter.succeeded();
    expect(limiter.limit).toBe(2);
    limiter.succeeded();
    limiter.succeeded();
    expect(limiter.limit).toBe(3);
    for (let i = 0; i < 20; i += 1) limiter.succeeded();
    expect(limiter.limit).toBe(4);
  });

  it('ignores a second release of the same slot', async () => {
    const limiter = new AdaptiveLimiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.inFlight).toBe(0);
    expect(() => new AdaptiveLimiter(0)).toThrow(RangeError);
  });
});
