import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { purgeDeletedObject, type DeletableType } from './object-lifecycle.js';

/** How long deleted users and groups stay restorable, as in Entra. */
export const deletedItemsRetentionDays = 30;

export interface PurgeOptions {
  readonly now?: Date;
  readonly retentionDays?: number;
  /** Objects purged per transaction: small enough not to hold the change-feed lock for long. */
  readonly batchSize?: number;
}

/**
 * Permanently deletes users and groups that have been in deleted items longer than the retention period,
 * in small transactions, and returns how many went. Safe to run on several nodes at once: an object
 * another node purged first is simply gone by the time this one looks.
 */
export async function purgeExpiredDeletedItems(db: Kysely<Database>, options: PurgeOptions = {}): Promise<{ users: number; groups: number }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.retentionDays ?? deletedItemsRetentionDays) * 86_400_000).toISOString();
  const batchSize = options.batchSize ?? 100;
  const purge = async (type: DeletableType): Promise<number> => {
    const table = type === 'user' ? 'users' : 'groups';
    let purged = 0;
    for (;;) {
      const count = await db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom(table).select('id').where('deleted_at', '<', cutoff).orderBy('deleted_at').limit(batchSize).execute();
        for (const row of rows) await purgeDeletedObject(trx, type, row.id);
        return rows.length;
      });
      purged += count;
      if (count < batchSize) return purged;
    }
  };
  return { users: await purge('user'), groups: await purge('group') };
}

export interface PurgeSchedule {
  /** Stops the timer and waits for a purge under way, so the store can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Runs the purge now and then every `intervalMs` (hourly by default) until stopped. Failures are reported
 * to `onError` and retried at the next tick; the timer never keeps the process alive.
 */
export function schedulePurge(db: Kysely<Database>, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): PurgeSchedule {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= purgeExpiredDeletedItems(db)
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
