import type { Kysely } from 'kysely';
import { DirectorySource } from '../../connectors/directory/index.js';
import { ScimClient, ScimConfigurationError, type ScimPatchDialect } from '../../connectors/scim/index.js';
import { findServicePrincipalById } from '../../directory/service-principals/service-principal-repository.js';
import type { Database } from '../../store/database.js';
import { runtimeOf } from '../../sync/jobs/job-service.js';
import { readJobSchema } from '../../sync/jobs/job-repository.js';
import type { SynchronizationJobRecord } from '../../sync/jobs/synchronization-job.js';
import type { SecretStore } from '../../sync/secrets/secret-store.js';
import type { SourceConnector } from '../connectors/source-connector.js';
import { ConnectorNotImplementedError, EngineError, JobLevelFailure } from '../engine-errors.js';
import type { EngineOptions } from '../engine-options.js';
import { compileSchema, MappingCompilationError, type CompiledSchema } from '../mapping/compiled-mapping.js';
import { resolveDeleteThreshold } from '../stages/delete-threshold.js';
import { keepAliveFetch } from '../targets/keep-alive-fetch.js';
import { ScimTarget } from '../targets/scim-target.js';
import { TrackedTarget } from '../targets/tracked-target.js';
import type { CycleSettings } from './cycle-context.js';

/** What a job's cycle connects: its service principal, compiled schema, source, target and settings. */
export interface CycleEnvironment {
  readonly servicePrincipal: { readonly id: string; readonly displayName: string; readonly appId: string };
  readonly schema: CompiledSchema;
  readonly source: SourceConnector;
  readonly target: TrackedTarget;
  readonly settings: Omit<CycleSettings, 'forceDeletes'>;
}

/**
 * Builds a job's environment from the store: the template's connector kinds (only the built-in directory
 * to SCIM 2.0 is implemented; other kinds are a ConnectorNotImplementedError the status reports), the
 * secrets (credentials, SyncAll, SkipOutOfScopeDeletions, SyncNotificationSettings) and the schema compiled
 * once per version. `dialect` overrides the tenant URL's PATCH dialect (provisionOnDemand ignores the flag).
 */
export async function loadCycleEnvironment(
  db: Kysely<Database>,
  secrets: SecretStore,
  job: SynchronizationJobRecord,
  options: EngineOptions,
  dialect?: ScimPatchDialect,
): Promise<CycleEnvironment> {
  const runtime = runtimeOf(job.templateId);
  if (runtime.source !== 'directory' || runtime.target !== 'scim') {
    throw new ConnectorNotImplementedError(
      `Jobs of template '${job.templateId}' read from ${describe(runtime.source)} and write to ${describe(runtime.target)}; Provisio's engine runs jobs from its directory to SCIM 2.0 applications only.`,
    );
  }
  const sp = await findServicePrincipalById(db, job.servicePrincipalId);
  if (!sp) throw new EngineError('ServicePrincipalNotFound', `The service principal ${job.servicePrincipalId} of job ${job.id} no longer exists.`);
  const values = await secrets.read(db, job.servicePrincipalId);
  const schemaDocument = await readJobSchema(db, job.id);
  if (!schemaDocument) throw new EngineError('JobNotFound', `Job ${job.id} no longer exists.`);
  let schema: CompiledSchema;
  try {
    schema = compileSchema(job.id, schemaDocument, runtime.expressionDialect);
  } catch (error) {
    if (error instanceof MappingCompilationError) throw new JobLevelFailure('InvalidSchema', error.message, { cause: error });
    throw error;
  }
  let client: ScimClient;
  try {
    client = ScimClient.fromSecrets(values, {
      timeoutMs: options.scim.timeoutMs,
      maxConcurrency: options.scim.maxConcurrency,
      memberChunkSize: options.scim.memberChunkSize,
      fetch: keepAliveFetch({ maxSockets: options.scim.maxConcurrency }),
    });
  } catch (error) {
    if (error instanceof ScimConfigurationError) throw new JobLevelFailure('InvalidConfiguration', `${error.message}.`, { cause: error });
    throw error;
  }
  const displayName = sp.displayName ?? sp.appId;
  const flag = (key: 'SyncAll' | 'SkipOutOfScopeDeletions') => (values.get(key) ?? '').toLowerCase() === 'true';
  return {
    servicePrincipal: { id: sp.id, displayName, appId: sp.appId },
    schema,
    source: new DirectorySource(db, { servicePrincipalId: sp.id, appRoles: sp.appRoles, syncAll: flag('SyncAll') }),
    target: new TrackedTarget(new ScimTarget(client, dialect ?? client.dialect), displayName),
    settings: {
      skipOutOfScopeDeletions: flag('SkipOutOfScopeDeletions'),
      threshold: resolveDeleteThreshold(values.get('SyncNotificationSettings'), job.settings),
    },
  };
}

function describe(kind: string): string {
  switch (kind) {
    case 'directory':
      return "Provisio's directory";
    case 'scim':
      return 'a SCIM 2.0 application';
    case 'ldap':
      return 'Active Directory over LDAP';
    case 'apiInbound':
      return 'API-driven inbound provisioning (bulkUpload)';
    default:
      return "a gallery application's own API";
  }
}
