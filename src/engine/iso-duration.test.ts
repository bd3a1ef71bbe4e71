import { describe, expect, it } from 'vitest';
import { isoDurationMs } from './iso-duration.js';

describe('isoDurationMs', () => {
  it('reads the intervals jobs carry', () => {
    expect(isoDurationMs('PT40M')).toBe(2_400_000);
    expect(isoDurationMs('PT2M')).toBe(120_000);
    expect(isoDurationMs('P1DT2H')).toBe(93_600_000);
    expect(isoDurationMs('PT0.5S')).toBe(500);
    expect(isoDurationMs('P10675199DT2H48M5.4775807S')).toBeGreaterThan(9e14);
  });

  it('rejects what is not a duration', () => {
    expect(isoDurationMs('40 minutes')).toBeUndefined();
    expect(isoDurationMs('P')).toBeUndefined();
    expect(isoDurationMs('PT')).toBeUndefined();
  });
});
