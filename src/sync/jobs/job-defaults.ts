import { randomBytes } from 'node:crypto';
import type { SynchronizationSchedule, SynchronizationStatus } from './synchronization-job.js';

/** .NET TimeSpan.MaxValue in ISO 8601: the interval Graph shows for a job that is not scheduled. */
export const timeSpanMaxValue = 'P10675199DT2H48M5.4775807S';

/** The .NET DateTimeOffset.MinValue Graph shows for "never". */
export const neverDateTime = '0001-01-01T00:00:00Z';

/** Job ids are the template id, a dot and 32 hex digits, as Graph mints them. */
export function newJobId(templateId: string): string {
  return `${templateId}.${randomBytes(16).toString('hex')}`;
}

export const disabledSchedule: SynchronizationSchedule = Object.freeze({
  expiration: null,
  interval: timeSpanMaxValue,
  state: 'Disabled',
});

export const initialStatus: SynchronizationStatus = Object.freeze({
  code: 'NotConfigured',
  countSuccessiveCompleteFailures: 0,
  escrowsPruned: false,
  lastExecution: null,
  lastSuccessfulExecution: null,
  lastSuccessfulExecutionWithExports: null,
  progress: [],
  quarantine: null,
  steadyStateFirstAchievedTime: neverDateTime,
  steadyStateLastAchievedTime: neverDateTime,
  synchronizedEntryCountByType: [],
  troubleshootingUrl: null,
});

/**
 * A new job is disabled. Cloud sync jobs show what the hosted service shows for them (seed 000): a
 * Paused status and the PT40M interval; app jobs NotConfigured and TimeSpan.MaxValue.
 */
export function initialJobState(dialect: 'appProvisioning' | 'cloudSync'): { schedule: SynchronizationSchedule; status: SynchronizationStatus } {
  if (dialect === 'cloudSync') {
    return { schedule: { expiration: null, interval: 'PT40M', state: 'Disabled' }, status: { ...initialStatus, code: 'Paused' } };
  }
  return { schedule: disabledSchedule, status: initialStatus };
}
