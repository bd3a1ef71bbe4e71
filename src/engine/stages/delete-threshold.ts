import type { KeyValuePair } from '../../sync/jobs/synchronization-job.js';

export interface DeleteThreshold {
  readonly enabled: boolean;
  /** Deletes and disables per cycle at which the cycle is blocked: with 500, at most 499 go through. */
  readonly value: number;
}

export const defaultDeleteThreshold = 500;

/**
 * The accidental-deletion threshold (engine-behavior §1.12): `SyncNotificationSettings` in the secrets
 * (`DeleteThresholdEnabled`, default true; `DeleteThresholdValue`), else the job setting
 * `QuarantineTooManyDeletesThreshold`, else 500. A value of 0 or less turns it off.
 */
export function resolveDeleteThreshold(notificationSettings: string | undefined, jobSettings: readonly KeyValuePair[]): DeleteThreshold {
  let enabled = true;
  let value: number | undefined;
  if (notificationSettings) {
    try {
      const parsed = JSON.parse(notificationSettings) as { DeleteThresholdEnabled?: unknown; DeleteThresholdValue?: unknown };
      if (parsed.DeleteThresholdEnabled === false) enabled = false;
      if (typeof parsed.DeleteThresholdValue === 'number') value = parsed.DeleteThresholdValue;
    } catch {
      // Validated when saved; an unreadable value keeps the defaults.
    }
  }
  if (value === undefined) {
    const setting = jobSettings.find((entry) => entry.name.toLowerCase() === 'quarantinetoomanydeletesthreshold')?.value;
    const parsed = setting === undefined || setting === null ? NaN : Number(setting);
    value = Number.isFinite(parsed) ? parsed : defaultDeleteThreshold;
  }
  return Object.freeze({ enabled: enabled && value > 0, value });
}

/** Whether a cycle's pending deletes and disables reach the threshold ("proceed iff pending < threshold"). */
export function exceedsDeleteThreshold(pending: number, threshold: DeleteThreshold): boolean {
  return threshold.enabled && pending >= threshold.value;
}
