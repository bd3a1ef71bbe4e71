import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { findJob, JobChangedConcurrentlyError, saveJob } from '../../sync/jobs/job-repository.js';
import type { SynchronizationJobRecord } from '../../sync/jobs/synchronization-job.js';

/**
 * Re-reads the job, applies `change` and saves it if nobody wrote in between (the job's revision); on a
 * concurrent write (the API pausing the job, a settings change) it starts over from the new state, so the
 * engine never overwrites what a client set. Undefined when the job no longer exists.
 */
export async function updateJobRecord(
  db: Kysely<Database>,
  servicePrincipalId: string,
  jobId: string,
  change: (job: SynchronizationJobRecord) => SynchronizationJobRecord | undefined,
): Promise<SynchronizationJobRecord | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    const job = await findJob(db, servicePrincipalId, jobId);
    if (!job) return undefined;
    const next = change(job);
    if (next === undefined) return job;
    try {
      return await saveJob(db, next);
    } catch (error) {
      if (!(error instanceof JobChangedConcurrentlyError) || attempt >= 20) throw error;
    }
  }
}
