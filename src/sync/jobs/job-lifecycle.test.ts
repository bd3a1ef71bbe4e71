import { describe, expect, it } from 'vitest';
import { disabledSchedule, initialStatus } from './job-defaults.js';
import { pauseJob, restartJob, startJob } from './job-lifecycle.js';
import { RestartScope } from './restart-scope.js';
import type { SynchronizationJobRecord } from './synchronization-job.js';

const now = new Date('2026-11-23T10:00:00.000Z');
const created: SynchronizationJobRecord = {
  id: 'scim.0123456789abcdef0123456789abcdef',
  servicePrincipalId: 'sp',
  templateId: 'scim',
  schedule: disabledSchedule,
  status: initialStatus,
  settings: [],
  pendingReset: 0,
  runRequestedAt: null,
  nextRunAt: null,
  revision: 1,
};

describe('job lifecycle', () => {
  it('starts a new job as NotRun with the template interval and a cycle due now', () => {
    const started = startJob(created, 'PT40M', now);
    expect(started.schedule).toEqual({ expiration: null, interval: 'PT40M', state: 'Active' });
    expect(started.status.code).toBe('NotRun');
    expect(started.runRequestedAt).toBe(now.toISOString());
  });

  it('lifts a quarantine on start and reports Active once a cycle has run', () => {
    const quarantined = {
      ...created,
      status: {
        ...initialStatus,
        code: 'Quarantine' as const,
        lastExecution: { state: 'Failed' } as never,
        quarantine: { reason: 'TooManyDeletes' } as never,
      },
    };
    const started = startJob(quarantined, 'PT40M', now);
    expect(started.status.quarantine).toBeNull();
    expect(started.status.code).toBe('Active');
  });

  it('pauses a running job and keeps a never-started job disabled', () => {
    const paused = pauseJob(startJob(created, 'PT2M', now));
    expect(paused.schedule.state).toBe('Paused');
    expect(paused.schedule.interval).toBe('PT2M');
    expect(paused.status.code).toBe('Paused');
    expect(paused.runRequestedAt).toBeNull();
    expect(pauseJob(created).schedule).toEqual(disabledSchedule);
  });

  it('restart accumulates reset flags for the next cycle and starts', () => {
    const once = restartJob(created, RestartScope.Watermark | RestartScope.Escrows, 'PT40M', now);
    const twice = restartJob(once, RestartScope.ForceDeletes, 'PT40M', now);
    expect(twice.pendingReset).toBe(RestartScope.Watermark | RestartScope.Escrows | RestartScope.ForceDeletes);
    expect(twice.schedule.state).toBe('Active');
  });

  it('forgets the failure history only on a restart with QuarantineState', () => {
    const failing = { ...created, status: { ...created.status, countSuccessiveCompleteFailures: 3 } };
    expect(restartJob(failing, RestartScope.QuarantineState, 'PT40M', now).status.countSuccessiveCompleteFailures).toBe(0);
    expect(restartJob(failing, RestartScope.Watermark, 'PT40M', now).status.countSuccessiveCompleteFailures).toBe(3);
    expect(startJob(failing, 'PT40M', now).status.countSuccessiveCompleteFailures).toBe(3);
  });
});
