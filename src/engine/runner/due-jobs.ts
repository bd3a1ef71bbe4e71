import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

export interface DueJob {
  readonly id: string;
  readonly servicePrincipalId: string;
}

/**
 * Jobs whose cycle is due: a start or restart asked for one (`run_requested_at`), or the schedule's next run
 * has come. Paused and disabled jobs have neither. Requested runs first, then the longest overdue.
 */
export async function findDueJobs(db: Kysely<Database>, now: Date, limit: number): Promise<DueJob[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('synchronization_jobs')
    .select(['id', 'service_principal_id', 'run_requested_at', 'next_run_at'])
    .where((eb) => eb.or([eb('run_requested_at', 'is not', null), eb('next_run_at', '<=', at)]))
    .execute();
  return rows
    .sort((a, b) => (a.run_requested_at ?? '~').localeCompare(b.run_requested_at ?? '~') || (a.next_run_at ?? '').localeCompare(b.next_run_at ?? ''))
    .slice(0, limit)
    .map((row) => ({ id: row.id, servicePrincipalId: row.service_principal_id }));
}

/** Whether a job read under its lease is still due (another process may have just run it). */
export function isDue(job: { readonly runRequestedAt: string | null; readonly nextRunAt: string | null }, now: Date): boolean {
  return job.runRequestedAt !== null || (job.nextRunAt !== null && job.nextRunAt <= now.toISOString());
}
