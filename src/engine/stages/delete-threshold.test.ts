import { describe, expect, it } from 'vitest';
import { exceedsDeleteThreshold, resolveDeleteThreshold } from './delete-threshold.js';

describe('delete threshold', () => {
  it('defaults to enabled at 500: at most 499 deletes go through', () => {
    const threshold = resolveDeleteThreshold(undefined, []);
    expect(threshold).toEqual({ enabled: true, value: 500 });
    expect(exceedsDeleteThreshold(499, threshold)).toBe(false);
    expect(exceedsDeleteThreshold(500, threshold)).toBe(true);
  });

  it('reads the job setting, and SyncNotificationSettings over it', () => {
    const settings = [{ name: 'QuarantineTooManyDeletesThreshold', value: '20' }];
    expect(resolveDeleteThreshold(undefined, settings)).toEqual({ enabled: true, value: 20 });
    expect(resolveDeleteThreshold('{"DeleteThresholdEnabled":true,"DeleteThresholdValue":3}', settings)).toEqual({ enabled: true, value: 3 });
    expect(resolveDeleteThreshold('{"Enabled":true}', settings)).toEqual({ enabled: true, value: 20 });
  });

  it('is off when disabled or zero', () => {
    const off = resolveDeleteThreshold('{"DeleteThresholdEnabled":false,"DeleteThresholdValue":3}', []);
    expect(exceedsDeleteThreshold(10_000, off)).toBe(false);
    expect(exceedsDeleteThreshold(5, resolveDeleteThreshold(undefined, [{ name: 'QuarantineTooManyDeletesThreshold', value: '0' }]))).toBe(false);
  });
});
