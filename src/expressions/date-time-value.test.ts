import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DateTimeValue, daysInMonth, MAX_EPOCH_MS, MIN_EPOCH_MS, utcEpochMs } from './date-time-value.js';
import { fromFileTime, toFileTime } from './filetime.js';

describe('DateTimeValue', () => {
  it('computes calendar fields like Date for the whole DateTime range', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_EPOCH_MS, max: MAX_EPOCH_MS }), (ms) => {
        const p = new DateTimeValue(ms).parts;
        const d = new Date(ms);
        expect([p.year, p.month, p.day, p.hour, p.minute, p.second, p.dayOfWeek]).toEqual([
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
          d.getUTCDay(),
        ]);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles years below 100 and leap rules', () => {
    expect(new Date(utcEpochMs(1, 1, 1)).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(utcEpochMs(1, 1, 1)).toBe(MIN_EPOCH_MS);
    expect([daysInMonth(2000, 2), daysInMonth(1900, 2), daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(2023, 12)]).toEqual([29, 28, 29, 28, 31]);
  });

  it('round-trips FILETIME values with 100-ns precision', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2_650_467_743_999_999_999n }), (fileTime) => {
        expect(toFileTime(fromFileTime(fileTime)!)).toBe(fileTime);
      }),
      { numRuns: 1000 },
    );
    expect(fromFileTime(2_650_467_744_000_000_000n)).toBeUndefined();
  });
});
