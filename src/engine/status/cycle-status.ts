import type { SynchronizationJobRecord, SynchronizationProgress } from '../../sync/jobs/synchronization-job.js';
import type { CycleOutcome } from '../cycle/run-cycle.js';
import type { EngineOptions } from '../engine-options.js';
import { quarantineAfter, quarantineOutlived } from '../stages/quarantine-rules.js';

export interface OutcomeContext {
  /** The `runRequestedAt` the cycle consumed: a newer one (start during the cycle) stays for the next cycle. */
  readonly consumedRunRequest: string | null;
  readonly intervalMs: number;
  readonly now: Date;
  readonly options: Pick<EngineOptions, 'quarantineRetryMs' | 'quarantineDisableAfterMs'>;
}

/**
 * Merges a finished cycle into the job as it is now (re-read after the cycle), changing only what the engine
 * owns, so a pause or a settings change made during the cycle survives:
 * - lastExecution always; lastSuccessfulExecution(+WithExports) when the cycle succeeded (and exported);
 *   countSuccessiveCompleteFailures; the steady-state times; synchronizedEntryCountByType; progress cleared;
 * - quarantine imposed, continued (series count, next attempt, disable after 28 days) or lifted;
 * - code: Paused while paused, Quarantine while quarantined, Active once a cycle ran; a job that cannot run
 *   (no connector) keeps its code and says why in lastExecution.error;
 * - the next run: at the quarantine's next attempt, at once when changes are left, else after the interval;
 * - the restart flags the cycle applied are cleared.
 */
export function applyCycleOutcome(job: SynchronizationJobRecord, outcome: CycleOutcome, context: OutcomeContext): SynchronizationJobRecord {
  const { now } = context;
  const status = job.status;
  const pendingReset = job.pendingReset & ~outcome.appliedResets;
  const runRequestedAt = job.runRequestedAt === context.consumedRunRequest ? null : job.runRequestedAt;
  if (outcome.state === 'Stopped') return { ...job, status: { ...status, progress: [] }, pendingReset, runRequestedAt: job.runRequestedAt };

  const execution = outcome.execution;
  const quarantine = outcome.quarantine
    ? quarantineAfter(status.quarantine, outcome.quarantine.reason, outcome.quarantine.error, now, context.options.quarantineRetryMs)
    : null;
  let schedule = job.schedule;
  if (quarantine && quarantineOutlived(quarantine, now, context.options.quarantineDisableAfterMs)) schedule = { ...schedule, state: 'Disabled' };
  const code = statusCode(schedule.state, quarantine !== null, outcome.state !== 'Failed', status.code);
  const succeeded = outcome.state === 'Succeeded';
  const at = now.toISOString();
  const nextRunAt =
    schedule.state !== 'Active'
      ? null
      : quarantine
        ? quarantine.nextAttempt
        : outcome.hasMore
          ? at
          : new Date(now.getTime() + context.intervalMs).toISOString();
  return {
    ...job,
    schedule,
    status: {
      ...status,
      code,
      countSuccessiveCompleteFailures: outcome.state === 'Failed' ? status.countSuccessiveCompleteFailures + 1 : 0,
      lastExecution: execution,
      lastSuccessfulExecution: succeeded ? execution : status.lastSuccessfulExecution,
      lastSuccessfulExecutionWithExports: succeeded && execution.countExported > 0 ? execution : status.lastSuccessfulExecutionWithExports,
      progress: [],
      quarantine,
      steadyStateFirstAchievedTime: outcome.steadyState && status.steadyStateFirstAchievedTime.startsWith('0001-') ? at : status.steadyStateFirstAchievedTime,
      steadyStateLastAchievedTime: outcome.steadyState ? at : status.steadyStateLastAchievedTime,
      synchronizedEntryCountByType: outcome.entryCounts ?? status.synchronizedEntryCountByType,
    },
    pendingReset,
    runRequestedAt,
    nextRunAt,
  };
}

/**
 * Paused while paused; Quarantine while quarantined; Active once a cycle ran (or when a failure that does not
 * quarantine ends a quarantine); otherwise unchanged (a job that cannot run keeps NotRun).
 */
function statusCode(
  schedule: SynchronizationJobRecord['schedule']['state'],
  quarantined: boolean,
  ran: boolean,
  current: SynchronizationJobRecord['status']['code'],
): SynchronizationJobRecord['status']['code'] {
  if (schedule === 'Paused') return 'Paused';
  if (quarantined) return 'Quarantine';
  if (schedule === 'Disabled') return current;
  return ran || current === 'Quarantine' ? 'Active' : current;
}

/** `status.progress` during a cycle: objects evaluated of those to evaluate. */
export function applyProgress(job: SynchronizationJobRecord, completed: number, total: number, now: Date): SynchronizationJobRecord {
  const progress: SynchronizationProgress = {
    completedUnits: completed,
    progressObservationDateTime: now.toISOString(),
    totalUnits: Math.max(total, completed),
    units: 'Objects',
  };
  return { ...job, status: { ...job.status, progress: [progress] } };
}
