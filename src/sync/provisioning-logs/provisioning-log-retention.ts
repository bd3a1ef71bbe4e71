import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

/** How long provisioning logs are kept: the hosted service keeps them 30 days with Entra ID P1/P2. */
export const provisioningLogRetentionDays = 30;

export interface ProvisioningLogPurgeOptions {
  readonly now?: Date;
  readonly retentionDays?: number;
  /** Rows deleted per statement: bounded so a large backlog never holds a long write lock. */
  readonly batchSize?: number;
}

/**
 * Deletes provisioning logs whose activityDateTime is older than the retention period and returns how many
 * went. Safe to run on several nodes at once: a row another node deleted first is simply not counted here.
 */
export async function purgeExpiredProvisioningLogs(db: Kysely<Database>, options: ProvisioningLogPurgeOptions = {}): Promise<number> {
  const retentionDays = options.retentionDays ?? provisioningLogRetentionDays;
  if (!(retentionDays > 0)) throw new RangeError(`retentionDays must be positive, got ${retentionDays}`);
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000).toISOString();
  const batchSize = options.batchSize ?? 5_000;
  let purged = 0;
  for (;;) {
    const result = await db
      .deleteFrom('provisioning_logs')
      .where('id', 'in', (qb) => qb.selectFrom('provisioning_logs').select('id').where('activity_date_time', '<', cutoff).limit(batchSize))
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    purged += deleted;
    if (deleted < batchSize) return purged;
  }
}

export interface ProvisioningLogPurgeSchedule {
  /** Stops the timer and waits for a purge under way, so the store can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Runs the purge now and then every `intervalMs` (hourly by default) until stopped. Failures go to `onError`
 * and are retried at the next tick; the timer never keeps the process alive.
 */
export function scheduleProvisioningLogPurge(
  db: Kysely<Database>,
  options: { readonly intervalMs?: number; readonly retentionDays?: number; readonly onError?: (error: unknown) => void } = {},
): ProvisioningLogPurgeSchedule {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= purgeExpiredProvisioningLogs(db, options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays })
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 3_600_000);
  timer.unref();
  tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
