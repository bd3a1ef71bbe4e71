import type { Kysely } from 'kysely';
import { BadRequestError, NotFoundError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import { findOwnerTemplate } from '../owner-templates.js';
import type { SynchronizationSchema } from '../schema/index.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SynchronizationOwner } from '../synchronization-owner.js';
import { defaultSchemaForFactoryTag, templateRuntime, type TemplateRuntime } from '../templates/index.js';
import { assertDirectorySchemaAllowsJob } from './directory-schema-check.js';
import { initialJobState, newJobId } from './job-defaults.js';
import { pauseJob, restartJob, startJob } from './job-lifecycle.js';
import { findJob, insertJob, saveJob, deleteJob as removeJob, JobChangedConcurrentlyError } from './job-repository.js';
import type { KeyValuePair, SynchronizationJobRecord } from './synchronization-job.js';

/** Interval and requirements for jobs of templates Provisio has no runtime facts for (custom templates). */
const fallbackRuntime: TemplateRuntime = {
  scheduleInterval: 'PT40M',
  expressionDialect: 'appProvisioning',
  requiredSecrets: [],
  source: 'directory',
  target: 'scim',
  jobSettings: [],
};

export function runtimeOf(templateId: string): TemplateRuntime {
  return templateRuntime(templateId) ?? fallbackRuntime;
}

const jobNotFound = (jobId: string) =>
  new NotFoundError(`The synchronization job '${jobId}' was not found for this service principal.`, { code: 'ResourceNotFound' });

export async function getJob(db: Kysely<Database>, owner: SynchronizationOwner, jobId: string): Promise<SynchronizationJobRecord> {
  const job = await findJob(db, owner.servicePrincipal.id, jobId);
  if (!job) throw jobNotFound(jobId);
  return job;
}

/** `POST …/jobs`: a disabled job with a private copy of the template's schema. */
export async function createJob(
  db: Kysely<Database>,
  owner: SynchronizationOwner,
  templateId: string,
  settings: readonly KeyValuePair[] | undefined,
): Promise<SynchronizationJobRecord> {
  const template = await findOwnerTemplate(db, owner, templateId);
  if (!template) {
    throw new BadRequestError(
      `The template '${templateId}' is not available for this service principal. List GET …/synchronization/templates for valid templateId values.`,
      { code: 'InvalidTemplateId' },
    );
  }
  const schema: SynchronizationSchema | undefined =
    template.schema ?? (template.factoryTag ? defaultSchemaForFactoryTag(template.factoryTag) : undefined);
  const runtime = runtimeOf(templateId);
  const defaults = new Map(runtime.jobSettings.map((s) => [s.name, s.value]));
  for (const setting of settings ?? []) defaults.set(setting.name, setting.value ?? '');
  const job: SynchronizationJobRecord = {
    id: newJobId(templateId),
    servicePrincipalId: owner.servicePrincipal.id,
    templateId,
    ...initialJobState(runtime.expressionDialect),
    settings: [...defaults].map(([name, value]) => ({ name, value })),
    pendingReset: 0,
    runRequestedAt: null,
    nextRunAt: null,
    revision: 1,
  };
  await insertJob(db, job, structuredClone(schema ?? { id: templateId, version: null, synchronizationRules: [], directories: [] }) as SynchronizationSchema);
  return job;
}

/** Reads, transforms and writes a job, retrying when the runner wrote in between. */
async function transition(
  db: Kysely<Database>,
  owner: SynchronizationOwner,
  jobId: string,
  change: (job: SynchronizationJobRecord) => SynchronizationJobRecord,
): Promise<SynchronizationJobRecord> {
  for (let attempt = 0; ; attempt++) {
    const job = await getJob(db, owner, jobId);
    try {
      return await saveJob(db, change(job));
    } catch (error) {
      if (!(error instanceof JobChangedConcurrentlyError) || attempt >= 4) throw error;
    }
  }
}

/** The secrets a template cannot run without; `start` answers 400 naming them. */
export async function assertRequiredSecrets(db: Kysely<Database>, secrets: SecretStore, owner: SynchronizationOwner, templateId: string): Promise<void> {
  const { requiredSecrets } = runtimeOf(templateId);
  if (requiredSecrets.length === 0) return;
  const values = await secrets.read(db, owner.servicePrincipal.id);
  const satisfied = requiredSecrets.some((set) => set.every((key) => (values.get(key) ?? '') !== ''));
  if (satisfied) return;
  const alternatives = requiredSecrets.map((set) => set.join(' and ')).join(', or ');
  throw new BadRequestError(
    `The job cannot start: the service principal's synchronization secrets lack ${alternatives}. Set them with PUT …/synchronization/secrets.`,
    { code: 'MissingSecrets' },
  );
}

/** What `start` and `restart` check before a job runs: its secrets, and the schema of a directory it writes to. */
async function assertStartable(db: Kysely<Database>, secrets: SecretStore, owner: SynchronizationOwner, jobId: string): Promise<void> {
  const job = await getJob(db, owner, jobId);
  await assertRequiredSecrets(db, secrets, owner, job.templateId);
  if (runtimeOf(job.templateId).target === 'ldap') await assertDirectorySchemaAllowsJob(db, secrets, job);
}

export async function startJobNow(db: Kysely<Database>, secrets: SecretStore, owner: SynchronizationOwner, jobId: string, now = new Date()) {
  await assertStartable(db, secrets, owner, jobId);
  return transition(db, owner, jobId, (current) => startJob(current, runtimeOf(current.templateId).scheduleInterval, now));
}

export async function pauseJobNow(db: Kysely<Database>, owner: SynchronizationOwner, jobId: string) {
  return transition(db, owner, jobId, pauseJob);
}

export async function restartJobNow(
  db: Kysely<Database>,
  secrets: SecretStore,
  owner: SynchronizationOwner,
  jobId: string,
  scope: number,
  now = new Date(),
) {
  await assertStartable(db, secrets, owner, jobId);
  return transition(db, owner, jobId, (current) => restartJob(current, scope, runtimeOf(current.templateId).scheduleInterval, now));
}

/** `PATCH …/jobs/{id}`: only synchronizationJobSettings are writable; schedule and status are the service's. */
export async function updateJobSettings(db: Kysely<Database>, owner: SynchronizationOwner, jobId: string, settings: readonly KeyValuePair[]) {
  return transition(db, owner, jobId, (job) => {
    const merged = new Map(job.settings.map((s) => [s.name, s.value]));
    for (const setting of settings) merged.set(setting.name, setting.value);
    return { ...job, settings: [...merged].map(([name, value]) => ({ name, value })) };
  });
}

export async function deleteJob(db: Kysely<Database>, owner: SynchronizationOwner, jobId: string): Promise<void> {
  if (!(await removeJob(db, owner.servicePrincipal.id, jobId))) throw jobNotFound(jobId);
}
