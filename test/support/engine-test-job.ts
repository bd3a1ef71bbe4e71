import type { Kysely } from 'kysely';
import { newGuid } from '../../src/directory/guid.js';
import { newServicePrincipal } from '../../src/directory/service-principals/service-principal.js';
import { insertServicePrincipal } from '../../src/directory/service-principals/service-principal-repository.js';
import type { Database } from '../../src/store/database.js';
import { initialJobState } from '../../src/sync/jobs/job-defaults.js';
import { insertJob } from '../../src/sync/jobs/job-repository.js';
import type { SynchronizationJobRecord } from '../../src/sync/jobs/synchronization-job.js';

/** A service principal with one job row, for store-level engine tests (the engine's tables reference jobs). */
export async function insertTestJob(db: Kysely<Database>): Promise<SynchronizationJobRecord> {
  const servicePrincipalId = newGuid();
  await insertServicePrincipal(db, newServicePrincipal({ id: servicePrincipalId, appId: newGuid(), displayName: 'engine test app' }));
  const job: SynchronizationJobRecord = {
    id: `scim.${newGuid().replace(/-/g, '')}`,
    servicePrincipalId,
    templateId: 'scim',
    ...initialJobState('appProvisioning'),
    settings: [],
    pendingReset: 0,
    runRequestedAt: null,
    nextRunAt: null,
    revision: 1,
  };
  await insertJob(db, job, { id: 'scim', version: null, synchronizationRules: [], directories: [] });
  return job;
}
