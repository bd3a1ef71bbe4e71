import { describe, expect, it } from 'vitest';
import { defaultEngineOptions } from '../engine-options.js';
import { escrowQuarantineReason, quarantineAfter, quarantineOutlived } from './quarantine-rules.js';

const thresholds = defaultEngineOptions.escrowThresholds;
const hour = 3_600_000;

describe('escrow quarantine rules', () => {
  it('follows the documented worked examples', () => {
    expect(escrowQuarantineReason({ failedObjects: 45_000, failedReferences: 0, succeededObjects: 200_000 }, thresholds)).toBe('EncounteredBaseEscrowThreshold');
    expect(escrowQuarantineReason({ failedObjects: 30_000, failedReferences: 0, succeededObjects: 5_000 }, thresholds)).toBe('EncounteredEscrowProportionThreshold');
    expect(escrowQuarantineReason({ failedObjects: 20_000, failedReferences: 0, succeededObjects: 100_000 }, thresholds)).toBeNull();
    expect(escrowQuarantineReason({ failedObjects: 4_000, failedReferences: 0, succeededObjects: 0 }, thresholds)).toBeNull();
    expect(escrowQuarantineReason({ failedObjects: 40_000, failedReferences: 21_000, succeededObjects: 1_000_000 }, thresholds)).toBe('EncounteredTotalEscrowThreshold');
  });
});

describe('quarantine schedule', () => {
  const began = new Date('2026-01-01T00:00:00Z');
  const retry = defaultEngineOptions.quarantineRetryMs;

  it('retries 6, 12 and 24 hours after the series began, then daily', () => {
    const first = quarantineAfter(null, 'EncounteredQuarantineException', null, began, retry);
    expect(first).toMatchObject({ seriesBegan: began.toISOString(), currentBegan: began.toISOString(), seriesCount: 1, nextAttempt: '2026-01-01T06:00:00.000Z' });
    const second = quarantineAfter(first, 'EncounteredQuarantineException', null, new Date(began.getTime() + 6 * hour), retry);
    expect(second).toMatchObject({ seriesBegan: began.toISOString(), seriesCount: 2, nextAttempt: '2026-01-01T12:00:00.000Z' });
    const third = quarantineAfter(second, 'EncounteredQuarantineException', null, new Date(began.getTime() + 12 * hour), retry);
    expect(third.nextAttempt).toBe('2026-01-02T00:00:00.000Z');
    const fourth = quarantineAfter(third, 'EncounteredQuarantineException', null, new Date(began.getTime() + 24 * hour), retry);
    expect(fourth).toMatchObject({ seriesCount: 4, nextAttempt: '2026-01-03T00:00:00.000Z' });
  });

  it('is outlived after 28 days', () => {
    const quarantine = quarantineAfter(null, 'TooManyDeletes', null, began, retry);
    expect(quarantineOutlived(quarantine, new Date(began.getTime() + 27 * 24 * hour), defaultEngineOptions.quarantineDisableAfterMs)).toBe(false);
    expect(quarantineOutlived(quarantine, new Date(began.getTime() + 29 * 24 * hour), defaultEngineOptions.quarantineDisableAfterMs)).toBe(true);
  });
});
