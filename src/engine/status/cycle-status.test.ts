import { describe, expect, it } from 'vitest';
import { initialJobState } from '../../sync/jobs/job-defaults.js';
import { pauseJob, startJob } from '../../sync/jobs/job-lifecycle.js';
import type { SynchronizationJobRecord } from '../../sync/jobs/synchronization-job.js';
import type { CycleOutcome } from '../cycle/run-cycle.js';
import { defaultEngineOptions } from '../engine-options.js';
import { applyCycleOutcome, applyProgress } from './cycle-status.js';

const now = new Date('2026-03-01T10:00:00Z');
const created: SynchronizationJobRecord = {
  id: 'scim.1',
  servicePrincipalId: 'sp',
  templateId: 'scim',
  ...initialJobState('appProvisioning'),
  settings: [],
  pendingReset: 0,
  runRequestedAt: null,
  nextRunAt: null,
  revision: 1,
};
const started = startJob({ ...created, pendingReset: 32 }, 'PT40M', now);
const outcome = (overrides: Partial<CycleOutcome> = {}): CycleOutcome => ({
  kind: 'full',
  state: 'Succeeded',
  execution: {
    activityIdentifier: 'c1',
    countEntitled: 3,
    countEntitledForProvisioning: 3,
    countEscrowed: 0,
    countEscrowedRaw: 0,
    countExported: 3,
    countExports: 3,
    countImported: 3,
    countImportedDeltas: 0,
    countImportedReferenceDeltas: 0,
    error: null,
    state: 'Succeeded',
    timeBegan: now.toISOString(),
    timeEnded: now.toISOString(),
  },
  quarantine: null,
  hasMore: false,
  steadyState: false,
  entryCounts: [{ key: 'User to User', value: 3 }],
  appliedResets: 32,
  ...overrides,
});
const context = { consumedRunRequest: started.runRequestedAt, intervalMs: 2_400_000, now, options: defaultEngineOptions };

describe('applyCycleOutcome', () => {
  it('records a successful first cycle: Active, executions, counts, next run after the interval, applied resets cleared', () => {
    const job = applyCycleOutcome(started, outcome(), context);
    expect(job.status.code).toBe('Active');
    expect(job.status.lastExecution?.activityIdentifier).toBe('c1');
    expect(job.status.lastSuccessfulExecution?.activityIdentifier).toBe('c1');
    expect(job.status.lastSuccessfulExecutionWithExports?.activityIdentifier).toBe('c1');
    expect(job.status.synchronizedEntryCountByType).toEqual([{ key: 'User to User', value: 3 }]);
    expect(job.runRequestedAt).toBeNull();
    expect(job.nextRunAt).toBe('2026-03-01T10:40:00.000Z');
    expect(job.pendingReset).toBe(0);
  });

  it('keeps a pause made during the cycle, and a start asked for during it', () => {
    const paused = applyCycleOutcome(pauseJob(started), outcome(), context);
    expect(paused.status.code).toBe('Paused');
    expect(paused.schedule.state).toBe('Paused');
    expect(paused.nextRunAt).toBeNull();
    const restarted = applyCycleOutcome({ ...started, runRequestedAt: '2026-03-01T10:00:05.000Z' }, outcome(), context);
    expect(restarted.runRequestedAt).toBe('2026-03-01T10:00:05.000Z');
  });

  it('quarantines, counts complete failures and schedules the next attempt', () => {
    const failed = outcome({
      state: 'Failed',
      quarantine: { reason: 'EncounteredQuarantineException', error: { code: 'InvalidCredentials', message: 'refused', tenantActionable: true } },
    });
    const job = applyCycleOutcome(started, failed, context);
    expect(job.status.code).toBe('Quarantine');
    expect(job.status.countSuccessiveCompleteFailures).toBe(1);
    expect(job.status.lastSuccessfulExecution).toBeNull();
    expect(job.status.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', seriesCount: 1, nextAttempt: '2026-03-01T16:00:00.000Z' });
    expect(job.nextRunAt).toBe('2026-03-01T16:00:00.000Z');
    const again = applyCycleOutcome(job, failed, { ...context, now: new Date('2026-03-01T16:00:00Z') });
    expect(again.status.quarantine).toMatchObject({ seriesCount: 2, seriesBegan: '2026-03-01T10:00:00.000Z', nextAttempt: '2026-03-01T22:00:00.000Z' });
    expect(again.status.countSuccessiveCompleteFailures).toBe(2);
    const healed = applyCycleOutcome(again, outcome(), context);
    expect(healed.status).toMatchObject({ code: 'Active', quarantine: null, countSuccessiveCompleteFailures: 0 });
  });

  it('records the steady state, and leaves the code of a job that cannot run', () => {
    const steady = applyCycleOutcome(started, outcome({ steadyState: true }), context);
    expect(steady.status.steadyStateFirstAchievedTime).toBe(now.toISOString());
    expect(steady.status.steadyStateLastAchievedTime).toBe(now.toISOString());
    const notImplemented = applyCycleOutcome(started, outcome({ state: 'Failed', entryCounts: null }), context);
    expect(notImplemented.status.code).toBe('NotRun');
  });

  it('runs again at once when changes were left for the next cycle', () => {
    expect(applyCycleOutcome(started, outcome({ hasMore: true }), context).nextRunAt).toBe(now.toISOString());
  });
});

describe('applyProgress', () => {
  it('reports objects evaluated of those to evaluate', () => {
    expect(applyProgress(started, 5, 10, now).status.progress).toEqual([
      { completedUnits: 5, totalUnits: 10, units: 'Objects', progressObservationDateTime: now.toISOString() },
    ]);
  });
});
