/**
 * How the engine runs. The defaults are the production behaviour; tests and the benchmark shorten intervals,
 * leases and backoffs through the same options (there is no other test hook).
 */
export interface EngineOptions {
  /** How often the runner looks for due jobs. */
  readonly pollIntervalMs: number;
  /** Lease lifetime; renewed every third of it while a cycle runs. A crashed process's jobs wait this long. */
  readonly leaseTtlMs: number;
  /** Cycles running at once in this process (one per job at most). */
  readonly maxConcurrentJobs: number;
  /**
   * Replaces every job's schedule interval (ISO 8601 in the job) with this many milliseconds, so tests and
   * the benchmark need not wait 40 minutes between cycles.
   */
  readonly cycleIntervalMs: number | undefined;
  /** Objects processed concurrently within a cycle (requests in flight are further bounded per target). */
  readonly exportConcurrency: number;
  /** Source objects read per page. */
  readonly pageSize: number;
  /** Change-feed entries one incremental cycle takes at most; the rest wait for the next cycle, run at once. */
  readonly maxChangesPerCycle: number;
  /** Delay before the second retry of an escrowed object; each later retry waits twice as long, up to a day. */
  readonly escrowBackoffMs: number;
  readonly escrowMaxBackoffMs: number;
  /** Quarantine retry delays after the series began (6 h, 12 h, 24 h, then every 24 h). */
  readonly quarantineRetryMs: readonly number[];
  /** A job quarantined longer than this is disabled (28 days). */
  readonly quarantineDisableAfterMs: number;
  /** Escrow thresholds of the hosted service (engine-behavior §1.7). */
  readonly escrowThresholds: EscrowThresholds;
  /**
   * How often an OpenLDAP source compares the entryUUIDs in scope with the objects it provisioned, to find
   * deletions (OpenLDAP keeps no trace of them; Active Directory reports its own). 10 minutes.
   */
  readonly ldapDeletionCheckIntervalMs: number;
  /** SCIM client settings for jobs' targets. */
  readonly scim: { readonly timeoutMs: number; readonly maxConcurrency: number; readonly memberChunkSize: number };
  /** How often `status.progress` is written during a cycle. */
  readonly progressIntervalMs: number;
  /** provisionOnDemand calls allowed per job in `onDemandWindowMs` (Graph documents 5 per 10 s). */
  readonly onDemandLimit: number;
  readonly onDemandWindowMs: number;
  /** How long provisionOnDemand waits for a running cycle to release the job. */
  readonly onDemandLeaseWaitMs: number;
  /** The clock. */
  readonly now: () => Date;
  /** Sees cycles start and end (diagnostics, tests). */
  readonly observer: EngineObserver | undefined;
}

export interface EscrowThresholds {
  /** Failures below this never quarantine (5,000). */
  readonly evaluationFloor: number;
  /** Share of failed object changes that quarantines (0.4). */
  readonly proportion: number;
  /** Object failures that quarantine regardless of the share (40,000). */
  readonly maxObjectFailures: number;
  /** Object and reference failures together that quarantine (60,000). */
  readonly maxTotalFailures: number;
}

export interface CycleEvent {
  readonly jobId: string;
  readonly cycleId: string;
  readonly owner: string;
  readonly kind: 'full' | 'incremental';
  readonly at: Date;
}

export interface EngineObserver {
  cycleStarted?(event: CycleEvent): void;
  cycleEnded?(event: CycleEvent & { readonly state: string }): void;
}

const hour = 3_600_000;

export const defaultEngineOptions: EngineOptions = Object.freeze({
  pollIntervalMs: 1_000,
  leaseTtlMs: 60_000,
  maxConcurrentJobs: 4,
  cycleIntervalMs: undefined,
  exportConcurrency: 16,
  pageSize: 500,
  maxChangesPerCycle: 50_000,
  escrowBackoffMs: 10 * 60_000,
  escrowMaxBackoffMs: 24 * hour,
  quarantineRetryMs: Object.freeze([6 * hour, 12 * hour, 24 * hour]),
  quarantineDisableAfterMs: 28 * 24 * hour,
  escrowThresholds: Object.freeze({ evaluationFloor: 5_000, proportion: 0.4, maxObjectFailures: 40_000, maxTotalFailures: 60_000 }),
  ldapDeletionCheckIntervalMs: 10 * 60_000,
  scim: Object.freeze({ timeoutMs: 60_000, maxConcurrency: 16, memberChunkSize: 100 }),
  progressIntervalMs: 2_000,
  onDemandLimit: 5,
  onDemandWindowMs: 10_000,
  onDemandLeaseWaitMs: 20_000,
  now: () => new Date(),
  observer: undefined,
});

export type EngineOptionsInput = Partial<Omit<EngineOptions, 'escrowThresholds' | 'scim'>> & {
  readonly escrowThresholds?: Partial<EscrowThresholds>;
  readonly scim?: Partial<EngineOptions['scim']>;
};

export function engineOptions(input: EngineOptionsInput = {}): EngineOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return Object.freeze({
    ...defaultEngineOptions,
    ...defined,
    escrowThresholds: Object.freeze({ ...defaultEngineOptions.escrowThresholds, ...input.escrowThresholds }),
    scim: Object.freeze({ ...defaultEngineOptions.scim, ...input.scim }),
  });
}
