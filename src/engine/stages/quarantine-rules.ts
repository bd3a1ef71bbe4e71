import type { QuarantineReason, SynchronizationError, SynchronizationQuarantine } from '../../sync/jobs/synchronization-job.js';
import type { EscrowThresholds } from '../engine-options.js';

export interface EscrowCounts {
  /** Objects currently escrowed (non-reference failures). */
  readonly failedObjects: number;
  /** References (manager, members) currently escrowed. */
  readonly failedReferences: number;
  /** Objects exported or linked successfully in the cycle. */
  readonly succeededObjects: number;
}

/**
 * The hosted service's escrow rules (engine-behavior §1.7): more than 60,000 failures of any kind quarantine;
 * below 5,000 object failures nothing else does; above that, more than 40,000 object failures or more than
 * 40% of object changes failing do. (45,000 failed → quarantine; 30,000 failed with 5,000 succeeded →
 * quarantine; 20,000 failed with 100,000 succeeded → not.)
 */
export function escrowQuarantineReason(counts: EscrowCounts, thresholds: EscrowThresholds): QuarantineReason | null {
  if (counts.failedObjects + counts.failedReferences > thresholds.maxTotalFailures) return 'EncounteredTotalEscrowThreshold';
  if (counts.failedObjects < thresholds.evaluationFloor) return null;
  if (counts.failedObjects > thresholds.maxObjectFailures) return 'EncounteredBaseEscrowThreshold';
  const attempted = counts.failedObjects + counts.succeededObjects;
  return counts.failedObjects / attempted > thresholds.proportion ? 'EncounteredEscrowProportionThreshold' : null;
}

/**
 * The quarantine after a failed evaluation: a new series begins now, or the running one continues. Retries
 * come `retryMs[n]` after the series began (6 h, 12 h, 24 h), then every last interval (daily).
 */
export function quarantineAfter(
  previous: SynchronizationQuarantine | null,
  reason: QuarantineReason,
  error: SynchronizationError | null,
  now: Date,
  retryMs: readonly number[],
): SynchronizationQuarantine {
  const seriesBegan = previous?.seriesBegan ?? now.toISOString();
  const seriesCount = previous ? previous.seriesCount + 1 : 1;
  const scheduled = seriesCount <= retryMs.length ? Date.parse(seriesBegan) + retryMs[seriesCount - 1]! : now.getTime() + (retryMs.at(-1) ?? 86_400_000);
  const nextAttempt = new Date(Math.max(scheduled, now.getTime())).toISOString();
  return Object.freeze({ currentBegan: now.toISOString(), nextAttempt, reason, seriesBegan, seriesCount, error });
}

/** A job quarantined for longer than `disableAfterMs` (28 days) is disabled. */
export function quarantineOutlived(quarantine: SynchronizationQuarantine, now: Date, disableAfterMs: number): boolean {
  return now.getTime() - Date.parse(quarantine.seriesBegan) > disableAfterMs;
}
