import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

/** A source that records when each item is requested and can fail at one of them. */
function source(count: number, failAt?: number) {
  const log: string[] = [];
  let closed = false;
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]() {
      let next = 0;
      return {
        async next() {
          const index = next++;
          log.push(`request ${index}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (index === failAt) throw new Error(`page ${index} failed`);
          return index < count ? { value: index, done: false } : { value: undefined, done: true };
        },
        async return() {
          closed = true;
          return { value: undefined, done: true };
        },
      };
    },
  };
  return { iterable, log, closed: () => closed };
}

describe('readAhead', () => {
  it('requests the next item before the caller has finished with the current one', async () => {
    const { iterable, log } = source(3);
    const seen: number[] = [];
    for await (const item of readAhead(iterable)) {
      log.push(`handle ${item}`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(log).toEqual(['request 0', 'request 1', 'handle 0', 'request 2', 'handle 1', 'request 3', 'handle 2']);
  });

  it('passes a failure on when the caller reaches it', async () => {
    const { iterable } = source(5, 2);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(iterable)) seen.push(item);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([0, 1]);
  });

  it('holds a failure that arrives while the caller is busy until the caller asks for the item', async () => {
    const { iterable } = source(5, 1);
    const error = await (async () => {
      for await (const item of readAhead(iterable)) {
        expect(item).toBe(0);
        // Long enough for the read-ahead request to fail meanwhile: an unhandled rejection would fail the run.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })().catch((failure: unknown) => failure);
    expect(error).toEqual(new Error('page 1 failed'));
  });

  it('closes the source when the caller stops early, ignoring the request in flight', async () => {
    const { iterable, closed } = source(5, 1);
    for await (const item of readAhead(iterable)) {
      expect(item).toBe(0);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed()).toBe(true);
  });
});
