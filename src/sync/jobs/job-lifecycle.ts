import { RestartScope } from './restart-scope.js';
import type { SynchronizationJobRecord } from './synchronization-job.js';

/**
 * The job state machine as pure transitions. Every operation is defined in every state:
 * - start: schedule Active at the template's interval, a cycle requested now; a quarantine is lifted;
 *   status NotRun until the first cycle completes, Active after.
 * - pause: schedule and status Paused; nothing runs; watermarks and escrows are kept for the next start.
 * - restart: records the reset scope for the next cycle to apply, then starts. `QuarantineState` also forgets
 *   the failure history (countSuccessiveCompleteFailures), so the next quarantine begins afresh; a plain start
 *   lifts the quarantine but keeps counting.
 */
export function startJob(job: SynchronizationJobRecord, interval: string, now: Date): SynchronizationJobRecord {
  const at = now.toISOString();
  return {
    ...job,
    schedule: { expiration: null, interval, state: 'Active' },
    status: { ...job.status, code: job.status.lastExecution === null ? 'NotRun' : 'Active', quarantine: null },
    runRequestedAt: at,
    nextRunAt: at,
  };
}

export function pauseJob(job: SynchronizationJobRecord): SynchronizationJobRecord {
  const schedule = job.schedule.state === 'Disabled' ? job.schedule : { ...job.schedule, state: 'Paused' as const };
  return { ...job, schedule, status: { ...job.status, code: 'Paused' }, runRequestedAt: null, nextRunAt: null };
}

export function restartJob(job: SynchronizationJobRecord, scope: number, interval: string, now: Date): SynchronizationJobRecord {
  const resets = scope & (RestartScope.Full | RestartScope.ForceDeletes);
  const status = scope & RestartScope.QuarantineState ? { ...job.status, countSuccessiveCompleteFailures: 0 } : job.status;
  return startJob({ ...job, status, pendingReset: job.pendingReset | resets }, interval, now);
}
