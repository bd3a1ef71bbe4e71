import type { Kysely, Selectable } from 'kysely';
import type { Database, SynchronizationJobsTable } from '../../store/database.js';
import type { SynchronizationSchema } from '../schema/index.js';
import type { SynchronizationJobRecord } from './synchronization-job.js';

/** Thrown when a job changed between read and write; the caller re-reads and retries. */
export class JobChangedConcurrentlyError extends Error {
  readonly code = 'JobChangedConcurrently';
}

function fromRow(row: Selectable<SynchronizationJobsTable>): SynchronizationJobRecord {
  return {
    id: row.id,
    servicePrincipalId: row.service_principal_id,
    templateId: row.template_id,
    schedule: JSON.parse(row.schedule),
    status: JSON.parse(row.status),
    settings: JSON.parse(row.settings),
    pendingReset: row.pending_reset,
    runRequestedAt: row.run_requested_at,
    nextRunAt: row.next_run_at,
    revision: row.revision,
  };
}

const recordColumns = [
  'id',
  'service_principal_id',
  'template_id',
  'schedule',
  'status',
  'settings',
  'pending_reset',
  'run_requested_at',
  'next_run_at',
  'created_at',
  'updated_at',
  'revision',
] as const;

export async function insertJob(db: Kysely<Database>, job: SynchronizationJobRecord, schema: SynchronizationSchema): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('synchronization_jobs')
    .values({
      id: job.id,
      service_principal_id: job.servicePrincipalId,
      template_id: job.templateId,
      schedule: JSON.stringify(job.schedule),
      status: JSON.stringify(job.status),
      settings: JSON.stringify(job.settings),
      schema: JSON.stringify(schema),
      pending_reset: job.pendingReset,
      run_requested_at: job.runRequestedAt,
      next_run_at: job.nextRunAt,
      created_at: now,
      updated_at: now,
      revision: job.revision,
    })
    .execute();
}

export async function findJob(db: Kysely<Database>, servicePrincipalId: string, jobId: string): Promise<SynchronizationJobRecord | undefined> {
  const row = await db
    .selectFrom('synchronization_jobs')
    .select(recordColumns)
    .where('service_principal_id', '=', servicePrincipalId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  return row && fromRow(row as Selectable<SynchronizationJobsTable>);
}

export async function listJobs(db: Kysely<Database>, servicePrincipalId: string): Promise<SynchronizationJobRecord[]> {
  const rows = await db
    .selectFrom('synchronization_jobs')
    .select(recordColumns)
    .where('service_principal_id', '=', servicePrincipalId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => fromRow(row as Selectable<SynchronizationJobsTable>));
}

/** Writes the job if nobody else did since it was read (same revision); returns the stored record. */
export async function saveJob(db: Kysely<Database>, job: SynchronizationJobRecord): Promise<SynchronizationJobRecord> {
  const result = await db
    .updateTable('synchronization_jobs')
    .set({
      schedule: JSON.stringify(job.schedule),
      status: JSON.stringify(job.status),
      settings: JSON.stringify(job.settings),
      pending_reset: job.pendingReset,
      run_requested_at: job.runRequestedAt,
      next_run_at: job.nextRunAt,
      updated_at: new Date().toISOString(),
      revision: job.revision + 1,
    })
    .where('id', '=', job.id)
    .where('revision', '=', job.revision)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new JobChangedConcurrentlyError(`Job ${job.id} changed while it was being updated.`);
  return { ...job, revision: job.revision + 1 };
}

export async function deleteJob(db: Kysely<Database>, servicePrincipalId: string, jobId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('synchronization_jobs')
    .where('service_principal_id', '=', servicePrincipalId)
    .where('id', '=', jobId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function readJobSchema(db: Kysely<Database>, jobId: string): Promise<SynchronizationSchema | undefined> {
  const row = await db.selectFrom('synchronization_jobs').select('schema').where('id', '=', jobId).executeTakeFirst();
  return row && (JSON.parse(row.schema) as SynchronizationSchema);
}

/** A job's schema with the job's revision when it was read, for a write that must not overwrite a newer one. */
export interface JobSchemaAtRevision {
  readonly schema: SynchronizationSchema;
  readonly revision: number;
}

export async function readJobSchemaAtRevision(db: Kysely<Database>, jobId: string): Promise<JobSchemaAtRevision | undefined> {
  const row = await db.selectFrom('synchronization_jobs').select(['schema', 'revision']).where('id', '=', jobId).executeTakeFirst();
  return row && { schema: JSON.parse(row.schema) as SynchronizationSchema, revision: row.revision };
}

/** Writes the schema if nobody wrote the job since `revision` was read; JobChangedConcurrentlyError otherwise. */
export async function writeJobSchemaAtRevision(db: Kysely<Database>, jobId: string, schema: SynchronizationSchema, revision: number): Promise<void> {
  const result = await db
    .updateTable('synchronization_jobs')
    .set({ schema: JSON.stringify(schema), updated_at: new Date().toISOString(), revision: revision + 1 })
    .where('id', '=', jobId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new JobChangedConcurrentlyError(`Job ${jobId} changed while its schema was being updated.`);
}

export async function writeJobSchema(db: Kysely<Database>, jobId: string, schema: SynchronizationSchema): Promise<void> {
  await db
    .updateTable('synchronization_jobs')
    .set((eb) => ({ schema: JSON.stringify(schema), updated_at: new Date().toISOString(), revision: eb('revision', '+', 1) }))
    .where('id', '=', jobId)
    .execute();
}
